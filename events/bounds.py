"""The range of years chronicle accepts, and the checks every way in applies.

A date enters through an import (the parser's drafts), an editor's correction (admin or API),
a filter or a page address. Every one of them checks it against `[YEAR_MIN, YEAR_MAX]`
(settings `CHRONICLE_YEAR_MIN`, `CHRONICLE_YEAR_MAX`; 1–2200 by default). The upper bound stays
below 9999 so that what the views and exports compute from a stored date — the day after an
event (iCalendar's exclusive DTEND), the weeks around a month (the calendar grid), the next
year's link — is itself a date Python and every export format can write.
"""
from __future__ import annotations

import datetime

from django.conf import settings


def year_min() -> int:
    return settings.CHRONICLE_YEAR_MIN


def year_max() -> int:
    return settings.CHRONICLE_YEAR_MAX


def year_in_range(year: int) -> bool:
    return year_min() <= year <= year_max()


def date_in_range(day: datetime.date) -> bool:
    return year_in_range(day.year)


def range_text() -> str:
    """The accepted range as a message shows it: 1 年至 2200 年."""
    return f"{year_min()} 年至 {year_max()} 年"


def date_problem(day: datetime.date | None) -> str | None:
    """Why a date is refused, or None when it is in range (or absent)."""
    if day is None or date_in_range(day):
        return None
    return f"日期 {day.isoformat()} 超出可接受的范围（{range_text()}）。"
