"""GET /api/events/ and /api/events/{id}/: the whole Event shape, every filter, 400s, query count."""

import datetime

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.caching import RESPONSE_CACHE
from tests.factories import make_document, make_event, make_mention

pytestmark = pytest.mark.django_db
D = datetime.date


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [event["id"] for event in response.json()["results"]]


def test_detail_returns_every_field_of_the_spec(client_anon):
    document = make_document(
        title="青禾区年鉴（2024）", text="【大事记】1月27日晚7时，区政府召开第58次常务会议。"
    )
    event = make_event(
        document=document,
        title="区政府召开第58次常务会议",
        description="研究疫情防控工作。",
        day=D(2020, 1, 27),
        date_text="1月27日",
        time="19:00",
        series_name="区政府常务会议",
        series_number=58,
        people=["赵明远"],
        organizations=["区政府"],
    )
    make_mention(event, 5, len(document.text), section="大事记")

    response = client_anon.get(f"/api/events/{event.pk}/")

    assert response.status_code == 200
    assert response.json() == {
        "id": event.pk,
        "title": "区政府召开第58次常务会议",
        "description": "研究疫情防控工作。",
        "start_date": "2020-01-27",
        "end_date": "2020-01-27",
        "precision": "day",
        "calendar": "gregorian",
        "date_text": "1月27日",
        "time": "19:00",
        "type": "meeting",
        "series": {"name": "区政府常务会议", "number": 58},
        "people": ["赵明远"],
        "organizations": ["区政府"],
        "document": {"id": document.pk, "title": "青禾区年鉴（2024）"},
        "mentions": [{"start": 5, "end": len(document.text), "text": document.text[5:], "section": "大事记",
                      "page": None}],
        "status": "extracted",
    }


def test_detail_without_series_time_or_mentions(client_anon):
    event = make_event(precision="month", start_date=D(2020, 3, 1), end_date=D(2020, 3, 31), date_text="3月")

    body = client_anon.get(f"/api/events/{event.pk}/").json()

    assert (body["series"], body["time"], body["mentions"], body["precision"]) == (None, None, [], "month")


def test_list_is_paginated_in_date_order(client_anon):
    late, early = make_event(day=D(2020, 5, 1)), make_event(day=D(2020, 1, 1))

    body = client_anon.get("/api/events/").json()

    assert body["count"] == 2 and body["next"] is None and body["previous"] is None
    assert [e["id"] for e in body["results"]] == [early.pk, late.pk]
    assert body["results"][0] == client_anon.get(f"/api/events/{early.pk}/").json()


@pytest.fixture
def spread():
    """Events chosen so that each filter keeps a different subset."""
    doc_a, doc_b = make_document(), make_document()

    def make(**fields):
        return make_event(description=fields.pop("description", ""), **fields)

    return {
        "jan": make(
            document=doc_a,
            day=D(2020, 1, 27),
            title="区委常委会议",
            type="meeting",
            series_name="区委常委会",
            series_number=102,
        ),
        "feb_march": make(
            document=doc_a,
            start_date=D(2020, 2, 25),
            end_date=D(2020, 3, 2),
            title="春耕培训",
            description="全区农技人员参加",
            type="training",
        ),
        "march": make(
            document=doc_b,
            start_date=D(2020, 3, 1),
            end_date=D(2020, 3, 31),
            precision="month",
            title="植树活动",
            type="activity",
        ),
        "dec": make(
            document=doc_b,
            day=D(2020, 12, 31),
            title="区政府常务会议",
            type="meeting",
            series_name="区政府常务会议",
            series_number=71,
        ),
        "next_year": make(
            document=doc_b,
            day=D(2021, 2, 8),
            title="春节慰问",
            type="visit",
            calendar="lunar",
            date_text="腊月二十七",
        ),
    }


@pytest.mark.parametrize(
    "query, expected",
    [
        ("", ["jan", "feb_march", "march", "dec", "next_year"]),
        ("date_after=2020-03-01", ["feb_march", "march", "dec", "next_year"]),
        ("date_before=2020-02-28", ["jan", "feb_march"]),
        ("date_after=2020-03-02&date_before=2020-03-02", ["feb_march", "march"]),
        ("year=2021", ["next_year"]),
        ("year=2020&month=3", ["feb_march", "march"]),
        ("year=2020&month=2", ["feb_march"]),
        ("type=meeting", ["jan", "dec"]),
        ("precision=month", ["march"]),
        ("series=区委常委会", ["jan"]),
        ("q=会议", ["jan", "dec"]),
        ("q=农技", ["feb_march"]),
        ("q=区政府 常务", ["dec"]),
        ("ordering=-start_date", ["next_year", "dec", "march", "feb_march", "jan"]),
        ("ordering=start_date&type=meeting&year=2020", ["jan", "dec"]),
    ],
)
def test_each_filter(client_anon, spread, query, expected):
    assert ids(client_anon.get(f"/api/events/?{query}")) == [spread[name].pk for name in expected]


def test_document_filter(client_anon, spread):
    document = spread["march"].document_id
    assert ids(client_anon.get(f"/api/events/?document={document}")) == [
        spread[name].pk for name in ("march", "dec", "next_year")
    ]


def test_page_and_page_size(client_anon):
    events = [make_event(day=D(2020, 1, day)) for day in range(1, 6)]

    first = client_anon.get("/api/events/?page_size=2").json()
    last = client_anon.get("/api/events/?page_size=2&page=3").json()

    assert first["count"] == 5 and [e["id"] for e in first["results"]] == [events[0].pk, events[1].pk]
    assert first["next"].endswith("/api/events/?page=2&page_size=2")
    assert [e["id"] for e in last["results"]] == [events[4].pk] and last["next"] is None


@pytest.mark.parametrize(
    "query, field",
    [
        ("date_after=someday", "date_after"),
        ("date_before=2020-02-30", "date_before"),
        ("date_after=2020-05-01&date_before=2020-04-01", "date_before"),
        ("year=twenty", "year"),
        ("year=0", "year"),
        ("month=3", "month"),
        ("year=2020&month=13", "month"),
        ("type=party", "type"),
        ("precision=week", "precision"),
        ("document=abc", "document"),
        ("document=999999", "document"),
        ("ordering=title", "ordering"),
        ("page=0", "page"),
        ("page=x", "page"),
        ("page_size=501", "page_size"),
        ("page_size=0", "page_size"),
        ("format=xml", "format"),
        ("q=" + "长" * 201, "q"),
    ],
)
def test_invalid_values_answer_400_naming_the_parameter(client_anon, query, field):
    make_event()

    response = client_anon.get(f"/api/events/?{query}")

    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert list(body["errors"]) == [field]
    assert field in body["detail"]


def test_page_past_the_end_is_404_with_a_message(client_anon):
    make_event()

    response = client_anon.get("/api/events/?page=3")

    assert response.status_code == 404
    assert response.json() == {"detail": "第 3 页不存在；共 1 页。"}


def test_unknown_event_is_json_404(client_anon):
    response = client_anon.get("/api/events/987654/")

    assert response.status_code == 404
    assert response.json() == {"detail": "没有编号为 987654 的事件。"}


def _queries_for(client, page_size: int) -> int:
    caches[RESPONSE_CACHE].clear()  # a first request: nothing remembered
    with CaptureQueriesContext(connection) as captured:
        response = client.get(f"/api/events/?page_size={page_size}&type=meeting&q=会议")
    assert response.status_code == 200 and len(response.json()["results"]) == page_size
    return len(captured)


def test_query_count_does_not_grow_with_page_size(client_anon):
    for day in range(1, 29):
        event = make_event(day=D(2020, 2, day))
        make_mention(event, 0, 3)
        make_mention(event, 3, 6)

    # The version, the count, the page's ids, its rows with their mentions.
    assert _queries_for(client_anon, 2) == _queries_for(client_anon, 25) <= 4


@pytest.fixture
def months_of_2020():
    return {month: make_event(day=D(2020, month, 15), description="") for month in (1, 2, 3, 4)}


@pytest.mark.parametrize(
    "query, expected_months",
    [
        ("date_after=2020年3月", [3, 4]),  # the start of March
        ("date_before=2020年3月", [1, 2, 3]),  # the end of March
        ("date_after=March 2020&date_before=March 2020", [3]),
        ("date_after=5 Mar 2020&date_before=2020-03-20", [3]),
        ("date_before=腊月二十七&year=2020", [1]),  # 2020-01-21, read in the year asked for
        ("date_after=2020-02&date_before=2020年3月", [2, 3]),
    ],
)
def test_date_filters_read_dates_as_people_write_them(client_anon, months_of_2020, query, expected_months):
    assert ids(client_anon.get(f"/api/events/?{query}")) == [months_of_2020[m].pk for m in expected_months]


def test_unreadable_human_date_names_the_parameter(client_anon):
    response = client_anon.get("/api/events/?date_before=下个礼拜左右")

    assert response.status_code == 400
    assert response.json()["errors"] == {
        "date_before": [
            "无法识别的日期“下个礼拜左右”。"
            "请使用 YYYY-MM-DD，或 2020年3月、腊月二十七、March 2020、5 Mar 2020 这样的写法。"
        ]
    }


def test_text_search_ignores_case_of_latin_letters(client_anon):
    covid = make_event(title="召开COVID-19防控会议", description="")
    make_event(title="召开安全生产会议", description="")

    assert ids(client_anon.get("/api/events/?q=covid")) == [covid.pk]
    assert ids(client_anon.get("/api/events/?q=防控 Covid")) == [covid.pk]
