"""Reading the one date a user types into a search box or an API filter, in Chinese or other languages."""
from __future__ import annotations

import calendar
import datetime
import re
from functools import lru_cache

from events.parsing.dates.reading import find_dates

UserDate = tuple[datetime.date, datetime.date, str]

_YEAR_MONTH = re.compile(r"(?P<year>\d{4})[-/.](?P<month>\d{1,2})")
_YEAR_ONLY = re.compile(r"(?P<year>\d{4})")
_HAS_YEAR = re.compile(r"\d{4}")
# dateparser tries every locale it knows unless told; that takes seconds on a word that is no date.
_LANGUAGES = ["en", "fr", "de", "es", "it", "pt", "ru", "ja", "ko", "zh"]


def parse_user_date(value: str, *, year: int | None = None) -> UserDate | None:
    """(first day, last day, precision) of what a user typed, or None if it is no date we can read.

    Our own recognizer reads Chinese and ISO forms (2020年3月, 腊月二十七, 2020-03-05); dateparser
    then reads other languages and formats (March 2020, 5 Mar 2020, 3/5/2020). A year the text
    leaves out is `year`, else the current one.
    """
    value = value.strip() if isinstance(value, str) else ""
    if not value or len(value) > 100:
        return None
    return _chinese(value, year) or _numeric(value) or _foreign(value, year)


def _chinese(value: str, year: int | None) -> UserDate | None:
    mentions = [m for m in find_dates(value, year=year or datetime.date.today().year) if m.role != "stamp"]
    if len(mentions) != 1 or mentions[0].text.strip() != value:
        return None
    mention = mentions[0]
    return mention.start_date, mention.end_date, mention.precision


def _numeric(value: str) -> UserDate | None:
    """2020-03 and 2020: forms the recognizer leaves alone because in prose they are not dates."""
    if match := _YEAR_MONTH.fullmatch(value):
        year, month = int(match["year"]), int(match["month"])
        if 1 <= month <= 12 and 1 <= year <= 9999:
            last = calendar.monthrange(year, month)[1]
            return datetime.date(year, month, 1), datetime.date(year, month, last), "month"
        return None
    if match := _YEAR_ONLY.fullmatch(value):
        year = int(match["year"])
        return (datetime.date(year, 1, 1), datetime.date(year, 12, 31), "year") if year >= 1 else None
    return None


@lru_cache(maxsize=1)
def _date_parser():
    # Imported on first use: dateparser takes a while to load and most searches never need it.
    from dateparser.date import DateDataParser

    settings = {"PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False}
    return DateDataParser(languages=_LANGUAGES, settings=settings)


def _foreign(value: str, year: int | None) -> UserDate | None:
    if value.isdigit():  # a bare number is a count or an id, not a date
        return None
    data = _date_parser().get_date_data(value)
    if data is None or data.date_obj is None:
        return None
    day = data.date_obj.date()
    if year is not None and not _HAS_YEAR.search(value):
        day = _same_day_in(day, year)
    return _period(day, data.period or "day")


def _same_day_in(day: datetime.date, year: int) -> datetime.date:
    last = calendar.monthrange(year, day.month)[1]
    return datetime.date(year, day.month, min(day.day, last))


def _period(day: datetime.date, period: str) -> UserDate:
    if period == "year":
        return datetime.date(day.year, 1, 1), datetime.date(day.year, 12, 31), "year"
    if period == "quarter":
        first_month = 3 * ((day.month - 1) // 3) + 1
        last = datetime.date(day.year, first_month + 2, calendar.monthrange(day.year, first_month + 2)[1])
        return datetime.date(day.year, first_month, 1), last, "quarter"
    if period == "month":
        last = calendar.monthrange(day.year, day.month)[1]
        return datetime.date(day.year, day.month, 1), datetime.date(day.year, day.month, last), "month"
    return day, day, "day"
