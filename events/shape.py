"""The Event's public shape, declared once: every list of event fields derives from `FIELDS`.

An event row (`selectors.event_rows`), the API's Event object and its serializer's fields, the
CSV columns, what an editor may change, what the import copies from a parser's draft and the
machine's reading all read this tuple. Adding a public field means the model field, its
migration, and one line here (its label is the model field's verbose_name).

`machine_reading` is the one owner of "what the machine read": the import stores it from a
draft, the editing services from an event just before its first correction.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Field:
    """One field of an event and where it appears.

    `name` is the key of an event row (a model field, or a column read through a relation);
    `api` the key of the API's Event that shows it, with `part` its key inside an object that
    several fields make (the object is null when its first part is empty); `csv` its column.
    """

    name: str
    api: str | None = None
    part: str | None = None
    csv: str | None = None
    machine: bool = False  # the parser sets it; an undo restores it
    editable: bool = False  # an editor may change it (admin form, PATCH, spreadsheet)
    imported: bool = False  # the import copies it from the parser's draft
    column: bool = True  # read by `selectors.event_rows` (mentions are joined in apart)
    names: bool = False  # a list of names (a JSON list of strings)
    to_json: Callable | None = None  # the API's value when it is not the plain one


def _time_json(value):
    return value or None


FIELDS: tuple[Field, ...] = (
    Field("id", api="id", csv="id"),
    Field("title", api="title", csv="title", machine=True, editable=True, imported=True),
    Field("description", api="description", csv="description", editable=True, imported=True),
    Field("start_date", api="start_date", csv="start_date", machine=True, editable=True, imported=True),
    Field("end_date", api="end_date", csv="end_date", machine=True, editable=True, imported=True),
    Field("precision", api="precision", csv="precision", machine=True, editable=True, imported=True),
    Field("calendar", api="calendar", csv="calendar", machine=True, editable=True, imported=True),
    Field("date_text", api="date_text", csv="date_text", machine=True, editable=True, imported=True),
    Field("time", api="time", csv="time", machine=True, editable=True, imported=True, to_json=_time_json),
    Field("type", api="type", csv="type", machine=True, editable=True, imported=True),
    Field("series_name", api="series", part="name", csv="series_name", machine=True, editable=True,
          imported=True),
    Field("series_number", api="series", part="number", csv="series_number", machine=True, editable=True,
          imported=True),
    Field("people", api="people", csv="people", machine=True, editable=True, imported=True, names=True),
    Field("organizations", api="organizations", csv="organizations", editable=True, imported=True,
          names=True),
    Field("document_id", api="document", part="id", csv="document_id"),
    Field("document__title", api="document", part="title", csv="document_title"),
    Field("mentions", api="mentions", column=False),
    Field("status", api="status", csv="status"),
    Field("place", editable=True, imported=True),
    Field("source", editable=True),
)

# The keys of a mention in an event row and in the API's Event.
MENTION_FIELDS = ("start", "end", "text", "section", "page")

ROW_FIELDS = tuple(f.name for f in FIELDS if f.column and (f.api or f.csv))
API_FIELDS = tuple(dict.fromkeys(f.api for f in FIELDS if f.api))
CSV_COLUMNS = tuple(f.csv for f in FIELDS if f.csv)
MACHINE_FIELDS = tuple(f.name for f in FIELDS if f.machine)
EDITABLE_FIELDS = frozenset(f.name for f in FIELDS if f.editable)
IMPORTED_FIELDS = tuple(f.name for f in FIELDS if f.imported)
NAME_LISTS = tuple(f.name for f in FIELDS if f.names)


def _plain(value):
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return list(value)
    return value


def _mentions(mentions) -> list[dict]:
    return [{name: m[name] for name in MENTION_FIELDS} for m in mentions]


def _api_builders() -> list[tuple[str, Callable[[dict], object]]]:
    """(key, row -> value) for each key of the API's Event, in order."""
    builders = []
    for key in API_FIELDS:
        members = [f for f in FIELDS if f.api == key]
        if members[0].part:
            first, parts = members[0].name, [(f.part, f.name) for f in members]
            builders.append((key, lambda row, first=first, parts=parts: (
                {part: row[name] for part, name in parts} if row[first] else None)))
        elif key == "mentions":
            builders.append((key, lambda row: _mentions(row["mentions"])))
        elif members[0].to_json:
            builders.append((key, lambda row, name=members[0].name, to=members[0].to_json: to(row[name])))
        elif members[0].names:
            builders.append((key, lambda row, name=members[0].name: list(row[name] or [])))
        else:
            builders.append((key, lambda row, name=members[0].name: _plain(row[name])))
    return builders


_API = _api_builders()


def event_json(row: dict) -> dict:
    """The API's Event object from an event row (see `selectors.event_rows`)."""
    return {key: build(row) for key, build in _API}


def csv_cells(row: dict) -> list:
    """The CSV cells of an event row, in `CSV_COLUMNS` order: lists joined with 、."""
    cells = []
    for f in FIELDS:
        if f.csv:
            value = row[f.name]
            cells.append("、".join(value or []) if f.names else _plain(value))
    return cells


def machine_reading(source) -> dict:
    """What the machine read, from a parser's draft or an event (its current values).

    The dates as ISO text, the series as {"name", "number"} (or None), people as
    [{"name", "post"}] (with "aliases" when a draft knows them).
    """
    reading: dict = {}
    for f in FIELDS:
        if not f.machine:
            continue
        value = getattr(source, f.name)
        if f.part:
            if f.api not in reading:
                reading[f.api] = {} if value else None
            if reading[f.api] is not None:
                reading[f.api][f.part] = value
        elif f.name == "people":
            reading["people"] = [_person(person) for person in value]
        elif f.name == "time":
            reading["time"] = value or ""
        else:
            reading[f.name] = _plain(value)
    return reading


def _person(person) -> dict:
    if isinstance(person, str):
        return {"name": person, "post": ""}
    aliases = {"aliases": list(person.aliases)} if person.aliases else {}
    return {"name": person.name, "post": person.post, **aliases}
