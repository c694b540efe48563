"""Turning what a phrase says (a year, a month, 上旬, 一季度, 腊月二十七, 春节) into a date interval."""
from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass

from events.parsing import lunar
from events.parsing.date_phrases import DateParts
from events.parsing.named_days import named_day

# (first month, first day, last month, last day or 0 for the month's end, precision, fuzzy)
_YEAR_PARTS = {
    "初": (1, 1, 3, 0, "year", True), "中": (6, 1, 7, 0, "year", True), "底": (10, 1, 12, 0, "year", True),
    "末": (10, 1, 12, 0, "year", True),
    "上半年": (1, 1, 6, 0, "half", False), "下半年": (7, 1, 12, 0, "half", False),
    "前三季度": (1, 1, 9, 0, "quarter", False), "春季": (3, 1, 5, 0, "season", False),
    "夏季": (6, 1, 8, 0, "season", False), "秋季": (9, 1, 11, 0, "season", False),
}
_QUARTERS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
# (first day, last day or 0 for the month's end, precision, fuzzy)
_MONTH_PARTS = {
    "上旬": (1, 10, False), "中旬": (11, 20, False), "下旬": (21, 0, False), "上中旬": (1, 20, False),
    "中下旬": (11, 0, False), "上半月": (1, 15, False), "下半月": (16, 0, False),
    "初": (1, 10, True), "中": (11, 20, True), "底": (21, 0, True), "末": (21, 0, True),
}
# Written forms of a festival → the key it has in lunar.LUNAR_FESTIVALS or lunar.SOLAR_FESTIVALS.
_FESTIVAL_KEYS = {
    "大年初一": "春节", "大年三十": "除夕", "国庆节": "国庆", "元宵节": "元宵",
    "端午节": "端午", "七夕节": "七夕", "中秋节": "中秋", "重阳节": "重阳", "腊八节": "腊八",
    "劳动节": "劳动", "五一劳动节": "劳动", "儿童节": "儿童", "六一儿童节": "儿童", "建党节": "建党",
    "建军节": "建军", "妇女节": "妇女", "三八妇女节": "妇女", "三八节": "妇女", "植树节": "植树",
    "青年节": "青年",
    "五四青年节": "青年", "教师节": "教师", "清明节": "清明",
}


# A holiday's days: (festival, days before it, days after it). 春节 runs from 除夕 to 初六.
_HOLIDAYS = {"春节": (1, 5), "国庆": (0, 6), "十一": (0, 6), "五一": (0, 4), "劳动": (0, 4)}


def _holiday(year: int, name: str, near: datetime.date) -> Interval | None:
    if name not in _HOLIDAYS:
        return None
    before, after = _HOLIDAYS[name]
    first = festival_interval(year, DateParts(festival=name), near)
    if first is None:
        return None
    start, end = first.start - datetime.timedelta(days=before), first.start + datetime.timedelta(days=after)
    return Interval(start, end, "day", first.calendar, fuzzy=True)


@dataclass(frozen=True, slots=True)
class Interval:
    """An inclusive span of days and how precisely the text knew it."""

    start: datetime.date
    end: datetime.date
    precision: str
    calendar: str = "gregorian"
    fuzzy: bool = False


def _month_end(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def _span(year: int, first_month: int, first_day: int, last_month: int, last_day: int) -> tuple:
    last = _month_end(year, last_month) if last_day == 0 else datetime.date(year, last_month, last_day)
    return datetime.date(year, first_month, first_day), last


def year_interval(year: int, parts: DateParts) -> Interval:
    """A year, a range of years, or a part of a year (年初, 上半年, 三季度, 春季)."""
    part = parts.year_part
    if part is None:
        return Interval(datetime.date(year, 1, 1), datetime.date(parts.year_to or year, 12, 31), "year")
    if part == "冬季":
        return Interval(datetime.date(year, 12, 1), _month_end(year + 1, 2), "season")
    if part.endswith("季度") and part != "前三季度":
        listed = part.removeprefix("第").removesuffix("季度").strip()
        first, last = _QUARTERS[listed[0]], _QUARTERS[listed[-1]]  # 第一、二季度: the first to the last
        return Interval(*_span(year, 3 * first - 2, 1, 3 * max(first, last), 0), "quarter")
    first_month, first_day, last_month, last_day, precision, fuzzy = _YEAR_PARTS[part]
    return Interval(*_span(year, first_month, first_day, last_month, last_day), precision, fuzzy=fuzzy)


def month_interval(year: int, parts: DateParts) -> Interval:
    """A month, a range of months, or a part of a month (上旬, 月初, 月底)."""
    if parts.month_part is None:
        return Interval(datetime.date(year, parts.month, 1), _month_end(year, parts.month_to or parts.month),
                        "month")
    first_day, last_day, fuzzy = _MONTH_PARTS[parts.month_part]
    return Interval(*_span(year, parts.month, first_day, parts.month, last_day), "xun", fuzzy=fuzzy)


def day_interval(year: int, parts: DateParts) -> Interval | str:
    """A Gregorian day or range of days in one month, or a message saying why it does not exist."""
    try:
        first = datetime.date(year, parts.month, parts.day)
        last = datetime.date(year, parts.month, parts.day_to or parts.day)
    except ValueError:
        days = calendar.monthrange(year, parts.month)[1]
        return f"{parts.month}月{parts.day_to or parts.day}日: {year}-{parts.month:02d} has {days} days"
    return Interval(first, last, "day")


def lunar_interval(
    year: int, parts: DateParts, near: datetime.date, lunar_year: int | None
) -> Interval | str:
    """A lunar day or month. Without a lunar year, the one putting it in `year` nearest `near` wins."""
    candidates = (lunar_year,) if lunar_year is not None else (year - 1, year)
    found, problem = [], None
    for candidate in candidates:
        if parts.day is None:
            span = lunar.lunar_month_span(candidate, parts.month, parts.leap)
        else:
            first = lunar.lunar_to_solar(candidate, parts.month, parts.day, parts.leap)
            last = lunar.lunar_to_solar(candidate, parts.month, parts.day_to or parts.day, parts.leap)
            span = next((day for day in (first, last) if isinstance(day, str)), (first, last))
        if isinstance(span, str):
            problem = problem or span
        else:
            found.append(span)
    if not found:
        return problem
    best = min(found, key=lambda span: (span[0].year != year and lunar_year is None, abs(span[0] - near)))
    return Interval(best[0], best[1], "month" if parts.day is None else "day", "lunar")


def festival_interval(year: int, parts: DateParts, near: datetime.date) -> Interval | None:
    """The day of a festival (春节, 国庆节), a commemorative day (助残日) or a solar term (冬至) in
    `year`; a holiday's days (春节期间: 除夕 to 初六; 国庆期间: 1 to 7 October; 暑假: July and August)."""
    if parts.named_day:
        day = named_day(parts.named_day, year, lunar.solar_term)
        return None if day is None else Interval(day, day, "day")
    if parts.vacation:
        return Interval(datetime.date(year, 7, 1), datetime.date(year, 8, 31), "month", fuzzy=True)
    if parts.period:
        return _holiday(year, _FESTIVAL_KEYS.get(parts.festival, parts.festival), near)
    if parts.term:
        name = parts.term.removesuffix("节气")
    else:
        name = _FESTIVAL_KEYS.get(parts.festival, parts.festival)
    if name in lunar.SOLAR_TERMS:  # 清明节 is a festival held on a solar term
        day = lunar.solar_term(name, year)
        return None if day is None else Interval(day, day, "day")
    if name in lunar.SOLAR_FESTIVALS:
        month, day = lunar.SOLAR_FESTIVALS[name]
        return Interval(datetime.date(year, month, day), datetime.date(year, month, day), "day")
    month, day = lunar.LUNAR_FESTIVALS[name]
    lunar_parts = DateParts(month=month, day=day, lunar=True)
    found = lunar_interval(year, lunar_parts, near, None)
    return found if isinstance(found, Interval) else None
