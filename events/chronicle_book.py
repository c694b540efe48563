"""The 大事记 (chronicle of events) of a year, laid out as a yearbook prints it.

A yearbook's chapter of events has a heading per month and, under it, one entry per event:
the day, a full-width space and what happened (`5日　区委召开…`). An entry on the same day
as the one before starts `同日　`; a range of days `2—4日　`; a 旬 (`上旬　`) follows the days it
covers; what happened during the month (`是月　`) closes it; quarters and halves close their
last month (`第一季度　`, `上半年　`) and what happened during the year (`是年　`) closes the
year. Lunar dates keep their lunar day beside the solar one: `21日（农历腊月二十七）　`.

`chronicle_book()` reads the events of a query into a `Book`: plain frozen values that the
writers in `chronicle_files` turn into DOCX, Markdown and XLSX. Every entry carries its
event's id, so a spreadsheet edited and imported back finds its events again.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.db.models import QuerySet

from .models import Event, Precision, Status
from .presenters.dates import date_label, lunar_label

SPACE = "\u3000"  # the full-width space between an entry's date and its text
# What may follow a date at the head of a statement before its words begin.
_AFTER_DATE = re.compile(r"^[\s\u3000，,、：:；;]+")


@dataclass(frozen=True)
class Entry:
    """One event as the chronicle prints it."""

    id: int
    label: str  # 5日, 同日, 2—4日, 上旬, 是月, 第一季度, 是年 …
    text: str  # what happened, without the date the label already gives
    month: int  # the month under which it is printed (12 for 是年 entries)
    date: str  # the whole date in words, as an editor writes it: 2020年3月5日, 2020年3月上旬 …
    title: str
    source: str  # the document it was read from, or where an editor says it came from


@dataclass(frozen=True)
class Month:
    number: int
    heading: str  # 3月
    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class Book:
    year: int
    title: str  # 2020年大事记
    months: tuple[Month, ...]  # only months that have entries
    year_entries: tuple[Entry, ...]  # 是年: what happened during the whole year

    @property
    def entries(self) -> list[Entry]:
        return [entry for month in self.months for entry in month.entries] + list(self.year_entries)


def chronicle_book(*, year: int, queryset: QuerySet[Event] | None = None, title: str = "") -> Book:
    """The events of `queryset` (the chronology by default) that begin in `year`, laid out by month.

    Rejected events and events of no known year are never in it.
    """
    qs = Event.objects.all() if queryset is None else queryset
    qs = qs.filter(year_known=True).exclude(status=Status.REJECTED)
    qs = qs.filter(start_date__gte=datetime.date(year, 1, 1), start_date__lte=datetime.date(year, 12, 31))
    events = qs.select_related("document").defer("document__text").order_by("start_date", "end_date", "id")
    events = list(events)
    placed: dict[int, list[tuple[tuple, Event]]] = {month: [] for month in range(1, 13)}
    whole_year = []
    for event in events:
        if event.precision == Precision.YEAR:
            whole_year.append(event)
            continue
        month, order = _place(event, year)
        placed[month].append((order, event))
    months = []
    for number in range(1, 13):
        rows = [event for _, event in sorted(placed[number], key=lambda row: row[0])]
        if rows:
            months.append(Month(number, f"{number}月", tuple(_entries(rows, number))))
    year_entries = tuple(_entry(event, "是年", 12) for event in whole_year)
    return Book(year, title or f"{year}年大事记", tuple(months), year_entries)


def _place(event: Event, year: int) -> tuple[int, tuple]:
    """The month an event is printed under and its order there.

    Days in order; a 旬 after the last day it covers; the month's own events (是月) last; a
    quarter, half or season at the end of its last month in this year, after 是月."""
    start, end, precision = event.start_date, event.end_date, event.precision
    if precision == Precision.DAY:
        return start.month, (start.day, 0, end, event.pk)
    if precision == Precision.XUN:
        last = end.day if end.month == start.month else 31
        return start.month, (last, 1, end, event.pk)
    if precision == Precision.MONTH:
        return start.month, (32, 0, end, event.pk)
    last_month = end.month if end.year == year else 12
    return last_month, (32, 1, start, event.pk)


def _entries(events: list[Event], month: int) -> list[Entry]:
    entries, previous = [], None
    for event in events:
        label = _label(event)
        single_day = event.precision == Precision.DAY and event.start_date == event.end_date
        if single_day and previous is not None and previous == (event.start_date, event.calendar):
            label = "同日"
        previous = (event.start_date, event.calendar) if single_day else None
        entries.append(_entry(event, label, month))
    return entries


def _label(event: Event) -> str:
    start, end, precision = event.start_date, event.end_date, event.precision
    if precision == Precision.DAY:
        if start == end:
            label = f"{start.day}日"
        elif (start.year, start.month) == (end.year, end.month):
            label = f"{start.day}—{end.day}日"
        elif start.year == end.year:
            label = f"{start.day}日—{end.month}月{end.day}日"
        else:
            label = f"{start.day}日—{end.year}年{end.month}月{end.day}日"
        if event.calendar == "lunar":
            lunar = lunar_label(start) if start == end else f"{lunar_label(start)}至{lunar_label(end)}"
            label += f"（农历{lunar}）"
        return label
    if precision == Precision.MONTH:
        same_month = (start.year, start.month) == (end.year, end.month)
        return "是月" if same_month else f"{start.month}—{end.month}月"
    return date_label(start, end, precision, event.calendar, event.date_text, english=False)


def _entry(event: Event, label: str, month: int) -> Entry:
    return Entry(
        id=event.pk,
        label=label,
        text=entry_text(event),
        month=month,
        date=date_in_words(event),
        title=event.title,
        source=event.document.title if event.document_id else event.source,
    )


def entry_text(event: Event) -> str:
    """What happened, as the entry prints it: the statement without the date it opens with.

    `1 月 16 日，区长李朝锋主持…` → `区长李朝锋主持…`; a statement that does not open with its
    date is printed whole; an event without a statement prints its title."""
    text = " ".join((event.description or "").split()) or event.title
    written = " ".join((event.date_text or "").split())
    if written and text.startswith(written):
        rest = _AFTER_DATE.sub("", text[len(written) :])
        if rest:
            return rest
    return text


def date_in_words(event: Event) -> str:
    """The whole date as an editor would type it back (the spreadsheet's 日期 column):
    2020年3月5日, 2020年3月30日—4月2日, 2020年3月上旬, 2020年1月21日（农历腊月二十七）."""
    return date_label(
        event.start_date,
        event.end_date,
        event.precision,
        event.calendar,
        event.date_text,
        full=True,
        english=False,
    )
