"""Importing a record's file: read it (any format), read its events, store the Document and its Events.

Used by `manage.py import_document`, the API upload and the admin upload and re-extract
action; they all call these two functions and show `ImportResult.summary` or the
`DocumentRejected` message, which is always one line.

- `document_import(data=…, title=…, source_name=…, year=…)` reads the bytes in whatever format
  they are (see `events.formats`: text, PDF, scans, Word, web pages, spreadsheets), refuses what
  is no record, then, in one transaction:
  - the same file again (sha256 of its bytes, checked before any reading or OCR), or the same
    content (sha256 of the text read) changes nothing and says so;
  - a new version of a document already here (same title, or same source file name) is read
    again into that document (see *Re-extraction*);
  - anything else becomes a new Document with its Events and Mentions.
  The document keeps the file itself (`SourceFile`, in the database: it is written and rolled
  back with the rest, and a backup of the database holds it) and its page map; every mention
  gets the page it was printed on.
- `document_reextract(document=…)` reads a stored document's text again, same rules.

Re-extraction recognizes an event by its fingerprint (interval + normalized statement), else
by a passage it already cites word for word (an editor's merge holds), else by the same
machine interval and a similar statement. Events still as the
machine read them are updated, created or removed to match the new reading. Events an editor
has `corrected`, `verified` or `rejected` are never overwritten (a rejected one is never brought
back): they keep every field and only have their mentions moved to where the statement now
stands; if it is gone they stay, with a note in `Document.review_notes` for an editor to look at.
An event of another document that cites this one (an editor merged the two sources' statements)
is recognized the same way; only its mentions in this document are touched.

Limits: a file may hold at most `CHRONICLE_MAX_DATES_PER_IMPORT` date expressions (counted with
a cheap pattern before anything is read into events, so a 20 MB file of one repeated line is
refused in a second instead of taking minutes and gigabytes), and a document at most
`CHRONICLE_MAX_EVENTS_PER_DOCUMENT` events. Drafts dated outside the accepted years
(`events.bounds`) are left out with a note for an editor.

`progress`, when given, is called as `progress(stage, **figures)` while the import runs
(`reading` with `pages` of `total_pages` as a PDF is read, then `extracting` and `storing` with
`pages` and `events`), outside the transaction: the
background jobs (`events.jobs`) show it.

Every row is `full_clean()`-ed before it is written; the parser only produces drafts.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import CharField, Prefetch, Q
from simple_history.utils import bulk_create_with_history

from events import bounds, shape
from events.formats import FormatError, Reading, page_at, read_document
from events.models import Document, DocumentFormat, Event, Mention, SourceFile, Status
from events.parsing.statements.drafts import (
    MERGE_THRESHOLD,
    EventDraft,
    content_bigrams,
    extract_events,
    similarity,
)
from events.services.duplicates import duplicates_find

EDITED = (Status.CORRECTED, Status.VERIFIED, Status.REJECTED)


class DocumentRejected(Exception):
    """The file cannot be imported; str() is one line naming the problem."""


@dataclass(frozen=True)
class ImportResult:
    """What an import did, and one line that says so."""

    document: Document
    created: int = 0
    updated: int = 0
    kept: int = 0
    removed: int = 0
    unchanged: bool = False
    events: int = 0
    mentions: int = 0
    summary: str = ""


@dataclass
class _Counts:
    created: int = 0
    updated: int = 0
    kept: int = 0
    removed: int = 0


Progress = Callable[..., None]


def _no_progress(stage: str, **figures) -> None:
    pass


def document_import(*, data: bytes, title: str | None = None, source_name: str = "",
                    year: int | None = None, progress: Progress | None = None) -> ImportResult:
    """Import one file's bytes; raise DocumentRejected with a one-line message if they are no record."""
    progress = progress or _no_progress
    if year is not None and not bounds.year_in_range(year):
        raise DocumentRejected(f"year {year} is out of range: the accepted years are "
                               f"{bounds.year_min()}-{bounds.year_max()}")
    file_hash = hashlib.sha256(data).hexdigest()
    kept = SourceFile.objects.filter(sha256=file_hash).select_related("document").first()
    if kept is not None:
        return _unchanged(kept.document)
    progress("reading")

    def page_read(done: int, total: int) -> None:
        progress("reading", pages=done, total_pages=total)

    try:
        reading = read_document(data, max_bytes=settings.CHRONICLE_MAX_DOCUMENT_BYTES, on_page=page_read)
    except FormatError as error:
        raise DocumentRejected(str(error)) from None
    content_hash = hashlib.sha256(reading.text.encode("utf-8")).hexdigest()
    same = Document.objects.filter(content_hash=content_hash).first()
    if same is not None:
        return _unchanged(same)
    source_name = Path(source_name).name[:300] if source_name else ""
    title = (title or "").strip()[:300] or _title_from(source_name, reading.text)
    pages = len({page for _, page in reading.pages})
    _check_size(reading.text)
    progress("extracting", pages=pages)
    extraction = extract_events(reading.text, year=year)
    drafts, out_of_range = _in_range(extraction.drafts)
    limit = settings.CHRONICLE_MAX_EVENTS_PER_DOCUMENT
    if len(drafts) > limit:
        raise DocumentRejected(f"too many events: {len(drafts):,} in one document, the limit is {limit:,} "
                               "(CHRONICLE_MAX_EVENTS_PER_DOCUMENT); split the file")
    progress("storing", pages=pages, events=len(drafts))
    try:
        with transaction.atomic():
            previous = _previous_version(title=title, source_name=source_name)
            document = previous or Document(title=title)
            document.title, document.text, document.content_hash = title, reading.text, content_hash
            document.source_encoding, document.source_name = reading.encoding, source_name
            document.format, document.pages = reading.format, [list(run) for run in reading.pages]
            document.year = year or _year_in_range(extraction.year)
            document.review_notes = [*_reading_notes(reading), *(note.as_json() for note in extraction.notes),
                                     *out_of_range]
            document.full_clean()
            document.save()
            _keep_file(document, data=data, name=source_name, sha256=file_hash)
            counts = _store_drafts(document, drafts)
            duplicates_find(events=Event.objects.filter(document=document))
    except (IntegrityError, ValidationError):
        same = Document.objects.filter(content_hash=content_hash).first()
        if same is None:  # not the same file imported at the same moment: a real error
            raise
        return _unchanged(same)
    verb = "updated" if previous else "imported"
    return _result(document, counts, f'{verb} "{title}" ({_described(reading)}, {len(reading.text):,} chars)')


def document_reextract(*, document: Document) -> ImportResult:
    """Read a stored document again; events an editor corrected or verified stay as they are."""
    extraction = extract_events(document.text, year=document.year)
    drafts, out_of_range = _in_range(extraction.drafts)
    with transaction.atomic():
        document = Document.objects.select_for_update().get(pk=document.pk)
        reading_notes = [note for note in document.review_notes if note.get("kind") == READING_NOTE]
        notes = [*reading_notes, *(note.as_json() for note in extraction.notes), *out_of_range]
        document.review_notes = notes
        counts = _store_drafts(document, drafts)
        document.full_clean()
        document.save()
        duplicates_find(events=Event.objects.filter(document=document))
    return _result(document, counts, f're-extracted "{document.title}"')


READING_NOTE = "reading"
OUT_OF_RANGE_NOTE = "date-out-of-range"

# What a date expression starts or ends with, counted before extraction: an upper bound on the
# work an import will do, cheap enough to run on any file (20 MB in ~0.2 s).
_DATE_HINT = re.compile(r"[0-9０-９〇零一二三四五六七八九十廿卅]\s*[日号]|[上中下]旬|同日|是月|次日")


def _check_size(text: str) -> None:
    limit = settings.CHRONICLE_MAX_DATES_PER_IMPORT
    found = 0
    for found, _ in enumerate(_DATE_HINT.finditer(text), 1):
        if found > limit:
            raise DocumentRejected(
                f"too many dates: more than {limit:,} in one file (CHRONICLE_MAX_DATES_PER_IMPORT); "
                "split the file or raise the limit")


def _in_range(drafts: tuple[EventDraft, ...]) -> tuple[list[EventDraft], list[dict]]:
    """The drafts dated within the accepted years, and a note for each one left out."""
    kept, notes = [], []
    for draft in drafts:
        # An event whose year no text gives carries a placeholder year (UNKNOWN_YEAR): not a date.
        dates = (draft.start_date, draft.end_date) if draft.year_known else ()
        if all(bounds.date_in_range(day) for day in dates):
            kept.append(draft)
            continue
        where = draft.mentions[0] if draft.mentions else None
        message = (f"“{draft.date_text}” reads as {draft.start_date.isoformat()}, outside the accepted years "
                   f"({bounds.year_min()}-{bounds.year_max()}): no event was made of it")
        notes.append({"kind": OUT_OF_RANGE_NOTE, "start": where.start if where else None,
                      "end": where.end if where else None, "message": message})
    return kept, notes


def _year_in_range(year: int | None) -> int | None:
    return year if year is not None and bounds.year_in_range(year) else None


def _reading_notes(reading: Reading) -> list[dict]:
    return [{"kind": READING_NOTE, "start": None, "end": None, "message": note} for note in reading.notes]


def _described(reading: Reading) -> str:
    """How the file was read, for the summary: its encoding for text, else its format and pages."""
    if reading.format == DocumentFormat.TEXT:
        return reading.encoding
    pages = len({page for _, page in reading.pages})
    parts = [reading.format, reading.encoding, f"{pages} pages" if pages > 1 else ""]
    return ", ".join(part for part in parts if part)


def _keep_file(document: Document, *, data: bytes, name: str, sha256: str) -> None:
    """The file the document was read from, replacing the one of its previous version."""
    kept = SourceFile.objects.filter(document=document).first() or SourceFile(document=document)
    kept.name, kept.content, kept.size, kept.sha256 = name, data, len(data), sha256
    kept.full_clean(exclude=["document", "sha256"], validate_constraints=False)
    kept.save()


def _unchanged(document: Document) -> ImportResult:
    summary = f'unchanged: "{document.title}" is already imported as document {document.pk}'
    events = Event.everything.filter(document=document).count()
    return ImportResult(document=document, unchanged=True, events=events, mentions=document.mentions.count(),
                        summary=summary)


def _result(document: Document, counts: _Counts, head: str) -> ImportResult:
    events, mentions = Event.everything.filter(document=document).count(), document.mentions.count()
    summary = f"{head}: {events} events, {mentions} mentions, year {document.year or 'unknown'}"
    undated = Event.everything.filter(document=document, year_known=False).count()
    if undated:
        summary += (f"; {undated} of them with no year (nothing in the text gives it: "
                    "import again with --year, or date them in the admin)")
    if counts.updated or counts.kept or counts.removed:
        summary += (f"; {counts.created} new, {counts.updated} updated, {counts.removed} removed, "
                    f"{counts.kept} kept as the editors left them")
    if document.review_notes:
        summary += f"; {len(document.review_notes)} notes to review"
    return ImportResult(document=document, created=counts.created, updated=counts.updated, kept=counts.kept,
                        removed=counts.removed, events=events, mentions=mentions, summary=summary)


def _title_from(source_name: str, text: str) -> str:
    if source_name:
        return Path(source_name).stem[:300]
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return first[:60] or "未命名文献"


def _previous_version(*, title: str, source_name: str) -> Document | None:
    documents = Document.objects.select_for_update().order_by("-imported_at", "-id")
    return documents.filter(title=title).first() or (
        documents.filter(source_name=source_name).first() if source_name else None)


def _store_drafts(document: Document, drafts: tuple[EventDraft, ...]) -> _Counts:
    counts = _Counts()
    here = Mention.objects.filter(document=document)
    stored = Event.everything.filter(Q(document=document) | Q(pk__in=here.values("event_id")))
    stored = stored.prefetch_related(Prefetch("mentions", queryset=here, to_attr="mentions_here"))
    claims, new, gone = _match(list(stored), drafts)
    for event in gone:
        if event.status in EDITED or _stated_elsewhere(event, document):
            _keep_edited(document, event)
            counts.kept += 1
        else:
            event.delete()
            counts.removed += 1
    for event, its_drafts in claims:
        if event.document_id != document.pk:
            counts.kept += 1  # another document's event citing this one: only its mentions here change
        elif event.status in EDITED:
            counts.kept += 1
            event.fingerprint = its_drafts[0].fingerprint
        else:
            _fill(event, its_drafts[0])
            counts.updated += 1
        _validate(event, exclude=["document"])
        event.save()
        here.filter(event=event).delete()
    created = [_new_event(document, draft) for draft in new]
    bulk_create_with_history(created, Event)
    counts.created = len(created)
    _store_mentions(document, claims + [(event, [draft]) for event, draft in zip(created, new, strict=True)])
    if counts.kept:
        document.save(update_fields=["review_notes"])
    return counts


def _stated_elsewhere(event: Event, document: Document) -> bool:
    """Whether another document states the event too (it is that document's, or merged with it)."""
    return event.document_id != document.pk or event.mentions.exclude(document=document).exists()


def _validate(row, *, exclude: list[str]) -> None:
    """full_clean() less the database round trips: the foreign keys are rows just saved here, and
    the check and unique constraints are the database's own (fingerprints are unique per draft set)."""
    row.full_clean(exclude=exclude, validate_constraints=False)


def _new_event(document: Document, draft: EventDraft) -> Event:
    event = Event(document=document)
    _fill(event, draft)
    _validate(event, exclude=["document"])
    return event


def _match(existing: list[Event], drafts) -> tuple[list, list, list]:
    """Which drafts each stored event is, which drafts are new, which events are gone.

    A draft is an event with its fingerprint; else the event that already cites one of the
    draft's passages word for word (so an editor's merge holds: the merged event keeps every
    statement it absorbed); else an unclaimed event with the same machine interval and a
    similar statement.
    """
    by_print = {event.fingerprint: event for event in existing}
    claims: dict[int, tuple[Event, list]] = {}
    unclaimed = []
    for draft in drafts:
        event = by_print.get(draft.fingerprint)
        if event is not None:
            claims.setdefault(event.pk, (event, []))[1].append(draft)
        else:
            unclaimed.append(draft)
    cited = _cited_passages(existing)
    by_interval: dict[tuple[str, str], list[Event]] = {}
    for event in existing:
        by_interval.setdefault(_machine_interval(event), []).append(event)
    new = []
    for draft in unclaimed:
        same_days = by_interval.get((draft.start_date.isoformat(), draft.end_date.isoformat()), [])
        event = _citing(draft, cited) or _similar(draft, [e for e in same_days if e.pk not in claims])
        if event is None:
            new.append(draft)
        else:
            claims.setdefault(event.pk, (event, []))[1].append(draft)
    gone = [event for event in existing if event.pk not in claims]
    return list(claims.values()), new, gone


def _cited_passages(events: list[Event]) -> dict[str, list[tuple[int, Event]]]:
    cited: dict[str, list[tuple[int, Event]]] = {}
    for event in events:
        for mention in event.mentions_here:
            cited.setdefault(mention.text, []).append((mention.start, event))
    return cited


def _citing(draft: EventDraft, cited) -> Event | None:
    for found in draft.mentions:
        places = cited.get(found.text)
        if places:
            return min(places, key=lambda place: abs(place[0] - found.start))[1]
    return None


def _machine_interval(event: Event) -> tuple[str, str]:
    """The interval the machine read, even when an editor has since corrected the dates."""
    reading = event.machine_reading or {}
    return (reading.get("start_date", event.start_date.isoformat()),
            reading.get("end_date", event.end_date.isoformat()))


def _similar(draft: EventDraft, events) -> Event | None:
    """Of the events on the draft's machine interval, the one whose statement is most like it."""
    bigrams = content_bigrams(draft.description, draft.date_text)
    best, best_score = None, MERGE_THRESHOLD
    for event in events:
        score = similarity(bigrams, content_bigrams(event.description, event.date_text))
        if score >= best_score:
            best, best_score = event, score
    return best


def _fill(event: Event, draft: EventDraft) -> None:
    """Copy what the parser read onto the event: its shape's imported fields, cut to fit their columns."""
    for name in shape.IMPORTED_FIELDS:
        setattr(event, name, _fitted(Event._meta.get_field(name), getattr(draft, name)))
    event.year_known = draft.year_known
    event.fingerprint = draft.fingerprint
    event.machine_reading = shape.machine_reading(draft)


def _fitted(field, value):
    """A draft's value as the model field holds it: text cut to its length, names as a list."""
    if field.name == "people":
        return [person.name for person in value]
    if isinstance(value, tuple):
        return list(value)
    if field.max_length and isinstance(field, CharField):
        return (value or "")[: field.max_length]
    return value


def _store_mentions(document: Document, events_and_drafts) -> None:
    mentions = []
    for event, its_drafts in events_and_drafts:
        spans = set()
        for found in (mention for draft in its_drafts for mention in draft.mentions):
            if (found.start, found.end) in spans:
                continue
            spans.add((found.start, found.end))
            mention = Mention(
                event=event, document=document, start=found.start, end=found.end, text=found.text,
                section=found.section[:500], date_start=found.date_start, date_end=found.date_end,
                page=page_at(document.pages, found.start), reading=_reading(its_drafts[0]),
            )
            _validate(mention, exclude=["event", "document"])
            mentions.append(mention)
    Mention.objects.bulk_create(mentions)


def _reading(draft: EventDraft) -> dict:
    """The date a passage states, kept on its mention: sources merged into one event may disagree."""
    return {"start_date": draft.start_date.isoformat(), "end_date": draft.end_date.isoformat(),
            "precision": draft.precision, "calendar": draft.calendar, "date_text": draft.date_text[:100]}


def _keep_edited(document: Document, event: Event) -> None:
    """An edited event whose statement is gone stays; its mentions here follow their text or go.

    A rejected event, or one that other documents still state, needs no note."""
    moved = 0
    for mention in list(event.mentions_here):
        start = _nearest(document.text, mention.text, mention.start)
        if start is None:
            mention.delete()
            continue
        shift = start - mention.start
        mention.start, mention.end = start, start + len(mention.text)
        mention.page = page_at(document.pages, start)
        if mention.date_start is not None and mention.date_end is not None:
            mention.date_start, mention.date_end = mention.date_start + shift, mention.date_end + shift
        mention.document = document
        _validate(mention, exclude=["event", "document"])
        mention.save()
        moved += 1
    stated_elsewhere = event.mentions.exclude(document=document).exists()
    if not moved and event.status != Status.REJECTED and not stated_elsewhere:
        document.review_notes = list(document.review_notes) + [{
            "kind": "edited-event-not-found", "event": event.pk, "start": None, "end": None,
            "message": f"event {event.pk} ({event.get_status_display()}) “{event.title}” is no longer stated "
                       "in this version; it was kept as the editor left it",
        }]


def _nearest(text: str, needle: str, around: int) -> int | None:
    if not needle:
        return None
    best, position = None, text.find(needle)
    while position != -1:
        if best is None or abs(position - around) < abs(best - around):
            best = position
        position = text.find(needle, position + 1)
    return best
