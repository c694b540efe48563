"""What the editors' work means for the API: rejected events hidden unless asked for, events
added by hand without a document, and the collection filter."""

import datetime

import pytest
from django.contrib.auth import get_user_model

from events.models import Collection
from events.services.compiling import event_add, event_reject
from tests.factories import make_document, make_event

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def someone():
    return get_user_model().objects.create_user("someone")


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [event["id"] for event in response.json()["results"]]


def test_a_rejected_event_is_hidden_from_lists_exports_and_timeline_unless_asked_for(client_anon, someone):
    kept, rejected = make_event(day=D(2020, 3, 5)), make_event(day=D(2020, 3, 6))
    event_reject(event=rejected, user=someone)
    assert ids(client_anon.get("/api/events/")) == [kept.pk]
    assert ids(client_anon.get("/api/events/?status=rejected")) == [rejected.pk]
    assert client_anon.get(f"/api/events/{rejected.pk}/").json()["status"] == "rejected"
    exported = b"".join(client_anon.get("/api/events/?format=jsonl").streaming_content).decode()
    assert f'"id": {rejected.pk},' not in exported and f'"id": {kept.pk},' in exported
    asked = b"".join(client_anon.get("/api/events/?format=csv&status=rejected").streaming_content).decode()
    assert asked.count("\n") == 2
    timeline = client_anon.get("/api/timeline/?year=2020").json()
    assert sum(month["count"] for month in timeline["months"]) == 1


def test_an_event_added_by_hand_has_no_document(client_anon, someone):
    event = event_add(user=someone, values={"date": "2020年3月5日", "title": "区长会见外宾"}, source="区外办")
    body = client_anon.get(f"/api/events/{event.pk}/").json()
    assert (body["document"], body["mentions"], body["status"]) == (None, [], "verified")
    assert client_anon.get("/timeline/2020/").status_code == 200
    page = client_anon.get(f"/events/{event.pk}/").content.decode()
    assert "区外办" in page and "编辑添加，没有原文出处" in page


def test_the_collection_filter_keeps_its_documents_events(client_anon):
    volume = Collection.objects.create(name="2020年卷")
    inside = make_event(document=make_document(collection=volume))
    make_event()
    assert ids(client_anon.get(f"/api/events/?collection={volume.pk}")) == [inside.pk]
    assert client_anon.get("/api/events/?collection=999").status_code == 400


def test_a_merged_events_page_shows_both_readings(client_anon):
    from events.services.editing import events_merge

    first = make_event(
        document=make_document(title="区委办总结", text="3月5日，开会。"),
        day=D(2020, 3, 5),
        date_text="3月5日",
    )
    second = make_event(
        document=make_document(title="青禾新闻", text="3月6日，开会。"), day=D(2020, 3, 6), date_text="3月6日"
    )
    for event in (first, second):
        event.mentions.create(
            document=event.document, start=0, end=len(event.document.text), text=event.document.text
        )
    get_user_model().objects.create_user("merger")
    events_merge(events=[first, second], user=get_user_model().objects.get(username="merger"))
    page = client_anon.get(f"/events/{first.pk}/").content.decode()
    assert "各来源所记日期不一" in page and "区委办总结" in page and "青禾新闻" in page


def test_a_date_typed_as_editors_write_it_corrects_through_patch(client_editor):
    event = make_event(document=make_document(year=2020), day=D(2020, 2, 1))
    response = client_editor.patch(f"/api/events/{event.pk}/", {"date": "腊月二十七"}, format="json")
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["start_date"], body["calendar"], body["date_text"], body["status"]) == (
        "2020-01-21",
        "lunar",
        "腊月二十七",
        "corrected",
    )
    refused = client_editor.patch(f"/api/events/{event.pk}/", {"date": "某日"}, format="json")
    assert refused.status_code == 400 and list(refused.json()["errors"]) == ["date"]


def test_the_document_page_does_not_link_a_rejected_events_statement(client_anon, someone):
    document = make_document(text="3月5日，区委召开常委会议。4月1日起施行新规划。")
    kept, rejected = (
        make_event(document=document, title="常委会议"),
        make_event(document=document, title="规划"),
    )
    kept.mentions.create(document=document, start=0, end=14, text=document.text[:14])
    rejected.mentions.create(document=document, start=14, end=len(document.text), text=document.text[14:])
    event_reject(event=rejected, user=someone)
    page = client_anon.get(f"/documents/{document.pk}/").content.decode()
    assert f"/events/{kept.pk}/" in page and f"/events/{rejected.pk}/" not in page
