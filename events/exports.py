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

from .models import Event
from .serializers import event_data

# Beyond this an export is refused with 400: narrow the query instead.
EXPORT_LIMIT = 100_000
CHUNK = 1000

CSV_COLUMNS = [
    "id",
    "title",
    "description",
    "start_date",
    "end_date",
    "precision",
    "calendar",
    "date_text",
    "time",
    "type",
    "series_name",
    "series_number",
    "people",
    "organizations",
    "document_id",
    "document_title",
    "status",
    "url",
]


class _ExportRenderer(BaseRenderer):
    """Stands for an export format in content negotiation; the list view streams the body itself."""

    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        # Only errors reach a renderer on an export URL: give them as JSON text.
        return json.dumps(data, ensure_ascii=False).encode()


class CSVRenderer(_ExportRenderer):
    media_type = "text/csv"
    format = "csv"


class ICSRenderer(_ExportRenderer):
    media_type = "text/calendar"
    format = "ics"


class JSONLinesRenderer(_ExportRenderer):
    media_type = "application/jsonl"
    format = "jsonl"


EXPORT_RENDERERS = [CSVRenderer, ICSRenderer, JSONLinesRenderer]
FORMATS = {renderer.format for renderer in EXPORT_RENDERERS}


def export_response(queryset: QuerySet[Event], *, format: str, site: str) -> StreamingHttpResponse:  # noqa: A002
    """Stream every event of `queryset` in `format`; `site` (scheme://host) prefixes links back."""
    events = queryset.iterator(chunk_size=CHUNK)
    lines = {"csv": csv_lines, "ics": ics_lines, "jsonl": jsonl_lines}[format](events, site=site)
    renderer = next(r for r in EXPORT_RENDERERS if r.format == format)
    response = StreamingHttpResponse(lines, content_type=f"{renderer.media_type}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="chronicle-events.{format}"'
    return response


def event_url(event: Event, site: str) -> str:
    return f"{site}/events/{event.pk}/"


class _Line:
    """A file-like object whose write() hands back the line, for csv.writer."""

    def write(self, value: str) -> str:
        return value


def csv_lines(events: Iterable[Event], *, site: str) -> Iterator[bytes]:
    """UTF-8 with a BOM, so Excel opens the Chinese text correctly; one row per event."""
    writer = csv.writer(_Line())
    yield ("\ufeff" + writer.writerow(CSV_COLUMNS)).encode()
    for event in events:
        row = [
            event.pk,
            event.title,
            event.description,
            event.start_date.isoformat(),
            event.end_date.isoformat(),
            event.precision,
            event.calendar,
            event.date_text,
            event.time,
            event.type,
            event.series_name,
            event.series_number if event.series_number is not None else "",
            "、".join(event.people or []),
            "、".join(event.organizations or []),
            event.document_id,
            event.document.title,
            event.status,
            event_url(event, site),
        ]
        yield writer.writerow([_no_formula(value) for value in row]).encode()


def _no_formula(value):
    """Text that Excel would run as a formula gets a leading apostrophe (CSV injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def jsonl_lines(events: Iterable[Event], *, site: str) -> Iterator[bytes]:
    """One event per line, the same object as GET /api/events/{id}/ returns."""
    for event in events:
        yield (json.dumps(event_data(event), ensure_ascii=False) + "\n").encode()


def ics_lines(events: Iterable[Event], *, site: str) -> Iterator[bytes]:
    """An RFC 5545 calendar of all-day events; DTEND is the day after the last day (exclusive)."""
    calendar = Calendar()
    calendar.add("prodid", "-//chronicle//events//ZH")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "chronicle")
    head = calendar.to_ical()
    yield head.removesuffix(b"END:VCALENDAR\r\n")
    for event in events:
        yield vevent(event, site=site).to_ical()
    yield b"END:VCALENDAR\r\n"


def vevent(event: Event, *, site: str) -> VEvent:
    item = VEvent()
    item.add("uid", f"event-{event.pk}@chronicle")
    item.add("dtstamp", event.updated_at.astimezone(datetime.UTC))
    item.add("dtstart", event.start_date)
    item.add("dtend", event.end_date + datetime.timedelta(days=1))
    item.add("summary", event.title)
    url = event_url(event, site)
    when = (
        f"{event.date_text}（{event.get_precision_display()}）"
        if event.date_text
        else event.get_precision_display()
    )
    item.add("description", "\n".join(filter(None, [event.description, f"日期原文：{when}", url])))
    item.add("url", url)
    item.add("categories", [event.get_type_display()])
    item.add("x-chronicle-precision", event.precision)
    item.add("x-chronicle-date-text", event.date_text)
    item.add("x-chronicle-calendar", event.calendar)
    return item
