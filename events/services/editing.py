"""Editors' writes to events: correct, verify, merge, undo a correction; dates as editors type them.

The admin and PATCH /api/events/{id}/ both call these, so a correction is validated and
recorded the same way wherever it is made. Each write runs in `transaction.atomic` after
`full_clean()`, names the user in the event's history, and never touches the machine's
original reading except to fill it once, just before the first correction.
"""
from __future__ import annotations

import calendar as pycalendar
import datetime
import re
from collections.abc import Iterable, Iterator

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import transaction

from events import shape
from events.models import Calendar, Event, Mention, Precision, Status
from events.parsing import lunar as lunar_calendar

# What the machine read and an undo restores (machine_reading holds them, with the series as
# {"name", "number"} and people as [{"name", "post"}]), and what an editor may change; `series`
# ({"name", "number"} or None) is accepted as a shorthand. Both come from the Event's shape.
MACHINE_FIELDS = shape.MACHINE_FIELDS
EDITABLE_FIELDS = shape.EDITABLE_FIELDS
_DATE_FIELDS = {"start_date", "end_date", "precision", "calendar"}
_TIME = re.compile(r"^(?:[01]\d|2[0-3]):[0-5]\d$")
TIME_WORDS = ("morning", "afternoon", "evening")


def event_correct(*, event: Event, user, changes: dict, reason: str = "更正") -> Event:
    """Apply an editor's changes to one event and mark it corrected.

    `changes` may hold `date`: the date as the editor types it (`腊月二十七`, `2020年3月上旬`,
    `3月30日至4月2日`), read by the project's own parser into the dates, precision, calendar and
    date as written (see `read_typed_date`). Raises ValidationError keyed by field when a value
    is wrong or the interval does not fit its precision. Changes that leave every value as it
    was write nothing. A rejected event stays rejected.
    """
    with transaction.atomic():
        current = Event.everything.select_for_update().get(pk=event.pk)
        reading = current.machine_reading or shape.machine_reading(current)
        changed = _apply(current, changes)
        if not changed:
            return current
        current.machine_reading = reading
        if current.status != Status.REJECTED:
            current.status = Status.CORRECTED
        _save(current, user=user, reason=f"{reason}：" + "、".join(_label(name) for name in changed))
    return current


def event_correction_check(*, event: Event, changes: dict) -> None:
    """Raise the ValidationError `event_correct` would raise for these changes, writing nothing.

    Forms call it in `clean()` so the editor sees what is wrong beside the field.
    """
    _apply(Event.everything.get(pk=event.pk), changes)


def _apply(current: Event, changes: dict) -> list[str]:
    """Set the changed values on `current` and validate it; returns the changed field names."""
    changes = dict(changes)
    typed = (changes.pop("date", None) or "").strip()
    if typed:
        changes.update(read_typed_date(typed, year=context_year(current)))
    values = _coerce(_normalize_changes(changes))
    changed = [name for name, value in values.items() if not _same(getattr(current, name), value)]
    for name in changed:
        setattr(current, name, values[name])
    if not current.year_known and {"start_date", "end_date"} & set(changed):
        current.year_known = True  # an editor who sets the dates gives the year no clue in the text gave
    if changed:
        _validate(current, check_interval=bool(_DATE_FIELDS.intersection(changed)))
    return changed


def _same(old, new) -> bool:
    """Whether a value is unchanged; text that differs only in line endings or outer spaces is."""
    if isinstance(old, str) and isinstance(new, str):
        return old.replace("\r\n", "\n").strip() == new.replace("\r\n", "\n").strip()
    return old == new


def event_verify(*, event: Event, user) -> Event:
    """Mark an event as checked by an editor.

    A corrected event stays `corrected`: the correction already says an editor checked it,
    and the export of corrections relies on that status.
    """
    with transaction.atomic():
        current = Event.everything.select_for_update().get(pk=event.pk)
        if current.status != Status.EXTRACTED:
            return current
        current.status = Status.VERIFIED
        current.full_clean()
        _save(current, user=user, reason="核实")
    return current


def events_merge(
    *, events: Iterable[Event], user, survivor: Event | None = None, reason: str = "合并"
) -> Event:
    """Merge events that state one happening into one, keeping every mention, across documents too.

    The survivor is `survivor` if given, else a corrected event if there is one, else a verified
    one, else the oldest; it gains the others' mentions, people and organizations, and the
    others are deleted. Each mention keeps the date its source states (`Mention.reading`), so
    sources that disagree on the date show both readings afterwards.
    """
    ids = sorted({e.pk for e in events})
    if len(ids) < 2:
        raise ValidationError("请至少选择两个事件进行合并。")
    rank = {Status.CORRECTED: 0, Status.VERIFIED: 1, Status.EXTRACTED: 2}
    with transaction.atomic():
        rows = list(Event.everything.select_for_update().filter(pk__in=ids).order_by("id"))
        if len(rows) != len(ids):
            raise ValidationError("要合并的事件有的已不存在。")
        if any(e.status == Status.REJECTED for e in rows):
            raise ValidationError("已驳回的事件不能合并；请先恢复它。")
        if survivor is None:
            survivor = min(rows, key=lambda e: (rank.get(e.status, 3), e.pk))
        survivor = next(e for e in rows if e.pk == survivor.pk)
        others = [e for e in rows if e.pk != survivor.pk]
        _keep_readings(rows)
        spans = set(survivor.mentions.values_list("document_id", "start", "end"))
        for other in others:
            for mention in other.mentions.order_by("document_id", "start", "end"):
                if (mention.document_id, mention.start, mention.end) in spans:
                    mention.delete()  # the survivor already cites this exact passage
                    continue
                spans.add((mention.document_id, mention.start, mention.end))
                Mention.objects.filter(pk=mention.pk).update(event=survivor)
            survivor.people = _union(survivor.people, other.people)
            survivor.organizations = _union(survivor.organizations, other.organizations)
        survivor.full_clean()
        _save(survivor, user=user, reason=f"{reason}：" + "、".join(f"#{e.pk}" for e in others))
        for other in others:
            other._history_user = user
            other._change_reason = f"合并入 #{survivor.pk}"
            other.delete()
    return survivor


def _keep_readings(events: list[Event]) -> None:
    """Write down on each mention the date its event was read with, where it is not written yet."""
    for event in events:
        unwritten = [pk for pk, reading in event.mentions.values_list("pk", "reading") if not reading]
        Mention.objects.filter(pk__in=unwritten).update(reading=reading_of(event))


def reading_of(event: Event) -> dict:
    """The date the machine read for an event (its current date when nothing was read)."""
    return event.date_as_read()


def event_undo_correction(*, event: Event, user) -> Event:
    """Put back what the machine read and mark the event extracted again."""
    with transaction.atomic():
        current = Event.everything.select_for_update().get(pk=event.pk)
        if not current.machine_reading:
            raise ValidationError("该事件没有保存机器读取的结果，无法撤销更正。")
        restored = _coerce(machine_values(current.machine_reading))
        for name, value in restored.items():
            setattr(current, name, value)
        current.status = Status.EXTRACTED
        current.full_clean()
        _save(current, user=user, reason="撤销更正")
    return current


def read_typed_date(text: str, *, year: int | None) -> dict:
    """The fields of a date as an editor types it, read by the project's own recognizer.

    `腊月二十七` → the Gregorian day it falls on (in the lunar year the context `year` implies),
    calendar lunar; `2020年3月上旬` → 1–10 March, precision xun; `3月30日至4月2日` → a range of
    days. A date written twice (`2020年1月21日（农历腊月二十七）`) is read once. ISO dates and
    other languages (`2020-03`, `5 Mar 2020`) go through the user-date reader. Raises
    ValidationError on the `date` field when the text is no single date.
    """
    from events.parsing import find_dates
    from events.parsing.dates.userdates import parse_user_date

    text = text.strip()
    found = [m for m in find_dates(text, year=year) if m.role != "stamp"] if text else []
    intervals = {(m.start_date, m.end_date, m.precision) for m in found}
    covered = "".join(text[m.start : m.end] for m in found)
    if len(intervals) == 1 and len(_TYPED_SPARE.sub("", text)) == len(_TYPED_SPARE.sub("", covered)):
        chosen = next((m for m in found if m.calendar == Calendar.LUNAR), found[0])
        if not chosen.year_known:
            problem = f"“{text[:40]}”没有年份，这里也推断不出：请写上年份，如 2020年3月5日。"
            raise ValidationError({"date": problem})
        return {"start_date": chosen.start_date, "end_date": chosen.end_date, "precision": chosen.precision,
                "calendar": chosen.calendar, "time": chosen.time or "", "date_text": text[:100]}
    # Only with a number in it: dateparser reads 下周 or "tomorrow" from today, no date of a record.
    parsed = parse_user_date(text, year=year) if re.search(r"\d", text) else None
    if parsed is None:
        raise ValidationError({"date": f"读不懂日期“{text[:40]}”。请写成 2020年3月5日、3月上旬、腊月二十七、"
                                       "3月30日至4月2日 或 2020-03-05 这样的一个日期。"})
    start, end, precision = parsed
    return {"start_date": start, "end_date": end, "precision": precision, "calendar": Calendar.GREGORIAN,
            "date_text": text[:100]}


_TYPED_SPARE = re.compile(r"[\s（）()，,、:：农历]")


def context_year(event: Event) -> int | None:
    """The year a date typed for this event without one belongs to: its document's, else its own."""
    if event.document_id and event.document.year:
        return event.document.year
    if event.start_date and event.year_known:
        return event.start_date.year
    return None


def corrections_as_cases(*, events) -> Iterator[dict]:
    """Each corrected event's date as a regression case, in the format of the gold date files.

    `start`/`end` are the date's offsets in the document: the mention's date span when the
    importer recorded one, else where `date_text` stands inside the first mention that has it;
    None when neither is known. The editor's values are the answer; `machine` is what the
    machine read, so the case says what was wrong; `date_corrected` is false when the editor
    changed only other fields (the case then confirms the machine's date).
    """
    events = events.filter(status=Status.CORRECTED).select_related("document").prefetch_related("mentions")
    for event in events.order_by("document_id", "id"):
        start, end = _date_span(event)
        text = event.document.text[start:end] if start is not None else event.date_text
        case = {
            "start": start,
            "end": end,
            "text": text,
            "start_date": event.start_date.isoformat(),
            "end_date": event.end_date.isoformat(),
            "precision": event.precision,
            "calendar": event.calendar,
        }
        if event.time:
            case["time"] = event.time
        machine = machine_values(event.machine_reading or {})
        case["date_corrected"] = any(
            str(machine.get(name) or "") != str(case.get(name) or "")
            for name in ("start_date", "end_date", "precision", "calendar", "time")
        )
        case["machine"] = event.machine_reading
        case["document"] = {"id": event.document_id, "title": event.document.title}
        case["event"] = event.pk
        yield case


def _date_span(event: Event) -> tuple[int | None, int | None]:
    mentions = sorted(event.mentions.all(), key=lambda m: m.start)
    for mention in mentions:
        if mention.date_start is not None and mention.date_end is not None:
            if mention.start <= mention.date_start and mention.date_end <= mention.end:
                return mention.date_start, mention.date_end
            return mention.start + mention.date_start, mention.start + mention.date_end
    written = event.date_text or (event.machine_reading or {}).get("date_text") or ""
    for mention in mentions if written else ():
        at = mention.text.find(written)
        if at >= 0:
            return mention.start + at, mention.start + at + len(written)
    return None, None


def machine_values(reading: dict) -> dict:
    """machine_reading as field values: the series and people unpacked; only keys it holds."""
    values = {name: reading[name] for name in MACHINE_FIELDS if name in reading}
    if "series" in reading:
        series = reading["series"] or {}
        values["series_name"] = series.get("name") or ""
        values["series_number"] = series.get("number")
    if "people" in reading:
        people = reading["people"] or []
        values["people"] = [p.get("name", "") if isinstance(p, dict) else str(p) for p in people]
    return values


def interval_problem(
    start: datetime.date, end: datetime.date, precision: str, calendar: str = Calendar.GREGORIAN
) -> str | None:
    """Why [start, end] cannot be an interval of this precision, or None when it fits.

    A day-precision event is one day or a range of days; a month-precision one is a whole
    month (or a run of whole months, 3—5月); xun, quarter, half and year are one whole period.
    Lunar dates are checked against lunar months (腊月 is 初一 to its 29th or 30th day); lunar
    quarters, halves and years and all seasons have no fixed bounds in the texts, so for them
    only the order of the dates is checked.
    """
    if end < start:
        return "结束日期不能早于开始日期。"
    if calendar == Calendar.LUNAR:
        return _lunar_interval_problem(start, end, precision)
    last = pycalendar.monthrange(end.year, end.month)[1]
    if precision == Precision.XUN:
        bounds = {1: 10, 11: 20, 21: pycalendar.monthrange(start.year, start.month)[1]}
        if (start.year, start.month) != (end.year, end.month) or bounds.get(start.day) != end.day:
            return "精度为“旬”时，日期须是同一个月的1—10日、11—20日或21日至月底。"
    elif precision == Precision.MONTH:
        if start.day != 1 or end.day != last:
            return "精度为“月”时，日期须是整月：从1日到该月最后一天。"
    elif precision == Precision.QUARTER:
        if not _whole_period(start, end, months=3):
            return "精度为“季度”时，日期须是一个完整的季度，例如4月1日至6月30日。"
    elif precision == Precision.HALF:
        if not _whole_period(start, end, months=6):
            return "精度为“半年”时，日期须是1月1日至6月30日或7月1日至12月31日。"
    elif precision == Precision.YEAR:
        if not _whole_period(start, end, months=12):
            return "精度为“年”时，日期须是同一年的1月1日至12月31日。"
    return None


def _lunar_interval_problem(start: datetime.date, end: datetime.date, precision: str) -> str | None:
    (start_year, start_month, start_day), (end_year, end_month, end_day) = _lunar(start), _lunar(end)
    month_days = lunar_calendar.month_length(end_year, end_month)
    if precision == Precision.XUN:
        bounds = {1: 10, 11: 20, 21: month_days}
        if (start_year, start_month) != (end_year, end_month) or bounds.get(start_day) != end_day:
            return "精度为“旬”的农历日期，须是同一农历月的初一至初十、十一至二十或廿一至月末。"
    elif precision == Precision.MONTH:
        if start_day != 1 or end_day != month_days:
            return "精度为“月”的农历日期，须是整个农历月：从初一到该月最后一天（廿九或三十）。"
    return None


def _lunar(day: datetime.date) -> tuple[int, int, int]:
    """The lunar year, month (negative for a leap month) and day of a Gregorian date."""
    lunar_date = lunar_calendar.lunar_day(day)
    return lunar_date.year, lunar_date.month, lunar_date.day


def _whole_period(start: datetime.date, end: datetime.date, *, months: int) -> bool:
    if start.year != end.year or start.day != 1 or (start.month - 1) % months:
        return False
    last_month = start.month + months - 1
    return end.month == last_month and end.day == pycalendar.monthrange(end.year, last_month)[1]


def _normalize_changes(changes: dict) -> dict:
    changes = dict(changes)
    if "series" in changes:
        series = changes.pop("series") or {}
        if not isinstance(series, dict):
            raise ValidationError({"series": "会议系列须为 {name, number} 或空。"})
        changes.setdefault("series_name", series.get("name") or "")
        changes.setdefault("series_number", series.get("number"))
    unknown = sorted(set(changes) - EDITABLE_FIELDS)
    if unknown:
        raise ValidationError({name: "此字段不能由编辑修改。" for name in unknown})
    return changes


def _coerce(values: dict) -> dict:
    """Turn incoming values (ISO strings from JSON, None for blanks) into field values."""
    out, errors = {}, {}
    for name, value in values.items():
        try:
            field = Event._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if value is None and not field.null:
            value = [] if name in shape.NAME_LISTS else ""
        if isinstance(value, str):
            value = value.replace("\r\n", "\n")  # browsers send textareas with CRLF
        try:
            out[name] = field.to_python(value)
        except ValidationError as error:
            errors[name] = error.messages
    if errors:
        raise ValidationError(errors)
    return out


def _validate(event: Event, *, check_interval: bool) -> None:
    errors: dict[str, list[str]] = {}
    try:
        event.full_clean()
    except ValidationError as error:
        errors.update(error.message_dict)
    if event.time and not (_TIME.match(event.time) or event.time in TIME_WORDS):
        errors.setdefault("time", []).append("时间须为 HH:MM（如 19:00），或 morning / afternoon / evening。")
    for name in shape.NAME_LISTS:
        value = getattr(event, name)
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            errors.setdefault(name, []).append("须为名称列表。")
    if event.series_number is not None and not event.series_name:
        errors.setdefault("series_name", []).append("填写了届次/次数时，须同时填写会议系列名称。")
    if check_interval and event.start_date and event.end_date and "end_date" not in errors:
        problem = interval_problem(event.start_date, event.end_date, event.precision, event.calendar)
        if problem:
            field = "end_date" if event.end_date < event.start_date else "precision"
            errors.setdefault(field, []).append(problem)
    if errors:
        raise ValidationError(errors)


def _save(event: Event, *, user, reason: str) -> None:
    event._history_user = user
    event._change_reason = reason
    event.save()


def _label(name: str) -> str:
    return str(Event._meta.get_field(name).verbose_name)


def _union(first: list, second: list) -> list:
    return list(dict.fromkeys([*(first or []), *(second or [])]))
