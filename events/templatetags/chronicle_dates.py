"""Dates as a Chinese reader writes them: `27日`, `上旬`, `6月`, `13日—15日`, `1月21日（农历腊月二十七）`.

`date_label()` is plain Python so that views and selectors can precompute labels for thousands
of events at once; the template filters below are thin wrappers for single events.
Two forms: `short` for inside a month's section of the timeline or calendar (the month is
already on screen), `full` for everywhere else (event page, tooltips).
"""

from __future__ import annotations

import datetime

from django import template
from django.utils.translation import gettext as _
from lunar_python import Solar

register = template.Library()

_XUN = {1: "上旬", 11: "中旬", 21: "下旬"}
_XUN_WORDS = ("月初", "月中", "月底", "月末", "上旬", "中旬", "下旬")
_QUARTERS = {1: "第一季度", 4: "第二季度", 7: "第三季度", 10: "第四季度"}
_SEASONS = {3: "春季", 6: "夏季", 9: "秋季", 12: "冬季"}
_TIMES = {"morning": "上午", "afternoon": "下午", "evening": "晚上"}


def lunar_label(day: datetime.date) -> str:
    """`腊月二十七`, `闰二月初十`: the lunar month and day of a Gregorian date."""
    lunar = Solar.fromYmd(day.year, day.month, day.day).getLunar()
    day_name = lunar.getDayInChinese().replace("廿", "二十").replace("卅", "三十")
    return f"{lunar.getMonthInChinese()}月{day_name}"


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
) -> str:
    """The interval written the way a chronicle writes it; `full` adds the year and month."""
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


def datetime_attr(start: datetime.date, precision: str) -> str:
    """A valid `<time datetime>` value: the day, or the month or year for coarser dates."""
    if precision in {"day", "xun"}:
        return start.isoformat()
    if precision == "year":
        return f"{start.year:04d}"
    return f"{start.year:04d}-{start.month:02d}"


def event_date_label(event, *, full: bool = False) -> str:
    e = event
    return date_label(e.start_date, e.end_date, e.precision, e.calendar, e.date_text, e.time, full=full)


@register.filter
def chinese_date(event, form: str = "short") -> str:
    """`{{ event|chinese_date }}` → `27日`; `{{ event|chinese_date:"full" }}` → `2020年1月27日`."""
    return event_date_label(event, full=form == "full")


@register.filter
def time_datetime(event) -> str:
    return datetime_attr(event.start_date, event.precision)
