"""The 大事记 laid out as a yearbook prints it: month headings, day labels, 同日, 旬, 是月, 是年."""

import datetime

import pytest

from events.chronicle_book import chronicle_book, date_in_words, entry_text
from events.services.editing import read_typed_date
from tests.factories import make_document, make_event

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.mark.parametrize(
    ("start", "end", "precision", "calendar", "label"),
    [
        (D(2020, 3, 5), D(2020, 3, 5), "day", "gregorian", "5日"),
        (D(2020, 3, 2), D(2020, 3, 4), "day", "gregorian", "2—4日"),
        (D(2020, 3, 30), D(2020, 4, 2), "day", "gregorian", "30日—4月2日"),
        (D(2020, 12, 30), D(2021, 1, 2), "day", "gregorian", "30日—2021年1月2日"),
        (D(2020, 1, 21), D(2020, 1, 21), "day", "lunar", "21日（农历腊月二十七）"),
        (D(2020, 3, 1), D(2020, 3, 10), "xun", "gregorian", "上旬"),
        (D(2020, 3, 21), D(2020, 3, 31), "xun", "gregorian", "下旬"),
        (D(2020, 3, 1), D(2020, 3, 31), "month", "gregorian", "是月"),
        (D(2020, 3, 1), D(2020, 5, 31), "month", "gregorian", "3—5月"),
        (D(2020, 1, 1), D(2020, 3, 31), "quarter", "gregorian", "第一季度"),
        (D(2020, 1, 1), D(2020, 6, 30), "half", "gregorian", "上半年"),
        (D(2020, 1, 1), D(2020, 12, 31), "year", "gregorian", "是年"),
    ],
)
def test_each_precision_has_the_yearbooks_label(start, end, precision, calendar, label):
    make_event(start_date=start, end_date=end, precision=precision, calendar=calendar, date_text="")
    (entry,) = chronicle_book(year=2020).entries
    assert entry.label == label


def test_entries_follow_the_yearbooks_order_within_a_month():
    rows = [
        ("是月", D(2020, 3, 1), D(2020, 3, 31), "month"),
        ("上旬", D(2020, 3, 1), D(2020, 3, 10), "xun"),
        ("12日", D(2020, 3, 12), D(2020, 3, 12), "day"),
        ("10日", D(2020, 3, 10), D(2020, 3, 10), "day"),
        ("第一季度", D(2020, 1, 1), D(2020, 3, 31), "quarter"),
        ("同日", D(2020, 3, 10), D(2020, 3, 10), "day"),
        ("1日", D(2020, 3, 1), D(2020, 3, 1), "day"),
    ]
    for text, start, end, precision in rows:
        make_event(start_date=start, end_date=end, precision=precision, description=text, date_text="")
    book = chronicle_book(year=2020)
    assert [month.heading for month in book.months] == ["3月"]
    assert [(e.label, e.text) for e in book.months[0].entries] == [
        ("1日", "1日"),
        ("10日", "10日"),
        ("同日", "同日"),
        ("上旬", "上旬"),
        ("12日", "12日"),
        ("是月", "是月"),
        ("第一季度", "第一季度"),
    ]


def test_rejected_undated_and_other_years_events_stay_out():
    kept = make_event(day=D(2020, 5, 1))
    make_event(day=D(2020, 5, 2), status="rejected")
    make_event(day=D(4, 5, 3), year_known=False)
    make_event(day=D(2021, 5, 4))
    assert [entry.id for entry in chronicle_book(year=2020).entries] == [kept.pk]


@pytest.mark.parametrize(
    ("description", "date_text", "text"),
    [
        ("1 月 16 日，区长主持召开常务会议。", "1 月 16 日", "区长主持召开常务会议。"),
        ("12月上旬举办了6期培训班。", "12月上旬", "举办了6期培训班。"),
        ("区委于3月5日召开常委会议。", "3月5日", "区委于3月5日召开常委会议。"),
        ("", "3月5日", "标题"),
    ],
)
def test_an_entry_prints_the_statement_without_the_date_it_opens_with(description, date_text, text):
    assert entry_text(make_event(description=description, date_text=date_text, title="标题")) == text


@pytest.mark.parametrize(
    ("start", "end", "precision", "calendar"),
    [
        (D(2020, 3, 5), D(2020, 3, 5), "day", "gregorian"),
        (D(2020, 3, 30), D(2020, 4, 2), "day", "gregorian"),
        (D(2020, 3, 11), D(2020, 3, 20), "xun", "gregorian"),
        (D(2020, 3, 1), D(2020, 3, 31), "month", "gregorian"),
        (D(2020, 4, 1), D(2020, 6, 30), "quarter", "gregorian"),
        (D(2020, 7, 1), D(2020, 12, 31), "half", "gregorian"),
        (D(2020, 1, 21), D(2020, 1, 21), "day", "lunar"),
    ],
)
def test_the_date_in_words_reads_back_as_the_same_date(start, end, precision, calendar):
    event = make_event(
        document=make_document(year=2020),
        start_date=start,
        end_date=end,
        precision=precision,
        calendar=calendar,
        date_text="",
    )
    read = read_typed_date(date_in_words(event), year=2020)
    assert (read["start_date"], read["end_date"], read["precision"], read["calendar"]) == (
        start,
        end,
        precision,
        calendar,
    )
