"""Editors compiling the chronicle: add an event by hand, reject one, bring it back, split one in two.

Like the corrections in `editing`, each write validates first, runs in `transaction.atomic`,
and names the editor and the reason in the event's history. Nothing is deleted: a rejected
event keeps every field and mention, stays out of the chronology (`Event.objects`), and a
re-import never brings it back (the importer leaves events an editor decided on alone).
"""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.db import transaction

from events import shape
from events.formats import page_at
from events.models import Document, Event, Mention, Origin, Status

from .editing import _apply, _save, read_typed_date, reading_of

# Fields an editor gives a new event: what an editor may change, `source` apart (an argument of
# its own), and `date`, the date as typed (see editing.read_typed_date).
ADD_FIELDS = frozenset({"date", *shape.EDITABLE_FIELDS} - {"source"})


def event_add(
    *,
    user,
    values: dict,
    document: Document | None = None,
    passage: str = "",
    source: str = "",
    year: int | None = None,
) -> Event:
    """A new event an editor writes by hand, with a source passage or without one.

    With `document` and `passage` the event cites that passage (which must stand word for word in
    the document's text; the first place it stands). Without a document, `source` says where the
    entry came from (a department's report, minutes, a news item). A date typed without its year
    (`3月5日`) takes the document's year, else `year`. The event is `verified`: an editor vouches
    for it. Raises ValidationError keyed by field.
    """
    values = dict(values)
    unknown = sorted(set(values) - ADD_FIELDS)
    if unknown:
        raise ValidationError({name: "添加事件时不能填写此字段。" for name in unknown})
    if not (values.get("title") or "").strip():
        raise ValidationError({"title": "请填写标题。"})
    passage = (passage or "").strip()
    if passage and document is None:
        raise ValidationError({"passage": "引用原文时须同时选择文献。"})
    with transaction.atomic():
        event = Event(
            document=document,
            origin=Origin.EDITOR,
            status=Status.VERIFIED,
            source=(source or "").strip()[:300],
            fingerprint=f"editor:{uuid.uuid4().hex}",
        )
        typed = (values.pop("date", None) or "").strip()
        if typed:
            values.update(read_typed_date(typed, year=(document.year if document else None) or year))
        elif not values.get("start_date"):
            raise ValidationError({"date": "请填写日期。"})
        values.setdefault("end_date", values["start_date"])
        _apply(
            event,
            {
                "type": "other",
                **values,
                "people": values.get("people") or [],
                "organizations": values.get("organizations") or [],
            },
        )
        event.year_known = True
        event.machine_reading = {}
        _save(event, user=user, reason="编辑添加" + (f"（出处：{document.title}）" if document else ""))
        if passage:
            _cite(event, document, passage)
    return event


def _cite(event: Event, document: Document, passage: str) -> Mention:
    at = document.text.find(passage)
    if at < 0:
        raise ValidationError({"passage": "所引原文在文献中找不到；请从文献中原样复制一段。"})
    mention = Mention(
        event=event,
        document=document,
        start=at,
        end=at + len(passage),
        text=passage,
        page=page_at(document.pages, at),
        reading=reading_of(event),
    )
    mention.full_clean()
    mention.save()
    return mention


def event_reject(*, event: Event, user, reason: str = "") -> Event:
    """Mark an event as no event (a heading, a plan, a statistic read as a happening).

    It is kept with its mentions and history, hidden from the pages, the API and the exports
    unless asked for, and a re-import leaves it rejected.
    """
    with transaction.atomic():
        current = Event.everything.select_for_update().get(pk=event.pk)
        if current.status == Status.REJECTED:
            return current
        current.status = Status.REJECTED
        _save(current, user=user, reason="驳回" + (f"：{reason.strip()[:200]}" if reason.strip() else ""))
    return current


def event_restore(*, event: Event, user) -> Event:
    """Bring a rejected event back with the status it had before it was rejected."""
    with transaction.atomic():
        current = Event.everything.select_for_update().get(pk=event.pk)
        if current.status != Status.REJECTED:
            return current
        earlier = current.history.exclude(status=Status.REJECTED)
        before = earlier.order_by("-history_date", "-history_id").first()
        current.status = before.status if before is not None else Status.EXTRACTED
        _save(current, user=user, reason="恢复（撤销驳回）")
    return current


def event_split(*, event: Event, user, mentions: list[int], values: dict) -> Event:
    """Split an event that the machine read as one into two; returns the new one.

    The new event takes the mentions whose ids are given (the rest stay); when none are given,
    both events cite the same passages (one sentence stating two happenings). `values` are the
    new event's fields as `event_add` takes them; what is not given is copied from the event.
    Both are then an editor's reading: the old one `corrected` (its machine reading kept), the
    new one `corrected` too, with the machine reading it was split from.
    """
    with transaction.atomic():
        current = Event.everything.select_for_update().get(pk=event.pk)
        if current.status == Status.REJECTED:
            raise ValidationError("已驳回的事件不能拆分；请先恢复它。")
        moving = list(current.mentions.filter(pk__in=mentions))
        if len(moving) != len(set(mentions)):
            raise ValidationError({"mentions": "所选出处不属于这个事件。"})
        if moving and len(moving) == current.mentions.count():
            raise ValidationError({"mentions": "原事件至少要留下一处出处；都移走就不是拆分了。"})
        reading = current.machine_reading or shape.machine_reading(current)
        new = Event(
            document=current.document,
            origin=current.origin,
            source=current.source,
            fingerprint=f"split:{uuid.uuid4().hex}",
            status=Status.CORRECTED,
            machine_reading=reading,
            year_known=current.year_known,
        )
        for name in shape.EDITABLE_FIELDS - {"source"}:
            value = getattr(current, name)
            setattr(new, name, list(value) if name in shape.NAME_LISTS else value)
        unknown = sorted(set(values) - ADD_FIELDS)
        if unknown:
            raise ValidationError({name: "拆分时不能填写此字段。" for name in unknown})
        if not _apply(new, {k: v for k, v in values.items() if v not in (None, "")}):
            raise ValidationError("拆分出的事件须与原事件有所不同：请至少改写标题、日期或描述中的一项。")
        _save(new, user=user, reason=f"拆分自 #{current.pk}")
        _keep_readings_of(current)
        if moving:
            Mention.objects.filter(pk__in=[m.pk for m in moving]).update(event=new)
        else:
            for mention in current.mentions.all():
                copy = Mention(
                    event=new,
                    document=mention.document,
                    start=mention.start,
                    end=mention.end,
                    text=mention.text,
                    section=mention.section,
                    date_start=mention.date_start,
                    date_end=mention.date_end,
                    page=mention.page,
                    reading=mention.reading,
                )
                copy.save()
        current.machine_reading = reading
        if current.status == Status.EXTRACTED:
            current.status = Status.CORRECTED
        _save(current, user=user, reason=f"拆分出 #{new.pk}")
    return new


def _keep_readings_of(event: Event) -> None:
    unwritten = [pk for pk, reading in event.mentions.values_list("pk", "reading") if not reading]
    Mention.objects.filter(pk__in=unwritten).update(reading=reading_of(event))
