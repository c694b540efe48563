"""Dates on the pages read the way a Chinese chronicle writes them."""

import datetime

import pytest

from events.presenters.dates import date_label, datetime_attr, lunar_label

D = datetime.date


@pytest.mark.parametrize(
    ("start", "end", "precision", "calendar", "date_text", "time", "short", "full"),
    [
        (D(2020, 1, 27), D(2020, 1, 27), "day", "gregorian", "", "", "27日", "2020年1月27日"),
        (D(2020, 1, 13), D(2020, 1, 15), "day", "gregorian", "", "", "13日—15日", "2020年1月13日—15日"),
        (D(2020, 1, 30), D(2020, 2, 2), "day", "gregorian", "", "", "1月30日—2月2日", "2020年1月30日—2月2日"),
        (
            D(2020, 12, 30),
            D(2021, 1, 2),
            "day",
            "gregorian",
            "",
            "",
            "2020年12月30日—2021年1月2日",
            "2020年12月30日—2021年1月2日",
        ),
        (D(2020, 1, 1), D(2020, 1, 10), "xun", "gregorian", "1月上旬", "", "上旬", "2020年1月上旬"),
        (D(2020, 1, 11), D(2020, 1, 20), "xun", "gregorian", "", "", "中旬", "2020年1月中旬"),
        (D(2020, 2, 21), D(2020, 2, 29), "xun", "gregorian", "", "", "下旬", "2020年2月下旬"),
        (D(2020, 3, 25), D(2020, 3, 31), "xun", "gregorian", "3月底", "", "月底", "2020年3月底"),
        (D(2020, 3, 11), D(2020, 3, 20), "xun", "gregorian", "3月中旬", "", "中旬", "2020年3月中旬"),
        (D(2020, 3, 11), D(2020, 3, 20), "xun", "gregorian", "3月中", "", "月中", "2020年3月中"),
        (D(2020, 3, 27), D(2020, 3, 27), "day", "gregorian", "", "morning", "27日上午", "2020年3月27日上午"),
        (D(2020, 6, 1), D(2020, 6, 30), "month", "gregorian", "6月", "", "6月", "2020年6月"),
        (
            D(2020, 1, 21),
            D(2020, 1, 21),
            "day",
            "lunar",
            "腊月二十七",
            "",
            "1月21日（农历腊月二十七）",
            "2020年1月21日（农历腊月二十七）",
        ),
        (D(2020, 10, 1), D(2020, 12, 31), "quarter", "gregorian", "", "", "第四季度", "2020年第四季度"),
        (D(2020, 1, 1), D(2020, 6, 30), "half", "gregorian", "", "", "上半年", "2020年上半年"),
        (D(2020, 1, 1), D(2020, 12, 31), "year", "gregorian", "", "", "全年", "2020年"),
        (
            D(2020, 1, 27),
            D(2020, 1, 27),
            "day",
            "gregorian",
            "",
            "19:00",
            "27日 19:00",
            "2020年1月27日 19:00",
        ),
        (D(2020, 8, 21), D(2020, 8, 21), "day", "gregorian", "", "morning", "21日上午", "2020年8月21日上午"),
    ],
)
def test_date_label(start, end, precision, calendar, date_text, time, short, full):
    assert date_label(start, end, precision, calendar, date_text, time) == short
    assert date_label(start, end, precision, calendar, date_text, time, full=True) == full


def test_lunar_label_spells_leap_months_and_days_in_full():
    assert lunar_label(D(2023, 3, 31)) == "闰二月初十"
    assert lunar_label(D(2020, 1, 21)) == "腊月二十七"


@pytest.mark.parametrize(
    ("precision", "expected"),
    [("day", "2020-06-05"), ("xun", "2020-06-05"), ("month", "2020-06"), ("year", "2020")],
)
def test_datetime_attr_is_a_valid_html_time(precision, expected):
    assert datetime_attr(D(2020, 6, 5), precision) == expected


@pytest.mark.parametrize(
    ("start", "end", "precision", "calendar", "date_text", "time", "short", "full"),
    [
        (D(2020, 1, 27), D(2020, 1, 27), "day", "gregorian", "", "", "Jan 27", "Jan 27, 2020"),
        (D(2020, 1, 13), D(2020, 1, 15), "day", "gregorian", "", "", "Jan 13–15", "Jan 13–15, 2020"),
        (D(2020, 1, 30), D(2020, 2, 2), "day", "gregorian", "", "", "Jan 30 – Feb 2", "Jan 30 – Feb 2, 2020"),
        (D(2020, 1, 1), D(2020, 1, 10), "xun", "gregorian", "", "", "early Jan", "early Jan 2020"),
        (D(2020, 3, 25), D(2020, 3, 31), "xun", "gregorian", "3月底", "", "end of Mar", "end of Mar 2020"),
        (D(2020, 6, 1), D(2020, 6, 30), "month", "gregorian", "", "", "June", "June 2020"),
        (D(2020, 1, 21), D(2020, 1, 21), "day", "lunar", "", "", "Jan 21 (lunar 腊月二十七)",
         "Jan 21, 2020 (lunar 腊月二十七)"),
        (D(2020, 10, 1), D(2020, 12, 31), "quarter", "gregorian", "", "", "Q4", "Q4 2020"),
        (D(2020, 8, 21), D(2020, 8, 21), "day", "gregorian", "", "19:00",
         "Aug 21, 19:00", "Aug 21, 2020, 19:00"),
    ],
)  # fmt: skip
def test_english_date_label(start, end, precision, calendar, date_text, time, short, full):
    args = (start, end, precision, calendar, date_text, time)
    assert date_label(*args, english=True) == short
    assert date_label(*args, full=True, english=True) == full


def test_the_label_follows_the_active_language():
    from django.utils import translation

    with translation.override("en"):
        assert date_label(D(2020, 1, 27), D(2020, 1, 27), "day") == "Jan 27"
    with translation.override("zh-hans"):
        assert date_label(D(2020, 1, 27), D(2020, 1, 27), "day") == "27日"
