"""Dates as a Chinese reader writes them: `27日`, `上旬`, `6月`, `13日—15日`, `1月21日（农历腊月二十七）`.

Plain Python, so that the pages can precompute labels for thousands of events at once; the
template filters in `templatetags/chronicle_dates.py` are thin wrappers for single events.
Two forms: `short` for inside a month's section of the timeline or calendar (the month is
already on screen), `full` for everywhere else (event page, tooltips).
"""

from __future__ import annotations

import datetime

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from events.parsing import lunar as lunar_calendar

_XUN = {1: "上旬", 11: "中旬", 21: "下旬"}
# 旬 words first: "3月中旬" holds "月中" too.
_XUN_WORDS = ("上旬", "中旬", "下旬", "月初", "月中", "月底", "月末")
_QUARTERS = {1: "第一季度", 4: "第二季度", 7: "第三季度", 10: "第四季度"}
_SEASONS = {3: "春季", 6: "夏季", 9: "秋季", 12: "冬季"}
_TIMES = {"morning": "上午", "afternoon": "下午", "evening": "晚上"}


def lunar_label(day: datetime.date) -> str:
    """`腊月二十七`, `闰二月初十`: the lunar month and day of a Gregorian date."""
    return lunar_calendar.lunar_day(day).label


def _md(day: datetime.date, *, with_month: bool, with_year: bool = False) -> str:
    text = f"{day.day}日"
    if with_month:
        text = f"{day.month}月{text}"
    if with_year:
        text = f"{day.year}年{text}"
    return text


def _day_span(start: datetime.date, end: datetime.date, *, full: bool) -> str:
    if start == end:
        return _md(start, with_month=full, with_year=full)
    if start.year != end.year:
        return f"{_md(start, with_month=True, with_year=True)}—{_md(end, with_month=True, with_year=True)}"
    if start.month != end.month:
        prefix = f"{start.year}年" if full else ""
        return f"{prefix}{_md(start, with_month=True)}—{_md(end, with_month=True)}"
    prefix = f"{start.year}年{start.month}月" if full else ""
    return f"{prefix}{start.day}日—{end.day}日"


def _lunar_solar_short(start: datetime.date, end: datetime.date) -> str:
    if start == end:
        return _md(start, with_month=True)
    if start.year != end.year:
        return _day_span(start, end, full=True)
    return f"{_md(start, with_month=True)}—{_md(end, with_month=True)}"


def _xun_word(start: datetime.date, date_text: str) -> str:
    for word in _XUN_WORDS:
        if word in date_text:
            return "月底" if word == "月末" else word
    return _XUN.get(start.day, "上旬" if start.day < 11 else "中旬" if start.day < 21 else "下旬")


def date_label(
    start: datetime.date,
    end: datetime.date,
    precision: str,
    calendar: str = "gregorian",
    date_text: str = "",
    time: str = "",
    *,
    full: bool = False,
    english: bool | None = None,
) -> str:
    """The interval written the way a chronicle writes it; `full` adds the year and month.

    In the English interface (or with `english=True`) the same reading in English words."""
    if english is None:
        english = (get_language() or "").startswith("en")
    if english:
        return english_label(start, end, precision, calendar, date_text, time, full=full)
    year = f"{start.year}年" if full else ""
    if precision == "xun":
        word = _xun_word(start, date_text)
        label = f"{year}{start.month}月{word.removeprefix('月')}" if full else word
    elif precision == "month":
        months = f"{start.month}月" if start.month == end.month else f"{start.month}月—{end.month}月"
        label = year + months
    elif precision == "quarter":
        label = year + _QUARTERS.get(start.month, f"{start.month}月—{end.month}月")
    elif precision == "half":
        label = year + ("上半年" if start.month == 1 else "下半年")
    elif precision == "season":
        label = year + _SEASONS.get(start.month, f"{start.month}月—{end.month}月")
    elif precision == "year":
        label = f"{start.year}年" if full else _("全年")
    elif calendar == "lunar":
        # The solar month stays even inside a month's section: the lunar day beside it may
        # belong to another lunar month, and readers compare the two.
        label = _day_span(start, end, full=True) if full else _lunar_solar_short(start, end)
        lunar = lunar_label(start) if start == end else f"{lunar_label(start)}至{lunar_label(end)}"
        label = f"{label}（农历{lunar}）"
    else:
        label = _day_span(start, end, full=full)
    if time:
        label += _TIMES.get(time, f" {time}")
    return label


def time_label(time: str, *, english: bool | None = None) -> str:
    """`上午`, `下午`, `晚上` (morning, afternoon, evening in English) or the clock time as stored."""
    if english is None:
        english = (get_language() or "").startswith("en")
    return (_TIMES_EN if english else _TIMES).get(time, time) if time else ""


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
                "October", "November", "December")  # fmt: skip
_XUN_EN = {
    "上旬": "early",
    "中旬": "mid",
    "下旬": "late",
    "月初": "start of",
    "月中": "mid",
    "月底": "end of",
}
_SEASONS_EN = {3: "spring", 6: "summer", 9: "autumn", 12: "winter"}
_TIMES_EN = {"morning": "morning", "afternoon": "afternoon", "evening": "evening"}


def _en_day(day: datetime.date, *, with_year: bool) -> str:
    return f"{_MONTHS[day.month - 1]} {day.day}" + (f", {day.year}" if with_year else "")


def _en_day_span(start: datetime.date, end: datetime.date, *, full: bool) -> str:
    if start == end:
        return _en_day(start, with_year=full)
    if start.year != end.year:
        return f"{_en_day(start, with_year=True)} – {_en_day(end, with_year=True)}"
    year = f", {start.year}" if full else ""
    if start.month != end.month:
        return f"{_en_day(start, with_year=False)} – {_en_day(end, with_year=False)}{year}"
    return f"{_MONTHS[start.month - 1]} {start.day}–{end.day}{year}"


def english_label(start, end, precision, calendar="gregorian", date_text="", time="", *, full=False) -> str:
    """`date_label` in English: `Jan 27`, `Jan 13–15`, `early Jan`, `June`, `Q4 2020`,
    `Jan 21 (lunar 腊月二十七)` — the lunar date keeps the record's own words."""
    year = f" {start.year}" if full else ""
    if precision == "xun":
        label = f"{_XUN_EN.get(_xun_word(start, date_text), 'early')} {_MONTHS[start.month - 1]}{year}"
    elif precision == "month":
        months = _MONTH_NAMES[start.month - 1]
        if start.month != end.month:
            months = f"{_MONTHS[start.month - 1]}–{_MONTHS[end.month - 1]}"
        label = months + year
    elif precision == "quarter":
        label = f"Q{(start.month - 1) // 3 + 1}{year}"
    elif precision == "half":
        label = ("first half" if start.month == 1 else "second half") + (f" of {start.year}" if full else "")
    elif precision == "season":
        label = _SEASONS_EN.get(start.month, f"{_MONTHS[start.month - 1]}–{_MONTHS[end.month - 1]}") + year
    elif precision == "year":
        label = str(start.year) if full else "whole year"
    else:
        label = _en_day_span(start, end, full=full)
        if calendar == "lunar":
            lunar = lunar_label(start) if start == end else f"{lunar_label(start)}至{lunar_label(end)}"
            label = f"{label} (lunar {lunar})"
    if time:
        label += f", {_TIMES_EN.get(time, time)}"
    return label


def datetime_attr(start: datetime.date, precision: str) -> str:
    """A valid `<time datetime>` value: the day, or the month or year for coarser dates."""
    if precision in {"day", "xun"}:
        return start.isoformat()
    if precision == "year":
        return f"{start.year:04d}"
    return f"{start.year:04d}-{start.month:02d}"


def event_date_label(event, *, full: bool = False) -> str:
    e = event
    if not getattr(e, "year_known", True):  # only the month and day are known: say so, show no year
        return _("{written}（年份不明）").format(written=e.date_text or e.date_label)
    return date_label(e.start_date, e.end_date, e.precision, e.calendar, e.date_text, e.time, full=full)
