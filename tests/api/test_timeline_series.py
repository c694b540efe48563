"""GET /api/timeline/ and /api/series/."""

import datetime

import pytest

from events.models import Event
from tests.factories import make_document, make_event

pytestmark = pytest.mark.django_db
D = datetime.date


def test_timeline_has_twelve_months_with_counts_and_events(client_anon):
    january = make_event(day=D(2020, 1, 27))
    march = [make_event(day=D(2020, 3, day)) for day in (20, 5)]
    make_event(day=D(2021, 3, 5))

    response = client_anon.get("/api/timeline/?year=2020")

    assert response.status_code == 200
    body = response.json()
    assert body["year"] == 2020
    assert [m["month"] for m in body["months"]] == [f"2020-{n:02d}" for n in range(1, 13)]
    assert [m["count"] for m in body["months"]] == [1, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0]
    assert body["months"][0]["events"] == [client_anon.get(f"/api/events/{january.pk}/").json()]
    assert [e["id"] for e in body["months"][2]["events"]] == [march[1].pk, march[0].pk]


def test_timeline_per_month_caps_the_list_not_the_count(client_anon):
    for day in (1, 2, 3):
        make_event(day=D(2020, 5, day))

    may = client_anon.get("/api/timeline/?year=2020&per_month=2").json()["months"][4]

    assert may["count"] == 3 and len(may["events"]) == 2


def test_timeline_lists_twenty_a_month_unless_asked_for_more(client_anon):
    document = make_document()
    Event.objects.bulk_create(
        Event(
            document=document,
            title=f"会议{n}",
            start_date=D(2020, 6, 1 + n % 28),
            end_date=D(2020, 6, 1 + n % 28),
            fingerprint=f"june-{n}",
        )
        for n in range(25)
    )

    june = client_anon.get("/api/timeline/?year=2020").json()["months"][5]
    every = client_anon.get("/api/timeline/?year=2020&per_month=1000").json()["months"][5]

    assert june["count"] == every["count"] == 25
    assert len(june["events"]) == 20 and len(every["events"]) == 25


@pytest.mark.parametrize(
    "query, field",
    [("", "year"), ("year=abc", "year"), ("year=0", "year"), ("year=2020&per_month=-1", "per_month")],
)
def test_timeline_needs_a_valid_year(client_anon, query, field):
    response = client_anon.get(f"/api/timeline/?{query}")

    assert response.status_code == 400 and list(response.json()["errors"]) == [field]


def test_series_lists_sessions_in_order_with_missing_and_out_of_order_numbers(client_anon):
    document = make_document(title="青禾区年鉴")
    sessions = {
        n: make_event(
            document=document,
            title=f"区政府第{n}次常务会议",
            series_name="区政府常务会议",
            series_number=n,
            day=day,
            date_text=f"{day.month}月{day.day}日",
        )
        for n, day in [(60, D(2020, 4, 2)), (57, D(2020, 3, 3)), (58, D(2020, 3, 20)), (61, D(2020, 3, 25))]
    }
    make_event(series_name="", day=D(2020, 1, 1))

    response = client_anon.get("/api/series/")

    assert response.status_code == 200
    s57 = sessions[57]
    assert response.json() == [
        {
            "name": "区政府常务会议",
            "sessions": [
                {
                    "number": n,
                    "id": sessions[n].pk,
                    "title": f"区政府第{n}次常务会议",
                    "start_date": sessions[n].start_date.isoformat(),
                    "end_date": sessions[n].end_date.isoformat(),
                    "precision": "day",
                    "date_text": sessions[n].date_text,
                    "document": {"id": document.pk, "title": "青禾区年鉴"},
                }
                for n in (57, 58, 60, 61)
            ],
            "missing": [59],
            "out_of_order": [61],
            "duplicates": [],
        }
    ]
    assert s57.series == {"name": "区政府常务会议", "number": 57}


def test_series_can_be_narrowed_to_a_year_or_document(client_anon):
    make_event(series_name="区委常委会", series_number=1, day=D(2020, 1, 1))
    later = make_event(series_name="区委常委会", series_number=5, day=D(2021, 1, 1))

    only_2021 = client_anon.get("/api/series/?year=2021").json()
    by_document = client_anon.get(f"/api/series/?document={later.document_id}").json()

    assert [s["id"] for s in only_2021[0]["sessions"]] == [later.pk] and only_2021[0]["missing"] == []
    assert by_document == only_2021
    assert client_anon.get("/api/series/?document=x").status_code == 400
