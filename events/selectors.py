"""Every read that the pages and the API share.

The functions take keyword-only arguments, return querysets or small frozen dataclasses of
rows, and load each relation in a fixed number of queries whatever the number of events.
"""

from __future__ import annotations

import calendar as pycalendar
import datetime
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

import orjson
from django.db import connection
from django.db.models import (
    Count,
    DateField,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    Func,
    Max,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    TextField,
    Value,
)
from django.db.models.functions import Cast, ExtractMonth, ExtractYear, StrIndex
from django.db.models.lookups import GreaterThan

from . import bounds, caching, search, shape
from .lookups import HasName, InIds
from .models import Collection, Document, Event, Mention, Precision, SourceFile, Status

ORDERINGS = {
    "start_date": ("start_date", "end_date", "id"),
    "-start_date": ("-start_date", "-end_date", "-id"),
}


def _latest_start_date() -> datetime.date | None:
    # The newest start date comes straight off the date index; .dates() would read every row.
    # Within the accepted years: a row written before the bounds existed must not send every
    # visitor to a page that cannot be shown.
    newest = Event.objects.filter(start_date__lte=datetime.date(bounds.year_max(), 12, 31))
    return newest.order_by("-start_date").values_list("start_date", flat=True).first()


def latest_event_year() -> int | None:
    """The most recent year that holds an event, or None for an empty chronology."""
    last = _latest_start_date()
    return last.year if last else None


def document_list() -> QuerySet[Document]:
    """Documents newest first, with their event counts and without their texts."""
    return Document.objects.with_event_counts().defer("text").order_by("-imported_at", "-id")


def events_with_relations(queryset: QuerySet[Event] | None = None) -> QuerySet[Event]:
    """Events with their document and mentions loaded: two queries for any number of rows."""
    queryset = Event.objects.all() if queryset is None else queryset
    mentions = Mention.objects.order_by("start", "end", "id").only(
        "id", "event_id", "document_id", "start", "end", "text", "section", "date_start", "date_end", "page"
    )
    return (
        queryset.select_related("document")
        .defer("document__text")
        .prefetch_related(Prefetch("mentions", queryset=mentions))
    )


def event_list(
    *,
    date_after: datetime.date | None = None,
    date_before: datetime.date | None = None,
    year: int | None = None,
    month: int | None = None,
    type: str | None = None,  # noqa: A002 - the API's parameter name
    precision: str | None = None,
    document: int | Document | None = None,
    series: str | None = None,
    q: str | None = None,
    ordering: str | None = None,
    status: str | None = None,
    collection: int | Collection | None = None,
    person: str | None = None,
    organization: str | None = None,
    section: str | None = None,
    queryset: QuerySet[Event] | None = None,
) -> QuerySet[Event]:
    """Events matching every given filter, with relations loaded, in chronological order.

    Dates select events that overlap the range; `month` needs `year`; `q` looks for the
    words (separated by spaces) in the title or the description; `person` and `organization`
    name one of the event's people or organizations; `section` is a section path (or its
    beginning, whole parts only: `群团团体` or `群团团体 › 魏都区妇女联合会`) of one of its
    mentions. Rejected events are left out unless `status` asks for them.
    """
    qs = Event.objects.all() if queryset is None else queryset
    qs = qs.filter(status=status) if status else qs.exclude(status=Status.REJECTED)
    if collection is not None:
        qs = qs.filter(document__collection=collection)
    if date_after is not None or date_before is not None:
        qs = qs.overlapping(date_after, date_before, longest=longest_event_span())
    if year is not None and month is not None:
        qs = qs.in_month(year, month, longest=longest_event_span())
    elif year is not None:
        qs = qs.in_year(year, longest=longest_event_span())
    if type:
        qs = qs.of_type(type)
    if precision:
        qs = qs.filter(precision=precision)
    if document is not None:
        qs = qs.filter(document=document)
    if series:
        qs = qs.in_series(series)
    if person:
        qs = qs.filter(HasName("people", person))
    if organization:
        qs = qs.filter(HasName("organizations", organization))
    if section:
        qs = qs.filter(Exists(Mention.objects.filter(_in_section(section), event=OuterRef("pk"))))
    narrowed = any(value is not None for value in (date_after, date_before, year, document, collection))
    narrowed = narrowed or bool(series)
    for word in (q or "").split():
        qs = qs.filter(_contains_word(word, leading=not narrowed))
    return events_with_relations(qs.order_by(*ORDERINGS[ordering or "start_date"]))


SECTION_SEPARATOR = " › "


def _in_section(section: str) -> Q:
    """Mentions in that section or under it (whole path parts: 群团 does not match 群团团体)."""
    return Q(section=section) | Q(section__startswith=section + SECTION_SEPARATOR)


# The fields of an event row: what the API returns, read without building model instances.
EVENT_ROW_FIELDS = shape.ROW_FIELDS
_ROW_CHUNK = 2000
_JSON_FIELDS = shape.NAME_LISTS
_MENTION_FIELDS = shape.MENTION_FIELDS


def event_rows(ids: Iterable[int]) -> list[dict]:
    """The events with these ids, in this order, as dicts of `EVENT_ROW_FIELDS` plus `mentions`.

    One query per 2,000 ids: each event joined with its mentions (usually one). It skips model
    instances and Django's per-value converters where it can (the JSON lists are read as text
    and parsed by orjson): the timeline and the exports read thousands of events.
    """
    ids = list(ids)
    plain = [name for name in EVENT_ROW_FIELDS if name not in _JSON_FIELDS]
    columns = (
        *plain,
        *(Cast(name, TextField()) for name in _JSON_FIELDS),
        *(f"mentions__{name}" for name in _MENTION_FIELDS),
    )
    first_mention, first_json = len(plain) + len(_JSON_FIELDS), len(plain)
    rows: dict[int, dict] = {}
    for at in range(0, len(ids), _ROW_CHUNK):
        chunk = ids[at : at + _ROW_CHUNK]
        # The ids were chosen by the caller's query (which may ask for rejected events): read them all.
        joined = Event.everything.filter(InIds("pk", chunk)).order_by(
            "id", "mentions__start", "mentions__end", "mentions__id"
        )
        for values in joined.values_list(*columns):
            row = rows.get(values[0])
            if row is None:
                row = rows[values[0]] = dict(zip(plain, values, strict=False))
                for name, text in zip(_JSON_FIELDS, values[first_json:first_mention], strict=True):
                    row[name] = orjson.loads(text) if text is not None else []
                row["mentions"] = []
            if values[first_mention] is not None:
                row["mentions"].append(dict(zip(_MENTION_FIELDS, values[first_mention:], strict=True)))
    return [rows[pk] for pk in ids if pk in rows]


def longest_event_span() -> datetime.timedelta:
    """end_date − start_date of the longest event (remembered per chronology version, `caching`)."""
    return caching.per_version("longest-span", _longest_span)


def _longest_span() -> datetime.timedelta:
    if connection.vendor == "sqlite":  # Django's date subtraction there is a Python function per row
        end = Func(F("end_date"), function="julianday", output_field=FloatField())
        start = Func(F("start_date"), function="julianday", output_field=FloatField())
        longest = Event.objects.aggregate(longest=Max(end - start))["longest"]
        return datetime.timedelta(days=longest or 0)
    difference = ExpressionWrapper(F("end_date") - F("start_date"), DurationField())
    return Event.objects.aggregate(longest=Max(difference))["longest"] or datetime.timedelta(0)


def _contains_word(word: str, *, leading: bool = True) -> Q:
    """Title or description contains `word`, ignoring case.

    The gram index (events/search.py) narrows the events to those that may contain the word;
    the exact test runs on those only. A word without letters that have a case (Chinese,
    digits) is tested with STRPOS/INSTR, cheaper than a case-folding LIKE.
    """
    if word.lower() == word.upper():
        exact = Q(GreaterThan(StrIndex("title", Value(word)), 0)) | Q(
            GreaterThan(StrIndex("description", Value(word)), 0)
        )
    else:
        exact = Q(title__icontains=word) | Q(description__icontains=word)
    terms = search.word_terms(word)
    return Q(search.HasGrams(terms, leading=leading)) & exact if terms else exact


def month_of(start: datetime.date, *, year: int) -> int:
    """The month of `year`'s timeline an event that starts on `start` is placed in: the month it
    starts, or January when it began before the year (and runs into it)."""
    return start.month if start.year >= year else 1


@dataclass(frozen=True)
class TimelineMonth:
    month: datetime.date  # the first day of the month
    count: int  # every event placed in this month, even when `events` is cut short
    events: list  # Event instances, or event rows (dicts) with as_rows=True


def timeline_months(
    *,
    year: int,
    queryset: QuerySet[Event] | None = None,
    per_month: int | None = None,
    as_rows: bool = False,
) -> list[TimelineMonth]:
    """The twelve months of `year`, each with the events placed in it, in date order.

    An event is placed once, in the month `month_of` says. `per_month` caps how many events
    each month lists. A fixed number of queries whatever the size of the year.
    """
    qs = Event.objects.all() if queryset is None else queryset
    qs = qs.in_year(year, longest=longest_event_span()).prefetch_related(None)
    counts = dict.fromkeys(range(1, 13), 0)
    listed: dict[int, list[int]] = {month: [] for month in range(1, 13)}
    for pk, start in qs.order_by(*ORDERINGS["start_date"]).values_list("pk", "start_date"):
        month = month_of(start, year=year)
        counts[month] += 1
        if per_month is None or len(listed[month]) < per_month:
            listed[month].append(pk)
    ids = [pk for month in range(1, 13) for pk in listed[month]]
    if as_rows:
        loaded = {row["id"]: row for row in event_rows(ids)}
    else:
        loaded = {event.pk: event for event in events_with_relations().filter(pk__in=ids)}
    return [
        TimelineMonth(datetime.date(year, m, 1), counts[m], [loaded[pk] for pk in listed[m] if pk in loaded])
        for m in range(1, 13)
    ]


@dataclass(frozen=True)
class Session:
    """One meeting of a series, with what the series overview shows of it."""

    number: int | None
    id: int
    title: str
    start_date: datetime.date
    end_date: datetime.date
    precision: str
    date_text: str
    document_id: int
    document_title: str


@dataclass(frozen=True)
class SeriesOverview:
    name: str
    sessions: list[Session]  # numbered sessions by number (then date), unnumbered ones last
    missing: list[int]  # numbers between the first and the last session that no event has
    out_of_order: list[int]  # numbers whose date does not follow the numbering
    duplicates: list[int] = field(default_factory=list)  # numbers held by more than one event


_SESSION_FIELDS = (
    "series_number", "id", "title", "start_date", "end_date", "precision", "date_text", "document_id",
    "document__title",
)  # fmt: skip


def series_overview(*, queryset: QuerySet[Event] | None = None) -> list[SeriesOverview]:
    """Each meeting series, by name, with its sessions and the gaps and disorder in its numbering.

    Out of order are the fewest sessions whose removal leaves dates that never go back as the
    numbers go up (the complement of a longest non-decreasing run), so one misdated session
    flags itself and not every session after it. Sessions are read as rows, not model
    instances: every year of a busy chronicle holds thousands of them.
    """
    qs = (Event.objects.all() if queryset is None else queryset).exclude(series_name="")
    qs = qs.prefetch_related(None).order_by("series_name", "series_number", "start_date", "id")
    by_name: dict[str, list[Session]] = {}
    for name, *values in qs.values_list("series_name", *_SESSION_FIELDS):
        by_name.setdefault(name, []).append(Session(*values))
    return [_series(name, sessions) for name, sessions in by_name.items()]


def _series(name: str, sessions: list[Session]) -> SeriesOverview:
    numbered = [s for s in sessions if s.number is not None]
    unnumbered = sorted((s for s in sessions if s.number is None), key=lambda s: (s.start_date, s.id))
    numbers = [s.number for s in numbered]
    present = set(numbers)
    missing = [n for n in range(min(numbers), max(numbers) + 1) if n not in present] if numbers else []
    duplicates = sorted(n for n, times in Counter(numbers).items() if times > 1)
    in_order = _longest_non_decreasing([s.start_date.toordinal() for s in numbered])
    out_of_order = sorted({s.number for i, s in enumerate(numbered) if i not in in_order})
    return SeriesOverview(name, numbered + unnumbered, missing, out_of_order, duplicates)


def _longest_non_decreasing(values: list[int]) -> set[int]:
    """Indexes of one longest non-decreasing subsequence of `values` (patience sorting).

    It runs from the end backwards (a non-increasing run of the reversed values), so that of
    two equally long runs the one keeping the earlier elements wins: when 60 and 61 disagree,
    the later number is the one reported.
    """
    tails: list[int] = []  # tails[k]: the best end of a run of length k + 1 so far
    tail_index: list[int] = []
    previous: dict[int, int | None] = {}
    for i in range(len(values) - 1, -1, -1):
        key = -values[i]
        k = bisect_right(tails, key)
        previous[i] = tail_index[k - 1] if k else None
        if k == len(tails):
            tails.append(key)
            tail_index.append(i)
        else:
            tails[k] = key
            tail_index[k] = i
    chosen: set[int] = set()
    i = tail_index[-1] if tail_index else None
    while i is not None:
        chosen.add(i)
        i = previous[i]
    return chosen


CALENDAR_FIELDS = (
    "id", "title", "start_date", "end_date", "precision", "calendar",
    "date_text", "time", "type", "year_known",
)


def _calendar_fields(queryset: QuerySet[Event]) -> QuerySet[Event]:
    """What a calendar cell shows of an event, nothing more: a busy month holds a thousand of them."""
    return queryset.select_related(None).prefetch_related(None).only(*CALENDAR_FIELDS)


@dataclass(frozen=True)
class CalendarDay:
    date: datetime.date
    in_month: bool
    events: list[Event]  # day-precision events that cover this day


@dataclass(frozen=True)
class Xun:
    number: int  # 1 上旬, 2 中旬, 3 下旬
    start: datetime.date
    end: datetime.date
    events: list[Event]


@dataclass(frozen=True)
class CalendarMonth:
    year: int
    month: int
    weeks: list[list[CalendarDay]]  # Monday first; days of the neighbouring months fill the edges
    xuns: list[Xun]  # the month's three xun with their xun-precision events
    month_events: list[Event]  # month-precision events and coarser ones (quarter, year …) overlapping it


def calendar_month(*, year: int, month: int, queryset: QuerySet[Event] | None = None) -> CalendarMonth:
    """One month as a grid of weeks starting on Monday, with the events that are not one day beside it.

    Day-precision events (and day ranges) appear on every grid day they cover; xun events
    go to their xun; month-level and coarser events to `month_events`.
    """
    weeks_of_dates = pycalendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    grid_start, grid_end = weeks_of_dates[0][0], weeks_of_dates[-1][-1]
    last_day = pycalendar.monthrange(year, month)[1]
    qs = Event.objects.all() if queryset is None else queryset
    longest = longest_event_span()
    on_grid = qs.overlapping(grid_start, grid_end, longest=longest).filter(precision=Precision.DAY)
    days = list(_calendar_fields(on_grid.chronological()))
    in_month = qs.in_month(year, month, longest=longest).exclude(precision=Precision.DAY)
    wider = list(_calendar_fields(in_month.chronological()))
    weeks = [
        [CalendarDay(d, d.month == month, [e for e in days if e.start_date <= d <= e.end_date]) for d in week]
        for week in weeks_of_dates
    ]
    in_xun: dict[int, list[Event]] = {1: [], 2: [], 3: []}
    for event in wider:
        start = event.start_date
        if event.precision == Precision.XUN and (start.year, start.month) == (year, month):
            in_xun[min((start.day - 1) // 10, 2) + 1].append(event)
    bounds = [(1, 1, 10), (2, 11, 20), (3, 21, last_day)]
    xuns = [
        Xun(n, datetime.date(year, month, a), datetime.date(year, month, b), in_xun[n]) for n, a, b in bounds
    ]
    placed = {e.pk for xun in xuns for e in xun.events}
    month_events = [e for e in wider if e.pk not in placed]
    return CalendarMonth(year, month, weeks, xuns, month_events)


# ---------------------------------------------------------------------------------------------
# Reads for the pages (the shared ones above are used where they fit).
# The timeline reads plain tuples, not model instances: a year can hold 10,000 events.

TIMELINE_FIELDS = (
    "id", "title", "start_date", "end_date", "precision", "calendar",
    "date_text", "time", "type", "document_id",
)


def latest_event_month() -> tuple[int, int] | None:
    """(year, month) of the most recent event, or None for an empty chronology."""
    last = _latest_start_date()
    return (last.year, last.month) if last else None


def series_names() -> list[str]:
    named = Event.objects.exclude(series_name="").order_by("series_name")
    names = named.values_list("series_name", flat=True)
    return list(names.distinct())


def document_choices() -> list[tuple[int, str]]:
    return list(Document.objects.order_by("title", "id").values_list("id", "title"))


def timeline_rows(*, year: int, queryset: QuerySet[Event]) -> tuple[list[tuple], dict[int, str]]:
    """The year's events as `TIMELINE_FIELDS` tuples in date order, and their documents' titles."""
    in_year = queryset.in_year(year, longest=longest_event_span()).prefetch_related(None)
    rows = list(in_year.order_by(*ORDERINGS["start_date"]).values_list(*TIMELINE_FIELDS))
    titles = dict(Document.objects.filter(pk__in={row[-1] for row in rows}).values_list("id", "title"))
    return rows, titles


def event_detail(*, pk: int) -> Event | None:
    """One event with its document and mentions (each with its document's title)."""
    mentions = Mention.objects.select_related("document").defer("document__text")
    mentions = mentions.order_by("document_id", "start")
    qs = Event.everything.filter(pk=pk).select_related("document").defer("document__text")
    return qs.prefetch_related(Prefetch("mentions", queryset=mentions)).first()


@dataclass(frozen=True)
class DateReading:
    """One date the sources of an event state, and the titles of the documents that state it."""

    start_date: datetime.date
    end_date: datetime.date
    precision: str
    calendar: str
    date_text: str
    sources: list[str]


def event_readings(*, event: Event) -> list[DateReading]:
    """The dates an event's mentions state, one per distinct interval, in date order.

    More than one means its sources disagree (events merged across documents): the page and the
    admin show every reading beside the date the event keeps. Needs `event.mentions` loaded with
    their documents (`event_detail` does)."""
    read = event.date_as_read()
    by_interval: dict[tuple, dict] = {}
    for mention in event.mentions.all():
        reading = mention.reading or read
        key = (reading["start_date"], reading["end_date"], reading["precision"], reading["calendar"])
        entry = by_interval.setdefault(key, {"date_text": reading.get("date_text", ""), "sources": []})
        title = mention.document.title if mention.document_id else ""
        if title not in entry["sources"]:
            entry["sources"].append(title)
    return [
        DateReading(datetime.date.fromisoformat(k[0]), datetime.date.fromisoformat(k[1]), k[2], k[3],
                    v["date_text"], v["sources"])
        for k, v in sorted(by_interval.items())
    ]


def series_neighbours(*, event: Event) -> tuple[Event | None, Event | None]:
    """The previous and the next session of the event's meeting series (by number, else by date)."""
    if not event.series_name:
        return None, None
    same = Event.objects.in_series(event.series_name).exclude(pk=event.pk)
    if event.series_number is not None:
        before = same.filter(series_number__lt=event.series_number).order_by("-series_number", "-start_date")
        after = same.filter(series_number__gt=event.series_number).order_by("series_number", "start_date")
    else:
        before = same.filter(start_date__lt=event.start_date).order_by("-start_date", "-id")
        after = same.filter(start_date__gt=event.start_date).order_by("start_date", "id")
    return before.first(), after.first()


def document_neighbours(*, event: Event) -> tuple[Mention | None, Mention | None]:
    """The mentions of other events just before and after this event's first passage in its
    document (rejected events left out), each with its event loaded."""
    if not event.document_id:
        return None, None
    here = min((m.start for m in event.mentions.all() if m.document_id == event.document_id), default=None)
    if here is None:
        return None, None
    others = Mention.objects.filter(document_id=event.document_id, event__year_known=True)
    others = others.exclude(event=event).exclude(event__status=Status.REJECTED).select_related("event")
    others = others.only("id", "start", "event__id", "event__title", "event__start_date")
    before = others.filter(start__lt=here).order_by("-start", "-id").first()
    after = others.filter(start__gt=here).order_by("start", "id").first()
    return before, after


def document_texts(*, ids) -> dict[int, str]:
    return dict(Document.objects.filter(pk__in=set(ids)).values_list("id", "text"))


def document_detail(*, pk: int) -> Document | None:
    """The document with `event_count` and `first_event_date` (for a link to its timeline).

    Counted in a query of their own: annotating would GROUP BY the whole text (300 KB) on SQLite."""
    from django.db.models import Count, Min

    document = Document.objects.filter(pk=pk).first()
    if document is not None:
        found = Event.objects.filter(document=document).aggregate(n=Count("id"), first=Min("start_date"))
        document.event_count, document.first_event_date = found["n"], found["first"]
        undated = Event.everything.filter(document=document, year_known=False).exclude(status=Status.REJECTED)
        document.undated_events = list(undated.order_by("start_date", "end_date", "id"))
    return document


@dataclass(frozen=True)
class SourceFileInfo:
    """The kept original of a document: its name, size and format, and its bytes when asked for."""

    name: str
    size: int
    format: str
    content: bytes | memoryview | None = None


def document_source_file(*, document: Document | int, with_content: bool = False) -> SourceFileInfo | None:
    """The file a document was read from, without its bytes unless `with_content`."""
    fields = ["name", "size", "document__format", *(["content"] if with_content else [])]
    row = SourceFile.objects.filter(document=document).values_list(*fields).first()
    if row is None:
        return None
    return SourceFileInfo(row[0], row[1], row[2], row[3] if with_content else None)


def document_statements(*, document: Document) -> list[tuple[int, int, int, int, str]]:
    """(mention id, start, end, event id, event title) of every mention, in text order; the mentions
    of rejected events are left out (the page does not offer them as events)."""
    mentions = document.mentions.exclude(event__status=Status.REJECTED).order_by("start", "end", "id")
    return list(mentions.values_list("id", "start", "end", "event_id", "event__title"))


def mention_start(*, document: Document, mention: int) -> int | None:
    return document.mentions.filter(pk=mention).values_list("start", flat=True).first()


def document_sections(*, document: Document) -> list[tuple[str, int]]:
    """(section path, offset of its first mention) of every section of the document that states
    an event, for its table of contents."""
    mentions = document.mentions.exclude(section="").exclude(event__status=Status.REJECTED)
    rows = mentions.values("section").annotate(first=Min("start")).order_by("first")
    return [(row["section"], row["first"]) for row in rows]


# ---------------------------------------------------------------------------------------------
# Browsing: the years that hold events, search across them, facets, people and organizations,
# "on this day". These read every matching event: the pages remember them per chronology
# version (`caching.remembered`), so a warm page costs a look-up.

def _unordered(queryset: QuerySet[Event]) -> QuerySet[Event]:
    return queryset.prefetch_related(None).select_related(None).order_by()


def year_counts(*, filters: dict | None = None) -> list[tuple[int, int]]:
    """(year, number of events that begin in it) for every year that holds a matching event,
    oldest first. `filters` are `event_list`'s."""
    qs = _unordered(event_list(**(filters or {}))).annotate(y=ExtractYear("start_date"))
    return list(qs.values_list("y").annotate(n=Count("id")).order_by("y"))


def month_counts() -> list[tuple[int, int, int]]:
    """(year, month, number of events that begin in it) for every month that holds an event."""
    qs = _unordered(event_list()).annotate(y=ExtractYear("start_date"), m=ExtractMonth("start_date"))
    return list(qs.values_list("y", "m").annotate(n=Count("id")).order_by("y", "m"))


def neighbour_years(year: int, years: Iterable[int]) -> tuple[int | None, int | None]:
    """The nearest year before and after `year` among `years` (those that hold events)."""
    years = list(years)
    earlier = [y for y in years if y < year]
    later = [y for y in years if y > year]
    return (max(earlier) if earlier else None, min(later) if later else None)


def neighbour_months(
    year: int, month: int, *, filters: dict | None = None
) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    """(year, month) of the nearest earlier and later month that holds an event (by its start)."""
    qs = _unordered(event_list(**(filters or {})))
    first = datetime.date(year, month, 1)
    last = first.replace(day=pycalendar.monthrange(year, month)[1])
    starts = qs.values_list("start_date", flat=True)
    before = starts.filter(start_date__lt=first).order_by("-start_date").first()
    after = starts.filter(start_date__gt=last).order_by("start_date").first()
    return ((before.year, before.month) if before else None, (after.year, after.month) if after else None)


@dataclass(frozen=True)
class YearGroup:
    year: int
    count: int  # every matching event that begins in this year
    rows: list[tuple]  # the first of them as `TIMELINE_FIELDS` tuples, in date order


ROWS_PER_YEAR = 100
ROWS_LISTED = 1000


def events_by_year(
    *, filters: dict, counts: list[tuple[int, int]], per_year: int = ROWS_PER_YEAR
) -> tuple[list[YearGroup], dict[int, str]]:
    """The matching events grouped by the year they begin in, oldest year first: every year's
    count (`counts`, `year_counts(filters=filters)`), and the first `per_year` events of each (at
    most `ROWS_LISTED` in all: a year cut short links to its timeline). Also the titles of their
    documents."""
    qs = event_list(**filters).prefetch_related(None)
    rows = list(qs.values_list(*TIMELINE_FIELDS)[:ROWS_LISTED])
    by_year: dict[int, list[tuple]] = {}
    for row in rows:
        listed = by_year.setdefault(row[2].year, [])
        if len(listed) < per_year:
            listed.append(row)
    titles = dict(Document.objects.filter(pk__in={row[-1] for row in rows}).values_list("id", "title"))
    return [YearGroup(year, n, by_year.get(year, [])) for year, n in counts], titles


@dataclass(frozen=True)
class Facets:
    """How many of the events on screen have each value of each facet, most frequent first."""

    types: list[tuple[str, int]]
    precisions: list[tuple[str, int]]
    documents: list[tuple[int, str, int]]
    sections: list[tuple[str, int]]  # one level below the chosen section (the top level if none)
    people: list[tuple[str, int]]
    organizations: list[tuple[str, int]]


def event_facets(*, filters: dict, limit: int = 12) -> Facets:
    """The facets of the events that match `filters` (`event_list`'s, with a year or a month)."""
    qs = _unordered(event_list(**filters))
    types, precisions, documents = Counter(), Counter(), Counter()
    people, organizations = Counter(), Counter()
    names = (Cast("people", TextField()), Cast("organizations", TextField()))
    for type_, precision, document_id, people_json, organizations_json in qs.values_list(
        "type", "precision", "document_id", *names
    ):
        types[type_] += 1
        precisions[precision] += 1
        if document_id:
            documents[document_id] += 1
        people.update(set(orjson.loads(people_json or "[]")))
        organizations.update(set(orjson.loads(organizations_json or "[]")))
    titles = dict(Document.objects.filter(pk__in=list(documents)).values_list("id", "title"))
    return Facets(
        types=types.most_common(),
        precisions=precisions.most_common(),
        documents=[(pk, titles.get(pk, ""), n) for pk, n in documents.most_common(limit)],
        sections=_section_counts(qs, filters.get("section") or "", limit),
        people=_top(people, limit),
        organizations=_top(organizations, limit),
    )


def _top(counter: Counter, limit: int) -> list[tuple[str, int]]:
    return sorted(counter.items(), key=lambda item: (-item[1], item[0]))[:limit]


def _section_counts(qs: QuerySet[Event], chosen: str, limit: int) -> list[tuple[str, int]]:
    """Events per section one level below `chosen` (per top-level section without one)."""
    depth = len(chosen.split(SECTION_SEPARATOR)) + 1 if chosen else 1
    mentions = Mention.objects.filter(event__in=qs.values("pk")).exclude(section="")
    events: dict[str, set[int]] = {}
    for event_id, section in mentions.values_list("event_id", "section"):
        parts = section.split(SECTION_SEPARATOR)
        if len(parts) >= depth:
            events.setdefault(SECTION_SEPARATOR.join(parts[:depth]), set()).add(event_id)
    return _top(Counter({name: len(ids) for name, ids in events.items()}), limit)


def name_index(*, field: str) -> list[tuple[str, int]]:
    """Every name in the events' `people` or `organizations`, with its number of events, most first."""
    if field not in ("people", "organizations"):
        raise ValueError(f"no list of names called {field!r}")
    counted: Counter = Counter()
    for text in _unordered(event_list()).values_list(Cast(field, TextField()), flat=True):
        counted.update(set(orjson.loads(text or "[]")))
    return _top(counted, len(counted))


def on_this_day(*, month: int, day: int, years: Iterable[int]) -> tuple[list[YearGroup], dict[int, str]]:
    """The events of this day of the year in each of `years` (those that hold events), oldest
    first: the events known to the day whose dates cover it (a range of days counts on each of
    its days)."""
    covering, longest = Q(), longest_event_span()
    for year in years:
        if day <= pycalendar.monthrange(year, month)[1]:
            date = datetime.date(year, month, day)
            # The lower bound lets the database read a short range of the date index.
            earliest = date - longest if date - datetime.date.min > longest else datetime.date.min
            covering |= Q(start_date__lte=date, start_date__gte=earliest, end_date__gte=date)
    if not covering:
        return [], {}
    qs = Event.objects.filter(covering, precision=Precision.DAY).order_by(*ORDERINGS["start_date"])
    rows = list(qs.values_list(*TIMELINE_FIELDS))
    by_year: dict[int, list[tuple]] = {}
    for row in rows:
        by_year.setdefault(row[2].year, []).append(row)
    titles = dict(Document.objects.filter(pk__in={row[-1] for row in rows}).values_list("id", "title"))
    return [YearGroup(year, len(found), found) for year, found in sorted(by_year.items())], titles


# ---------------------------------------------------------------------------------------------
# The editors' review queue.

REVIEW_KINDS = {
    "unreviewed": "未审核",
    "suspicious": "日期可疑",
    "duplicates": "可能重复",
    "conflicts": "来源日期不一",
}
LONG_DAY_RANGE = datetime.timedelta(days=31)


def review_queue(*, kind: str, queryset: QuerySet[Event] | None = None) -> QuerySet[Event]:
    """The events an editor still has to look at, of one kind (`REVIEW_KINDS`).

    - unreviewed: as the machine read them (status extracted);
    - suspicious: unreviewed and dated oddly — no year found, outside the year the document
      reports, a range of days longer than a month, or holding a date the importer noted as a
      problem (an impossible day, a lunar and a solar date that disagree);
    - duplicates: in a suggested duplicate pair nobody has decided on;
    - conflicts: unreviewed, with sources (merged mentions) that state different dates.
    """
    qs = Event.everything.all() if queryset is None else queryset
    qs = qs.exclude(status=Status.REJECTED)
    if kind == "unreviewed":
        return qs.filter(status=Status.EXTRACTED)
    if kind == "suspicious":
        return qs.filter(status=Status.EXTRACTED).filter(_suspicious_dates() | Q(pk__in=_noted_event_ids()))
    if kind == "duplicates":
        return qs.filter(pk__in=_open_duplicate_ids())
    if kind == "conflicts":
        return qs.filter(status=Status.EXTRACTED, pk__in=_conflicting_event_ids())
    raise ValueError(f"unknown review queue {kind!r}")


def review_counts(*, queryset: QuerySet[Event] | None = None) -> dict[str, int]:
    return {kind: review_queue(kind=kind, queryset=queryset).count() for kind in REVIEW_KINDS}


def _suspicious_dates() -> Q:
    outside_year = Q(document__year__isnull=False) & (
        Q(end_date__year__lt=F("document__year")) | Q(start_date__year__gt=F("document__year"))
    )
    too_long = Q(precision=Precision.DAY) & Q(
        end_date__gt=ExpressionWrapper(F("start_date") + LONG_DAY_RANGE, output_field=DateField())
    )
    return Q(year_known=False) | outside_year | too_long


def _noted_event_ids() -> list[int]:
    """Events whose mentions hold a date problem the importer noted in its document's review notes."""
    noted = Document.objects.exclude(review_notes=[]).values_list("pk", "review_notes")
    spans = Q()
    for document_id, notes in noted:
        for note in notes or []:
            if note.get("kind") == "date" and note.get("start") is not None:
                spans |= Q(document_id=document_id, start__lte=note["start"], end__gte=note["end"])
    if not spans:
        return []
    return list(Mention.objects.filter(spans).values_list("event_id", flat=True).distinct())


def _open_duplicate_ids() -> set[int]:
    from .models import DuplicateSuggestion

    pairs = DuplicateSuggestion.objects.filter(dismissed_at=None).values_list("first_id", "second_id")
    return {pk for pair in pairs for pk in pair}


def _conflicting_event_ids() -> list[int]:
    several = Mention.objects.values("event_id").annotate(n=Count("id")).filter(n__gt=1).values("event_id")
    rows = Mention.objects.filter(event_id__in=several).values_list(
        "event_id", "reading", "event__machine_reading", "event__start_date", "event__end_date"
    )
    intervals: dict[int, set] = {}
    for event_id, reading, machine, start, end in rows:
        reading = reading or machine or {}
        interval = (reading.get("start_date", start.isoformat()), reading.get("end_date", end.isoformat()))
        intervals.setdefault(event_id, set()).add(interval)
    return [pk for pk, found in intervals.items() if len(found) > 1]


def next_unreviewed(*, after: Event) -> Event | None:
    """The event to review after `after`: the next unreviewed one of its document in date order,
    else the first unreviewed one of any document."""
    waiting = review_queue(kind="unreviewed").exclude(pk=after.pk).order_by("start_date", "end_date", "id")
    if after.document_id:
        later = Q(start_date__gt=after.start_date) | Q(start_date=after.start_date, id__gt=after.pk)
        following = waiting.filter(later, document_id=after.document_id).first()
        if following is not None:
            return following
    return waiting.order_by("document_id", "start_date", "end_date", "id").first()


# ---------------------------------------------------------------------------------------------
# What each editor changed in a week.

ACTIVITY_KINDS = (
    "编辑添加", "更正", "核实", "驳回", "恢复", "拆分", "合并", "表格导入", "撤销更正", "否决重复", "其他",
)


@dataclass(frozen=True)
class Change:
    when: datetime.datetime
    kind: str
    event_id: int
    title: str
    reason: str
    exists: bool  # False: the event was merged into another since


@dataclass(frozen=True)
class EditorWeek:
    user_id: int
    username: str
    counts: dict[str, int]  # kind -> number of changes, in ACTIVITY_KINDS order, zeros left out
    changes: list[Change]  # newest first


def editor_activity(*, week_start: datetime.date) -> list[EditorWeek]:
    """Every change an editor made to events in the week from `week_start` (a Monday) and the pairs
    they dismissed as no duplicates, per editor, busiest first."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from .models import DuplicateSuggestion

    start = timezone.make_aware(datetime.datetime.combine(week_start, datetime.time.min))
    end = start + datetime.timedelta(days=7)
    records = Event.history.filter(history_date__gte=start, history_date__lt=end, history_user__isnull=False)
    rows = records.order_by("-history_date", "-history_id").values_list(
        "history_user_id", "history_date", "history_type", "history_change_reason", "id", "title"
    )
    found: list[tuple[int, datetime.datetime, str, int, str, str]] = [
        (user_id, when, _kind(kind, reason), event_id, title, reason or "")
        for user_id, when, kind, reason, event_id, title in rows
    ]
    dismissed = DuplicateSuggestion.objects.filter(dismissed_at__gte=start, dismissed_at__lt=end)
    decided = dismissed.exclude(dismissed_by=None)
    decided = decided.values_list("dismissed_by", "dismissed_at", "first", "second")
    found += [(user_id, when, "否决重复", first, f"#{first} 与 #{second} 不是同一件事", "")
              for user_id, when, first, second in decided]
    alive = set(Event.everything.filter(pk__in={row[3] for row in found}).values_list("pk", flat=True))
    by_user: dict[int, list[Change]] = {}
    for user_id, when, kind, event_id, title, reason in found:
        by_user.setdefault(user_id, []).append(Change(when, kind, event_id, title, reason, event_id in alive))
    names = dict(get_user_model().objects.filter(pk__in=by_user).values_list("pk", "username"))
    weeks = []
    for user_id, changes in by_user.items():
        changes.sort(key=lambda c: c.when, reverse=True)
        counted = Counter(c.kind for c in changes)
        counts = {kind: counted[kind] for kind in ACTIVITY_KINDS if counted[kind]}
        weeks.append(EditorWeek(user_id, names.get(user_id, f"#{user_id}"), counts, changes))
    return sorted(weeks, key=lambda w: (-len(w.changes), w.username))


def _kind(history_type: str, reason: str | None) -> str:
    reason = reason or ""
    for kind in ACTIVITY_KINDS:
        if reason.startswith(kind):
            return kind
    if reason.startswith(("拆分自", "拆分出")):
        return "拆分"
    if reason.startswith(("合并入", "合并重复")):
        return "合并"
    if reason.startswith("采用另一来源"):
        return "更正"
    return "编辑添加" if history_type == "+" else "其他"
