"""?format=csv|ics|jsonl on the event list: the whole filtered query, precision and date as written kept."""

import csv
import datetime
import io
import json

import pytest
from icalendar import Calendar

from tests.factories import make_document, make_event

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def events():
    document = make_document(title="青禾区年鉴")
    return [
        make_event(
            document=document,
            day=D(2020, 1, 27),
            title="区政府召开第58次常务会议",
            date_text="1月27日",
            time="19:00",
            series_name="区政府常务会议",
            series_number=58,
            people=["赵明远", "陈静"],
        ),
        make_event(
            document=document,
            start_date=D(2020, 3, 1),
            end_date=D(2020, 3, 31),
            precision="month",
            title="=开展植树活动",
            date_text="3月",
            type="activity",
            description='全区，"义务"植树',
        ),
        make_event(
            document=document,
            start_date=D(2021, 2, 8),
            end_date=D(2021, 2, 8),
            calendar="lunar",
            title="春节慰问",
            date_text="腊月二十七",
            type="visit",
        ),
    ]


def body(response) -> bytes:
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def test_csv_has_bom_header_and_one_row_per_event(client_anon, events):
    response = client_anon.get("/api/events/?format=csv&year=2020&page_size=1")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="chronicle-events.csv"' in response["Content-Disposition"]
    raw = body(response)
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [row["id"] for row in rows] == [str(events[0].pk), str(events[1].pk)]  # not one page: all of 2020
    assert rows[0] == {
        "id": str(events[0].pk),
        "title": "区政府召开第58次常务会议",
        "description": events[0].description,
        "start_date": "2020-01-27",
        "end_date": "2020-01-27",
        "precision": "day",
        "calendar": "gregorian",
        "date_text": "1月27日",
        "time": "19:00",
        "type": "meeting",
        "series_name": "区政府常务会议",
        "series_number": "58",
        "people": "赵明远、陈静",
        "organizations": "",
        "document_id": str(events[0].document_id),
        "document_title": "青禾区年鉴",
        "status": "extracted",
        "url": f"http://testserver/events/{events[0].pk}/",
    }
    assert (rows[1]["precision"], rows[1]["date_text"], rows[1]["end_date"]) == ("month", "3月", "2020-03-31")
    assert rows[1]["title"] == "'=开展植树活动"  # Excel must not run it as a formula
    assert rows[1]["description"] == '全区，"义务"植树'


def test_ics_is_a_calendar_of_all_day_events(client_anon, events):
    response = client_anon.get("/api/events/?format=ics")

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(body(response))
    vevents = calendar.walk("VEVENT")
    assert [str(v["UID"]) for v in vevents] == [f"event-{e.pk}@chronicle" for e in events]
    month = vevents[1]
    assert month.decoded("DTSTART") == D(2020, 3, 1)
    assert month.decoded("DTEND") == D(2020, 4, 1)  # exclusive: the day after the 31st
    assert str(month["X-CHRONICLE-PRECISION"]) == "month"
    assert str(month["X-CHRONICLE-DATE-TEXT"]) == "3月"
    assert str(month["URL"]) == f"http://testserver/events/{events[1].pk}/"
    assert f"/events/{events[1].pk}/" in str(month["DESCRIPTION"]) and "3月" in str(month["DESCRIPTION"])
    assert str(vevents[2]["X-CHRONICLE-DATE-TEXT"]) == "腊月二十七"
    assert str(calendar["VERSION"]) == "2.0" and "PRODID" in calendar


def test_jsonl_has_one_api_event_per_line(client_anon, events):
    response = client_anon.get("/api/events/?format=jsonl&type=visit")

    lines = body(response).decode().splitlines()
    assert [json.loads(line) for line in lines] == [client_anon.get(f"/api/events/{events[2].pk}/").json()]


def test_export_errors_are_json(client_anon, events):
    response = client_anon.get("/api/events/?format=csv&year=abc")

    assert response.status_code == 400 and response["Content-Type"] == "application/json"
    assert list(response.json()["errors"]) == ["year"]


def test_export_too_large_is_refused(client_anon, events, monkeypatch):
    monkeypatch.setattr("events.exports.EXPORT_LIMIT", 2)

    response = client_anon.get("/api/events/?format=jsonl")

    assert response.status_code == 400 and list(response.json()["errors"]) == ["format"]
