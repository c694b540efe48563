"""The list and timeline answers are remembered per URL and chronology version: a repeated request
costs one query, and every write through the services (import, correction, merge, delete)
changes the answer at once."""

import datetime

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.models import Document, Event
from events.services.editing import event_correct, events_merge
from events.services.importing import document_import, document_reextract
from tests.factories import make_document, make_event, make_mention

pytestmark = pytest.mark.django_db
D = datetime.date
LIST = "/api/events/?year=2020&month=1"
TIMELINE = "/api/timeline/?year=2020"
YEARBOOK = (
    "青河区2020年大事记\n"
    "1月\n27日　区委召开常委会议，研究部署疫情防控工作。\n"
    "6月\n12日　区政府召开安全生产工作会议。\n"
)


@pytest.fixture(autouse=True)
def no_remembered_answers():
    caches["responses"].clear()
    yield
    caches["responses"].clear()


def titles(client, url=LIST) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200, response.content
    if url.startswith("/api/timeline/"):
        return [event["title"] for month in response.json()["months"] for event in month["events"]]
    return [event["title"] for event in response.json()["results"]]


def queries(client, url) -> tuple[int, bytes]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response.content


@pytest.mark.parametrize("url", [LIST, "/api/events/?page_size=1&page=2", TIMELINE, "/api/series/?year=2020"])
def test_a_repeated_request_is_one_query_and_the_same_bytes(client_anon, url):
    for day in (3, 17):
        make_mention(make_event(day=D(2020, 1, day), series_name="区委常委会", series_number=day), 0, 3)

    first, body = queries(client_anon, url)
    again, same = queries(client_anon, url)

    assert again == 1 < first  # only the chronology version is read
    assert same == body


def test_the_answer_is_the_same_for_every_caller(client_anon, client_reader):
    make_event(day=D(2020, 1, 3), title="区委召开常委会议")
    assert client_anon.get(LIST).content == client_reader.get(LIST).content
    assert client_reader.get(LIST).json()["results"][0]["title"] == "区委召开常委会议"


def test_an_import_changes_the_remembered_answers(client_anon):
    assert titles(client_anon) == [] and titles(client_anon, TIMELINE) == []

    document_import(data=YEARBOOK.encode(), title="青河大事记")

    assert titles(client_anon) == ["区委召开常委会议，研究部署疫情防控工作"]
    assert len(titles(client_anon, TIMELINE)) == 2


def test_a_reimport_and_a_reextraction_change_the_remembered_answer(client_anon):
    document = document_import(data=YEARBOOK.encode(), title="青河大事记").document
    assert len(titles(client_anon)) == 1

    document_import(data=YEARBOOK.replace("27日", "28日").encode(), title="青河大事记")
    assert client_anon.get(LIST).json()["results"][0]["start_date"] == "2020-01-28"

    Document.objects.filter(pk=document.pk).update(text=YEARBOOK.replace("27日", "29日"))  # no history
    document_reextract(document=Document.objects.get(pk=document.pk))
    assert client_anon.get(LIST).json()["results"][0]["start_date"] == "2020-01-29"


def test_a_correction_through_the_api_changes_the_remembered_answer(client_anon, client_editor):
    event = make_event(day=D(2020, 1, 27), title="旧标题")
    assert titles(client_anon) == ["旧标题"] and titles(client_anon, TIMELINE) == ["旧标题"]

    response = client_editor.patch(f"/api/events/{event.pk}/", {"title": "新标题"}, format="json")

    assert response.status_code == 200
    assert titles(client_anon) == ["新标题"] and titles(client_anon, TIMELINE) == ["新标题"]


def test_a_correction_changes_the_remembered_series(client_anon, client_editor):
    event = make_event(
        day=D(2020, 1, 27), title="区委常委会第1次会议", series_name="区委常委会", series_number=1
    )
    assert client_anon.get("/api/series/").json()[0]["sessions"][0]["start_date"] == "2020-01-27"

    response = client_editor.patch(
        f"/api/events/{event.pk}/", {"start_date": "2020-01-28", "end_date": "2020-01-28"}, format="json"
    )

    assert response.status_code == 200
    assert client_anon.get("/api/series/").json()[0]["sessions"][0]["start_date"] == "2020-01-28"


def test_a_correction_through_the_service_changes_the_remembered_answer(client_anon, editor):
    event = make_event(day=D(2020, 1, 27), title="旧标题")
    assert titles(client_anon) == ["旧标题"]

    event_correct(event=event, user=editor, changes={"start_date": "2020-02-03", "end_date": "2020-02-03"})

    assert titles(client_anon) == []
    assert titles(client_anon, "/api/events/?year=2020&month=2") == ["旧标题"]


def test_a_merge_changes_the_remembered_answer(client_anon, editor):
    document = make_document(text="1月3日，区委召开常委会议。1月3日，区委召开常委会。")
    first = make_event(document=document, day=D(2020, 1, 3), title="区委召开常委会议")
    second = make_event(document=document, day=D(2020, 1, 3), title="区委召开常委会")
    make_mention(first, 0, 14)
    make_mention(second, 14, 27)
    assert len(titles(client_anon)) == 2

    events_merge(events=[first, second], user=editor)

    results = client_anon.get(LIST).json()["results"]
    assert [e["id"] for e in results] == [first.pk]
    assert len(results[0]["mentions"]) == 2


def test_a_delete_changes_the_remembered_answer(client_anon):
    keep, gone = make_event(day=D(2020, 1, 3), title="留下"), make_event(day=D(2020, 1, 4), title="删去")
    assert titles(client_anon) == ["留下", "删去"] and titles(client_anon, TIMELINE) == ["留下", "删去"]

    gone.delete()
    assert titles(client_anon) == ["留下"] and titles(client_anon, TIMELINE) == ["留下"]

    Event.objects.filter(pk=keep.pk).delete()  # a bulk delete, as the admin's action does
    assert titles(client_anon) == [] and titles(client_anon, TIMELINE) == []


def test_deleting_a_document_changes_the_remembered_answer(client_anon):
    event = make_event(day=D(2020, 1, 3))
    assert len(titles(client_anon)) == 1

    Document.objects.filter(pk=event.document_id).delete()

    assert titles(client_anon) == []


def test_renaming_a_document_changes_the_remembered_answer(client_anon):
    event = make_event(day=D(2020, 1, 3))
    assert client_anon.get(LIST).json()["results"][0]["document"]["title"] == event.document.title

    document = Document.objects.get(pk=event.document_id)
    document.title = "改名的年鉴"
    document.save()

    assert client_anon.get(LIST).json()["results"][0]["document"]["title"] == "改名的年鉴"


def test_bad_parameters_are_still_refused_and_never_remembered(client_anon):
    make_event(day=D(2020, 1, 3))
    for _ in range(2):
        assert client_anon.get("/api/events/?year=2020&month=13").status_code == 400
        assert client_anon.get("/api/events/?page=2").status_code == 404
        assert client_anon.get("/api/timeline/?year=0").status_code == 400


def test_paging_agrees_with_the_count(client_anon):
    for day in range(1, 6):
        make_event(day=D(2020, 3, day))
    pages = [client_anon.get(f"/api/events/?page_size=2&page={n}").json() for n in (1, 2, 3)]
    assert [p["count"] for p in pages] == [5, 5, 5]
    assert [len(p["results"]) for p in pages] == [2, 2, 1]
    assert pages[0]["previous"] is None and pages[2]["next"] is None
    assert pages[1]["next"].endswith("page=3&page_size=2")
    ids = [e["id"] for p in pages for e in p["results"]]
    assert ids == sorted(ids) and len(set(ids)) == 5


def test_exports_are_not_remembered(client_anon):
    def csv() -> str:
        return b"".join(client_anon.get(LIST + "&format=csv").streaming_content).decode()

    make_event(day=D(2020, 1, 3), title="旧标题")
    assert "旧标题" in csv()
    Event.objects.update(title="新标题")  # no history: an export would show a stale title if cached
    assert "新标题" in csv()


def test_each_filter_has_its_own_count_and_a_next_page_reuses_it(client_anon):
    for day in range(1, 4):
        make_event(day=D(2020, 3, day), type="meeting")
    make_event(day=D(2020, 3, 9), type="other")

    assert client_anon.get("/api/events/?type=meeting&page_size=1").json()["count"] == 3
    assert client_anon.get("/api/events/?type=other&page_size=1").json()["count"] == 1
    assert client_anon.get("/api/events/?page_size=1").json()["count"] == 4
    with CaptureQueriesContext(connection) as captured:
        page = client_anon.get("/api/events/?page=2&type=meeting&page_size=1").json()
    assert page["count"] == 3 and len(page["results"]) == 1
    assert len(captured) == 3  # version, ids (the count remembered), rows with their mentions


def test_a_mention_edited_on_its_own_changes_the_remembered_answer(client_anon):
    event = make_event(day=D(2020, 1, 3))
    mention = make_mention(event, 0, 3)
    assert client_anon.get(LIST).json()["results"][0]["mentions"][0]["section"] == ""

    mention.section = "组织工作 › 【基层党建】"
    mention.save()  # as the Mention admin does: no event or document changes

    assert client_anon.get(LIST).json()["results"][0]["mentions"][0]["section"] == "组织工作 › 【基层党建】"
