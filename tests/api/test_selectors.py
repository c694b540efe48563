"""The shared reads: event filters, timeline months, meeting series, calendar grid."""

import datetime

import pytest

from events import selectors
from tests.factories import make_document, make_event, make_mention

pytestmark = pytest.mark.django_db
D = datetime.date


def test_event_list_filters_by_overlap_type_and_words():
    doc = make_document()
    inside = make_event(document=doc, title="区政府召开常务会议", day=D(2020, 3, 5))
    spanning = make_event(document=doc, start_date=D(2020, 2, 1), end_date=D(2020, 3, 31), type="activity")
    make_event(document=doc, day=D(2020, 5, 1))

    march = selectors.event_list(date_after=D(2020, 3, 1), date_before=D(2020, 3, 31))
    assert list(march) == [spanning, inside]
    assert list(selectors.event_list(year=2020, month=3, type="meeting")) == [inside]
    assert list(selectors.event_list(q="常务 区政府")) == [inside]
    assert list(selectors.event_list(ordering="-start_date"))[0].start_date == D(2020, 5, 1)


def test_timeline_places_each_event_once_in_its_start_month():
    make_event(start_date=D(2019, 12, 30), end_date=D(2020, 1, 2))
    march = make_event(day=D(2020, 3, 5))
    make_event(start_date=D(2020, 1, 1), end_date=D(2020, 12, 31), precision="year")
    make_event(day=D(2021, 1, 1))

    months = selectors.timeline_months(year=2020)

    assert [m.count for m in months] == [2, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]
    assert months[2].events == [march] and months[0].month == D(2020, 1, 1)
    assert [len(m.events) for m in selectors.timeline_months(year=2020, per_month=1)][:3] == [1, 0, 1]


def test_series_overview_reports_missing_and_out_of_order_numbers():
    days = [(57, 1), (58, 9), (60, 20), (61, 27), (62, 5)]
    for number, day in days:
        make_event(series_name="区政府常务会议", series_number=number, day=D(2020, 3, day))
    make_event(series_name="区委常委会", series_number=None, day=D(2020, 1, 1))

    overview = {s.name: s for s in selectors.series_overview()}

    gov = overview["区政府常务会议"]
    assert [s.number for s in gov.sessions] == [57, 58, 60, 61, 62]
    assert gov.missing == [59]
    assert gov.out_of_order == [62]
    assert overview["区委常委会"].missing == [] and len(overview["区委常委会"].sessions) == 1


def test_one_misdated_session_flags_only_itself():
    for number, month in [(1, 1), (2, 12), (3, 3), (4, 4), (5, 5)]:
        make_event(series_name="常委会", series_number=number, day=D(2020, month, 1))

    assert selectors.series_overview()[0].out_of_order == [2]


def test_calendar_month_weeks_start_monday_and_wider_events_stand_beside():
    day = make_event(start_date=D(2020, 3, 2), end_date=D(2020, 3, 3))
    xun = make_event(start_date=D(2020, 3, 11), end_date=D(2020, 3, 20), precision="xun")
    month = make_event(start_date=D(2020, 3, 1), end_date=D(2020, 3, 31), precision="month")
    year = make_event(start_date=D(2020, 1, 1), end_date=D(2020, 12, 31), precision="year")

    grid = selectors.calendar_month(year=2020, month=3)

    assert grid.weeks[0][0].date == D(2020, 2, 24) and grid.weeks[0][0].date.weekday() == 0
    assert not grid.weeks[0][0].in_month and grid.weeks[-1][-1].date == D(2020, 4, 5)
    covered = [d.date.day for week in grid.weeks for d in week if d.events]
    assert covered == [2, 3] and grid.weeks[1][0].events == [day]
    assert [x.events for x in grid.xuns] == [[], [xun], []] and grid.xuns[2].end == D(2020, 3, 31)
    assert grid.month_events == [year, month]


def test_date_filters_still_find_an_event_made_longer_after_the_span_was_remembered(editor):
    from events.services.editing import event_correct

    make_event(day=D(2020, 6, 1))
    assert list(selectors.event_list(date_after=D(2020, 6, 10))) == []  # remembers a one-day span
    plan = make_event(start_date=D(2020, 5, 1), end_date=D(2020, 5, 2), precision="day")

    assert list(selectors.event_list(date_after=D(2020, 6, 10))) == []
    event_correct(event=plan, user=editor, changes={"end_date": D(2021, 5, 2)})

    assert list(selectors.event_list(date_after=D(2020, 6, 10))) == [plan]
    assert selectors.longest_event_span() == datetime.timedelta(days=366)


def test_event_rows_keep_the_order_asked_with_every_mention_in_text_order():
    doc = make_document(text="一二三四五六七八九十")
    first, second, bare = make_event(document=doc), make_event(document=doc), make_event(document=doc)
    make_mention(first, 5, 8)
    make_mention(first, 0, 3)
    make_mention(second, 2, 4, section="大事记")

    rows = selectors.event_rows([second.pk, 987654, bare.pk, first.pk])

    assert [row["id"] for row in rows] == [second.pk, bare.pk, first.pk]
    assert [m["start"] for m in rows[2]["mentions"]] == [0, 5] and rows[1]["mentions"] == []
    assert rows[0]["mentions"] == [{"start": 2, "end": 4, "text": "三四", "section": "大事记", "page": None}]
    assert rows[0]["people"] == [] and rows[0]["document__title"] == doc.title
    assert selectors.event_rows([]) == []


def test_an_event_sits_in_the_month_it_starts_or_in_january_when_it_began_before_the_year():
    assert selectors.month_of(datetime.date(2020, 3, 5), year=2020) == 3
    assert selectors.month_of(datetime.date(2019, 12, 28), year=2020) == 1
