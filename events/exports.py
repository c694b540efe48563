"""Exports of an event query as CSV, iCalendar and JSON Lines, streamed row by row.

Each export keeps the precision and the date as the text wrote it, so a month-level event
is never mistaken for one on the first of the month. The renderers exist so that DRF's
content negotiation accepts `?format=csv|ics|jsonl`; the bytes come from `export_response`,
which walks the whole filtered query in chunks instead of one page.
"""

from __future__ import annotations

import csv
import datetime
import json
from collections.abc import Iterable, Iterator

from django.db.models import QuerySet
from django.http import StreamingHttpResponse
from icalendar import Calendar
from icalendar import Event as VEvent
from rest_framework.renderers import BaseRenderer

from . import selectors, shape
from .models import Event, EventType, Precision
from .shape import event_json

# Beyond this an export is refused with 400: narrow the query instead.
EXPORT_LIMIT = 100_000
CHUNK = 1000

CSV_COLUMNS = [*shape.CSV_COLUMNS, "url"]


class _ExportRenderer(BaseRenderer):
    """Stands for an export format in content negotiation; the list view streams the body itself."""

    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        # Only errors reach a renderer on an export URL: give them as JSON text.
        return json.dumps(data, ensure_ascii=False).encode()


def stand_in_renderer(format: str, media_type: str) -> type[BaseRenderer]:  # noqa: A002
    """A renderer class that stands for `format` in content negotiation (its view writes the body)."""
    name = f"{format.capitalize()}Renderer"
    return type(name, (_ExportRenderer,), {"format": format, "media_type": media_type})


EXPORT_RENDERERS = [
    stand_in_renderer("csv", "text/csv"),
    stand_in_renderer("ics", "text/calendar"),
    stand_in_renderer("jsonl", "application/jsonl"),
]
FORMATS = {renderer.format for renderer in EXPORT_RENDERERS}


def export_response(queryset: QuerySet[Event], *, format: str, site: str) -> StreamingHttpResponse:  # noqa: A002
    """Stream every event of `queryset` in `format`; `site` (scheme://host) prefixes links back."""
    rows = _rows(queryset)
    lines = {"csv": csv_lines, "ics": ics_lines, "jsonl": jsonl_lines}[format](rows, site=site)
    renderer = next(r for r in EXPORT_RENDERERS if r.format == format)
    response = StreamingHttpResponse(lines, content_type=f"{renderer.media_type}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="chronicle-events.{format}"'
    return response


def _rows(queryset: QuerySet[Event]) -> Iterator[dict]:
    """Event rows in the query's order, read CHUNK at a time while the response streams."""
    ids = list(queryset.prefetch_related(None).values_list("pk", flat=True))
    for at in range(0, len(ids), CHUNK):
        yield from selectors.event_rows(ids[at : at + CHUNK])


def event_url(row: dict, site: str) -> str:
    return f"{site}/events/{row['id']}/"


class _Line:
    """A file-like object whose write() hands back the line, for csv.writer."""

    def write(self, value: str) -> str:
        return value


def csv_lines(rows: Iterable[dict], *, site: str) -> Iterator[bytes]:
    """UTF-8 with a BOM, so Excel opens the Chinese text correctly; one row per event."""
    writer = csv.writer(_Line())
    yield ("\ufeff" + writer.writerow(CSV_COLUMNS)).encode()
    for row in rows:
        cells = [*shape.csv_cells(row), event_url(row, site)]
        yield writer.writerow([_no_formula(value) for value in cells]).encode()


def _no_formula(value):
    """Text that Excel would run as a formula gets a leading apostrophe (CSV injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def jsonl_lines(rows: Iterable[dict], *, site: str) -> Iterator[bytes]:
    """One event per line, the same object as GET /api/events/{id}/ returns."""
    for row in rows:
        yield (json.dumps(event_json(row), ensure_ascii=False) + "\n").encode()


def ics_lines(rows: Iterable[dict], *, site: str) -> Iterator[bytes]:
    """An RFC 5545 calendar of all-day events; DTEND is the day after the last day (exclusive)."""
    calendar = Calendar()
    calendar.add("prodid", "-//chronicle//events//ZH")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "chronicle")
    yield calendar.to_ical().removesuffix(b"END:VCALENDAR\r\n")
    stamp = datetime.datetime.now(datetime.UTC).replace(microsecond=0)  # when this calendar was made
    for row in rows:
        yield vevent(row, site=site, stamp=stamp).to_ical()
    yield b"END:VCALENDAR\r\n"


def _day_after(day: datetime.date) -> datetime.date:
    """DTEND is exclusive; the last day Python knows has no day after it, so it ends on itself
    (rows from before `events.bounds` may hold it: the calendar must still end whole)."""
    return day + datetime.timedelta(days=1) if day < datetime.date.max else day


def vevent(row: dict, *, site: str, stamp: datetime.datetime) -> VEvent:
    item = VEvent()
    item.add("uid", f"event-{row['id']}@chronicle")
    item.add("dtstamp", stamp)
    item.add("dtstart", row["start_date"])
    item.add("dtend", _day_after(row["end_date"]))
    item.add("summary", row["title"])
    url = event_url(row, site)
    precision = str(Precision(row["precision"]).label)
    when = f"{row['date_text']}（{precision}）" if row["date_text"] else precision
    item.add("description", "\n".join(filter(None, [row["description"], f"日期原文：{when}", url])))
    item.add("url", url)
    item.add("categories", [str(EventType(row["type"]).label)])
    item.add("x-chronicle-precision", row["precision"])
    item.add("x-chronicle-date-text", row["date_text"])
    item.add("x-chronicle-calendar", row["calendar"])
    return item
