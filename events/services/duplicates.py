"""Checking for duplicates across documents (查重): the same happening stated by several sources.

`duplicates_find` compares the events of a collection's documents with one another — the ones
a department's report, the minutes and the news each state — and stores each likely pair as a
`DuplicateSuggestion` with its similarity score. The editor accepts one (`duplicate_accept`: the
two become one event holding both sources' mentions, with the date the editor chooses when
the sources disagree) or dismisses it (`duplicate_dismiss`: the pair is never suggested again).

Two events are a likely pair when they come from different documents of one collection (an
editor's hand-written entry counts as any collection's), their dates overlap or lie within
`NEAR_DAYS` of each other (sources disagree on dates), and their statements, without dates,
digits, punctuation and the words every official statement uses, share most character
bigrams: the score is the overlap coefficient |A∩B| / min(|A|, |B|), less a tenth when the
dates do not overlap. Each compared event keeps its `PER_EVENT` likeliest pairs, among at most
`MAX_COMPARED` events of the nearest days.
"""

from __future__ import annotations

import datetime
import heapq
from collections import defaultdict
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from events.models import DuplicateSuggestion, Event, Status
from events.parsing.statements.drafts import content_bigrams, similarity

from .editing import _save, event_correct, events_merge, reading_of

SUGGEST_THRESHOLD = 0.5
MIN_SHARED = 4
NEAR_DAYS = 3
# The likeliest pairs kept for each compared event: an editor decides a handful, and two documents
# that restate each other wholesale (or a file uploaded twice under two names) make pairs in
# proportion to their events, not to their product.
PER_EVENT = 3
# Events of other documents one event is compared with, the nearest days first: a year's
# chronicle holds a few within a week of any day; only bulk files of invented lines hold more.
MAX_COMPARED = 300
_FAR_PENALTY = 0.1


@dataclass(frozen=True)
class _Item:
    id: int
    document_id: int | None
    collection_id: int | None
    start: int  # ordinals
    end: int
    bigrams: frozenset


def duplicates_find(*, events: QuerySet[Event] | None = None) -> int:
    """Store the likely pairs that involve `events` (every event of the chronology when None).

    Open suggestions involving those events that no longer hold (an editor changed a date or a
    text) are removed; dismissed ones stay dismissed. Returns the number of open suggestions
    for those events.
    """
    targets = Event.objects.all() if events is None else events.filter(pk__in=Event.objects.values("pk"))
    items = _items(targets)
    if not items:
        return 0
    first, last = min(i.start for i in items), max(i.end for i in items)
    pool = _items(
        Event.objects.filter(
            start_date__lte=datetime.date.fromordinal(last + NEAR_DAYS),
            end_date__gte=datetime.date.fromordinal(max(1, first - NEAR_DAYS)),
        )
    )
    found = _pairs(items, pool)
    with transaction.atomic():
        ids = [i.id for i in items]
        involved = DuplicateSuggestion.objects.filter(Q(first__in=ids) | Q(second__in=ids))
        held = {(s.first_id, s.second_id): s for s in involved}
        stale = [s.pk for pair, s in held.items() if pair not in found and s.dismissed_at is None]
        DuplicateSuggestion.objects.filter(pk__in=stale).delete()
        new = []
        for pair, score in found.items():
            kept = held.get(pair)
            if kept is None:
                new.append(DuplicateSuggestion(first_id=pair[0], second_id=pair[1], score=round(score, 3)))
            elif kept.dismissed_at is None and abs(kept.score - score) > 1e-3:
                DuplicateSuggestion.objects.filter(pk=kept.pk).update(score=round(score, 3))
        DuplicateSuggestion.objects.bulk_create(new, ignore_conflicts=True)
    return sum(1 for pair in found if pair not in held or held[pair].dismissed_at is None)


def _items(queryset: QuerySet[Event]) -> list[_Item]:
    rows = queryset.order_by().values_list(
        "id",
        "document_id",
        "document__collection_id",
        "start_date",
        "end_date",
        "title",
        "description",
        "date_text",
    )
    return [
        _Item(
            pk,
            document,
            collection,
            start.toordinal(),
            end.toordinal(),
            content_bigrams(description or title, date_text),
        )
        for pk, document, collection, start, end, title, description, date_text in rows
    ]


def _pairs(items: list[_Item], pool: list[_Item]) -> dict[tuple[int, int], float]:
    # By day, then by document: an event's own document is skipped whole, not event by event, so
    # a document of many events on few days costs no more than its comparisons with the others.
    by_day: dict[int, dict[int | None, list[_Item]]] = defaultdict(lambda: defaultdict(list))
    for other in pool:
        by_day[other.start][other.document_id].append(other)
    longest = max((o.end - o.start for o in pool), default=0)
    found: dict[tuple[int, int], float] = {}
    for item in items:
        likely, compared = [], 0
        days = range(item.start - NEAR_DAYS - longest, item.end + NEAR_DAYS + 1)
        for day in sorted(days, key=lambda day: abs(day - item.start)):  # the nearest days first
            for document, others in by_day.get(day, {}).items():
                if document is not None and document == item.document_id:
                    continue
                for other in others:
                    if _comparable(item, other):
                        compared += 1
                        score = _score(item, other)
                        if score >= SUGGEST_THRESHOLD:
                            likely.append((score, other.id))
            if compared >= MAX_COMPARED:
                break
        for score, other_id in heapq.nlargest(PER_EVENT, likely):
            found[(min(item.id, other_id), max(item.id, other_id))] = score
    return found


def _comparable(a: _Item, b: _Item) -> bool:
    if a.id == b.id or a.document_id == b.document_id:
        return False  # one document's statements are merged by the importer already
    if a.document_id is not None and b.document_id is not None and a.collection_id != b.collection_id:
        return False
    gap = max(a.start, b.start) - min(a.end, b.end)  # > 0: days between them
    return gap <= NEAR_DAYS


def _score(a: _Item, b: _Item) -> float:
    if len(a.bigrams & b.bigrams) < MIN_SHARED:
        return 0.0
    overlap = a.start <= b.end and b.start <= a.end
    return similarity(a.bigrams, b.bigrams) - (0 if overlap else _FAR_PENALTY)


def duplicate_accept(*, suggestion: DuplicateSuggestion, user, date_from: Event | None = None) -> Event:
    """Make the pair one event with both sources' mentions; returns it.

    When the two sources disagree on the date, `date_from` (one of the two) says whose date the
    event keeps; the other reading stays on its mentions and shows beside it. The event is then
    an editor's: verified, or corrected when the date was taken from the other source.
    """
    with transaction.atomic():
        suggestion = DuplicateSuggestion.objects.select_for_update().get(pk=suggestion.pk)
        pair = list(Event.everything.filter(pk__in=[suggestion.first_id, suggestion.second_id]))
        if date_from is not None and date_from.pk not in {e.pk for e in pair}:
            raise ValidationError({"date_from": "只能采用这两个事件之一的日期。"})
        readings = {e.pk: reading_of(e) for e in pair}
        score = suggestion.score
        survivor = events_merge(events=pair, user=user, reason=f"合并重复（相似度 {score:.2f}）")
        chosen = readings.get(date_from.pk) if date_from is not None else None
        if chosen and _interval(chosen) != (survivor.start_date.isoformat(), survivor.end_date.isoformat()):
            changes = {
                name: chosen[name]
                for name in ("start_date", "end_date", "precision", "calendar", "date_text")
            }
            survivor = event_correct(event=survivor, user=user, changes=changes, reason="采用另一来源的日期")
        elif survivor.status == Status.EXTRACTED:
            survivor.status = Status.VERIFIED
            _save(survivor, user=user, reason="核实（合并重复）")
    return survivor


def duplicate_dismiss(*, suggestion: DuplicateSuggestion, user) -> None:
    """Not the same happening: remember it, so that the pair is never suggested again."""
    DuplicateSuggestion.objects.filter(pk=suggestion.pk, dismissed_at=None).update(
        dismissed_at=timezone.now(), dismissed_by=user
    )


def _interval(reading: dict) -> tuple[str, str]:
    return reading["start_date"], reading["end_date"]
