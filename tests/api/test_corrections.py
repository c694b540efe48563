"""PATCH /api/events/{id}/: editors correct dates, title and type through the shared editing service."""

import datetime

import pytest

from events.models import Event
from tests.factories import make_event

pytestmark = pytest.mark.django_db
D = datetime.date


def test_editor_corrects_dates_and_the_event_becomes_corrected(client_editor, editor):
    event = make_event(day=D(2020, 1, 27), title="区委召开常委会议", date_text="1月27日")

    response = client_editor.patch(
        f"/api/events/{event.pk}/",
        {
            "start_date": "2020-03-01",
            "end_date": "2020-03-31",
            "precision": "month",
            "title": "区委召开全会",
            "type": "meeting",
            "calendar": "gregorian",
            "time": "morning",
        },
        format="json",
    )

    assert response.status_code == 200, response.content
    body = response.json()
    assert body == {**client_editor.get(f"/api/events/{event.pk}/").json(), "status": "corrected"}
    assert (body["start_date"], body["end_date"], body["precision"]) == ("2020-03-01", "2020-03-31", "month")
    assert (body["title"], body["time"]) == ("区委召开全会", "morning")
    event.refresh_from_db()
    assert event.status == "corrected"
    assert (
        event.machine_reading["start_date"] == "2020-01-27"
        and event.machine_reading["title"] == "区委召开常委会议"
    )
    assert event.history.first().history_user == editor


def test_a_session_user_with_permission_may_correct(editor, event_factory=make_event):
    from rest_framework.test import APIClient

    event = event_factory()
    client = APIClient()
    client.force_login(editor)

    response = client.patch(f"/api/events/{event.pk}/", {"type": "training"}, format="json")

    assert response.status_code == 200 and response.json()["type"] == "training"


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"end_date": "2020-01-01"}, "end_date"),  # before the start
        ({"precision": "month"}, "precision"),  # one day is not a whole month
        ({"start_date": "not a date"}, "start_date"),
        ({"type": "party"}, "type"),
        ({"time": "25:00"}, "time"),
        ({"status": "verified"}, "status"),  # not editable here
        ({}, "non_field_errors"),
    ],
)
def test_invalid_corrections_are_400_naming_the_field(client_editor, changes, field):
    event = make_event(day=D(2020, 1, 27))

    response = client_editor.patch(f"/api/events/{event.pk}/", changes, format="json")

    assert response.status_code == 400, response.content
    assert field in response.json()["errors"]
    assert Event.objects.get(pk=event.pk).status == "extracted"


def test_anonymous_correction_is_refused(client_anon):
    event = make_event()

    response = client_anon.patch(f"/api/events/{event.pk}/", {"title": "x"}, format="json")

    assert response.status_code in (401, 403) and response.json()["detail"]
    assert Event.objects.get(pk=event.pk).title == event.title


def test_user_without_change_permission_is_refused(client_reader):
    event = make_event()

    response = client_reader.patch(f"/api/events/{event.pk}/", {"title": "x"}, format="json")

    assert response.status_code == 403 and response.json()["detail"]


@pytest.mark.parametrize("method", ["put", "delete", "post"])
def test_other_writes_are_405_json(client_editor, method):
    event = make_event()
    url = "/api/events/" if method == "post" else f"/api/events/{event.pk}/"

    response = getattr(client_editor, method)(url, {}, format="json")

    assert response.status_code == 405 and response.json()["detail"]


def test_correcting_an_unknown_event_is_404(client_editor):
    assert client_editor.patch("/api/events/999999/", {"title": "x"}, format="json").status_code == 404


def test_a_member_of_the_editors_group_may_correct_and_upload_but_not_delete():
    from django.contrib.auth.models import Group, User
    from rest_framework.test import APIClient

    member = User.objects.create_user("member")
    member.groups.add(Group.objects.get(name="editors"))
    client = APIClient()
    client.force_authenticate(member)
    event = make_event()

    assert client.patch(f"/api/events/{event.pk}/", {"type": "visit"}, format="json").status_code == 200
    assert client.post("/api/documents/", {}, format="multipart").status_code == 400  # allowed, but no file
    assert client.delete(f"/api/documents/{event.document_id}/").status_code == 405
