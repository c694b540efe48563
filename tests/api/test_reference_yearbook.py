"""The reference yearbook through the API: uploaded by an editor, read back as series and a timeline."""
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def test_uploaded_yearbook_shows_the_missing_government_meeting(client_editor, client_anon, yearbook_path):
    upload = SimpleUploadedFile(yearbook_path.name, yearbook_path.read_bytes())
    created = client_editor.post("/api/documents/", {"file": upload}, format="multipart")
    assert created.status_code == 202 and created.json()["status"] == "done", created.content

    series = {s["name"]: s for s in client_anon.get("/api/series/").json()}
    year = client_anon.get(f"/api/documents/{created.json()['document']['id']}/").json()["year"]
    timeline = client_anon.get(f"/api/timeline/?year={year}").json()
    in_year = client_anon.get(f"/api/events/?year={year}").json()["count"]

    government = series["区政府常务会议"]
    numbers = [session["number"] for session in government["sessions"]]
    assert numbers == sorted(numbers) and 58 in numbers and 60 in numbers
    assert 59 in government["missing"] and 59 not in numbers
    assert sum(month["count"] for month in timeline["months"]) == in_year  # each event once
    assert all(len(month["events"]) == month["count"] for month in timeline["months"])
