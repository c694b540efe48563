"""What users type into search boxes and API filters, read into (first day, last day, precision)."""
import datetime

import pytest

from events.parsing.dates.userdates import parse_user_date

D = datetime.date


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2020年3月", (D(2020, 3, 1), D(2020, 3, 31), "month")),
        ("2020年3月5日", (D(2020, 3, 5), D(2020, 3, 5), "day")),
        ("3月27日", (D(2020, 3, 27), D(2020, 3, 27), "day")),
        ("腊月二十七", (D(2020, 1, 21), D(2020, 1, 21), "day")),
        ("2020年上半年", (D(2020, 1, 1), D(2020, 6, 30), "half")),
        ("2020-03-05", (D(2020, 3, 5), D(2020, 3, 5), "day")),
        ("２０２０年３月", (D(2020, 3, 1), D(2020, 3, 31), "month")),
        ("2020-03", (D(2020, 3, 1), D(2020, 3, 31), "month")),
        ("2020", (D(2020, 1, 1), D(2020, 12, 31), "year")),
        ("  March 2020 ", (D(2020, 3, 1), D(2020, 3, 31), "month")),
        ("5 Mar 2020", (D(2020, 3, 5), D(2020, 3, 5), "day")),
        ("3/5/2020", (D(2020, 3, 5), D(2020, 3, 5), "day")),
        ("mars 2020", (D(2020, 3, 1), D(2020, 3, 31), "month")),
        ("Q1 2020", (D(2020, 1, 1), D(2020, 3, 31), "quarter")),
        ("March", (D(2020, 3, 1), D(2020, 3, 31), "month")),
    ],
)
def test_user_dates(value, expected):
    assert parse_user_date(value, year=2020) == expected


@pytest.mark.parametrize("value", ["", "   ", "foo", "12", "2月30日", "3月5日和4月6日", "x" * 200])
def test_not_a_date(value):
    assert parse_user_date(value, year=2020) is None
