"""GET/POST /api/documents/: the list, the detail with its text, and uploads through the import service."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from events.models import Document
from tests.factories import make_document, make_event

pytestmark = pytest.mark.django_db

RECORD = "青禾区大事记\n\n2020年\n\n1月\n\n27日　区政府召开第58次常务会议，研究疫情防控工作。\n".encode(
    "gb18030"
)


def upload(client, data: bytes = RECORD, name: str = "qinghe.txt", **fields):
    return client.post(
        "/api/documents/", {"file": SimpleUploadedFile(name, data), **fields}, format="multipart"
    )


def test_list_and_detail(client_anon):
    document = make_document(title="青禾区年鉴", text="1月27日，区委召开常委会议。", year=2020)
    make_event(document=document)

    listed = client_anon.get("/api/documents/").json()
    detail = client_anon.get(f"/api/documents/{document.pk}/").json()

    summary = {
        "id": document.pk,
        "title": "青禾区年鉴",
        "source_name": "",
        "source_encoding": "utf-8",
        "format": "text",
        "year": 2020,
        "imported_at": detail["imported_at"],
        "event_count": 1,
        "review_notes": [],
    }
    assert listed == {"count": 1, "next": None, "previous": None, "results": [summary]}
    assert detail == {**summary, "pages": [], "original": None, "text": "1月27日，区委召开常委会议。"}


def test_unknown_document_is_json_404(client_anon):
    response = client_anon.get("/api/documents/424242/")

    assert response.status_code == 404 and response.json() == {"detail": "没有编号为 424242 的文献。"}


def test_editor_uploads_a_document_and_gets_a_job(client_editor):
    """Without Redis (the tests' setting) the job runs in the request: it answers finished."""
    response = upload(client_editor, title="青禾区大事记（2020）", year=2020)

    assert response.status_code == 202, response.content
    job = response.json()
    document = Document.objects.get()
    assert response["Location"] == job["url"] == f"http://testserver/api/jobs/{job['id']}"
    assert job["status"] == "done" and job["progress"] == 100 and job["error"] == ""
    assert job["progress_text"] == f"已完成 · {job['events']} 个事件"
    assert job["document"] == {"id": document.pk, "title": "青禾区大事记（2020）"}
    assert job["file_name"] == "qinghe.txt" and job["year"] == 2020
    assert job["events"] == document.events.count() >= 1
    assert job["summary"].startswith('imported "青禾区大事记（2020）"')
    body = client_editor.get(f"/api/documents/{document.pk}/").json()
    assert body["source_name"] == "qinghe.txt" and body["source_encoding"].lower() in {"gb18030", "gbk"}
    assert client_editor.get(job["url"]).json() == job


def test_the_same_content_again_changes_nothing_and_says_so(client_editor):
    first = upload(client_editor).json()

    again = upload(client_editor, name="copy.txt")

    assert again.status_code == 202 and again.json()["document"]["id"] == first["document"]["id"]
    assert again.json()["summary"].startswith("unchanged:")
    assert Document.objects.count() == 1


def test_an_empty_file_is_400_at_once(client_editor):
    response = upload(client_editor, data=b"", name="empty.txt")

    assert response.status_code == 400 and list(response.json()["errors"]) == ["file"]
    assert Document.objects.count() == 0


def test_a_bad_file_makes_a_failed_job_with_the_services_one_line_message(client_editor):
    response = upload(client_editor, data=b"\x00\x01\x02\xff" * 100, name="bad.bin")

    assert response.status_code == 202
    job = response.json()
    assert job["status"] == "failed" and job["document"] is None
    assert job["error"] and "\n" not in job["error"]
    assert Document.objects.count() == 0


def test_jobs_are_for_importers_only(client_editor, client_reader, client_anon):
    url = upload(client_editor).json()["url"]

    assert client_editor.get("/api/jobs/").json()["count"] == 1
    assert client_reader.get(url).status_code == 403
    assert client_anon.get(url).status_code in (401, 403)
    assert client_editor.get("/api/jobs/424242/").status_code == 404


@pytest.mark.parametrize(
    "fields, field", [({"year": "twenty"}, "year"), ({"year": 0}, "year"), ({"title": "长" * 301}, "title")]
)
def test_invalid_upload_fields_are_400(client_editor, fields, field):
    response = upload(client_editor, **fields)

    assert response.status_code == 400 and field in response.json()["errors"]


def test_missing_file_is_400(client_editor):
    response = client_editor.post("/api/documents/", {"title": "x"}, format="multipart")

    assert response.status_code == 400 and list(response.json()["errors"]) == ["file"]


def test_anonymous_upload_is_refused(client_anon):
    response = upload(client_anon)

    assert response.status_code in (401, 403)
    assert response.json()["detail"]
    assert Document.objects.count() == 0


def test_user_without_add_permission_is_refused(client_reader):
    response = upload(client_reader)

    assert response.status_code == 403 and response.json()["detail"]
    assert Document.objects.count() == 0
