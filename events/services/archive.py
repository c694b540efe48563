"""The whole chronology as one JSON Lines file, and back: nothing an editor did is lost.

`chronology_export` writes a header line, then every row of the events app (documents,
events, mentions and their simple_history rows) in Django's JSON Lines serialization, ids
included. Users appear only as the usernames that made the changes. `chronology_import`
loads such a file into an empty chronology in one transaction, keeping every id, so either
all of it is there afterwards or none of it.
"""
from __future__ import annotations

import datetime
import json
from collections import Counter
from collections.abc import Iterable
from typing import IO

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core import serializers
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DatabaseError, connection, models, transaction

FORMAT = "chronicle-chronology"
VERSION = 1
_CHUNK = 2000


class ArchiveError(Exception):
    """A file that cannot be loaded, or a database that must not receive it; the message says why."""


def archived_models() -> list[type[models.Model]]:
    """Every model of the events app, historical ones included, in an order that loads cleanly;
    not the import jobs, which are work in progress, not the chronology."""
    models_ = apps.get_app_config("events").get_models()
    return [model for model in models_ if model._meta.model_name != "importjob"]


def chronology_export(*, stream: IO[str]) -> dict[str, int]:
    """Write the chronology to `stream` (text) and return the number of rows per model."""
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if outermost:
            _consistent_snapshot()
        counts = {m._meta.label_lower: m._base_manager.count() for m in archived_models()}
        header = {
            "format": FORMAT,
            "version": VERSION,
            "exported_at": datetime.datetime.now(datetime.UTC).isoformat(),
            "users": _usernames_by_id(),
            "counts": counts,
        }
        stream.write(json.dumps(header, ensure_ascii=False) + "\n")
        for model in archived_models():
            rows = model._base_manager.order_by("pk").iterator(chunk_size=_CHUNK)
            serializers.serialize("jsonl", rows, stream=stream, cls=_ExactJSONEncoder)
    return counts


def chronology_import(*, stream: Iterable[str]) -> dict[str, int]:
    """Load an export into an empty chronology, keeping ids; return the rows loaded per model.

    Raises ArchiveError, leaving the database as it was, when the chronology is not empty or
    the file is not a complete export.
    """
    lines = iter(stream)
    header = _read_header(next(lines, ""))
    known = {m._meta.label_lower for m in archived_models()}
    loaded: Counter[str] = Counter()
    try:
        with transaction.atomic():
            _refuse_non_empty()
            user_ids = _users_for(header["users"])
            for item in serializers.deserialize("jsonl", lines):
                label = item.object._meta.label_lower
                if label not in known:
                    raise ArchiveError(f"the file holds rows of {label}, which is not part of a chronology")
                _remap_users(item.object, user_ids)
                item.save(force_insert=True)
                loaded[label] += 1
            expected = {label: n for label, n in header["counts"].items() if n}
            if dict(loaded) != expected:
                raise ArchiveError(f"the file is incomplete: it announces {expected}, holds {dict(loaded)}")
            _reset_sequences()
    except (DeserializationError, DatabaseError, ValueError, LookupError) as error:
        raise ArchiveError(f"the file cannot be loaded: {_first_line(error)}") from error
    return {label: loaded.get(label, 0) for label in sorted(known)}


class _ExactJSONEncoder(DjangoJSONEncoder):
    """Django's encoder, except that times keep their microseconds (it cuts them to milliseconds)."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            text = o.isoformat()
            return text[:-6] + "Z" if text.endswith("+00:00") else text
        return super().default(o)


def _consistent_snapshot() -> None:
    """On PostgreSQL, make every query of the export see the same moment (SQLite already does)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")


def _user_fields(model: type[models.Model]) -> list[models.Field]:
    user_model = get_user_model()
    return [f for f in model._meta.concrete_fields if f.is_relation and f.related_model is user_model]


def _usernames_by_id() -> dict[str, str]:
    ids = set()
    for model in archived_models():
        for field in _user_fields(model):
            named = model._base_manager.exclude(**{field.attname: None})
            ids.update(named.values_list(field.attname, flat=True).distinct())
    user_model = get_user_model()
    users = user_model._default_manager.filter(pk__in=ids)
    return {str(pk): name for pk, name in users.values_list("pk", user_model.USERNAME_FIELD)}


def _read_header(line: str) -> dict:
    try:
        header = json.loads(line)
    except ValueError:
        header = None
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise ArchiveError("not a chronology export: the first line is not a chronicle-chronology header")
    if header.get("version") != VERSION:
        raise ArchiveError(f"export version {header.get('version')!r} is not supported (expected {VERSION})")
    if not isinstance(header.get("users"), dict) or not isinstance(header.get("counts"), dict):
        raise ArchiveError("not a chronology export: the header lacks its users or counts")
    return header


def _refuse_non_empty() -> None:
    present = {m._meta.verbose_name_plural: m._base_manager.count() for m in archived_models()}
    present = {str(name): n for name, n in present.items() if n}
    if present:
        held = ", ".join(f"{n} {name}" for name, n in present.items())
        raise ArchiveError(f"the database already holds a chronology ({held}); import into an empty one")


def _users_for(usernames: dict[str, str]) -> dict[int, int]:
    """Map the exported user ids to users here, creating (without a password) those missing."""
    user_model = get_user_model()
    ids = {}
    for old_id, username in usernames.items():
        user = user_model._default_manager.filter(**{user_model.USERNAME_FIELD: username}).first()
        if user is None:
            user = user_model(**{user_model.USERNAME_FIELD: username})
            user.set_unusable_password()
            user.save()
        ids[int(old_id)] = user.pk
    return ids


def _remap_users(obj: models.Model, user_ids: dict[int, int]) -> None:
    for field in _user_fields(type(obj)):
        old_id = getattr(obj, field.attname)
        if old_id is not None:
            if old_id not in user_ids:
                raise ArchiveError(f"{obj._meta.label_lower} {obj.pk} names user {old_id}, not in the header")
            setattr(obj, field.attname, user_ids[old_id])


def _reset_sequences() -> None:
    """Rows came with their ids; the next row created here must not collide with them."""
    statements = connection.ops.sequence_reset_sql(no_style(), archived_models())
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def _first_line(error: Exception) -> str:
    text = str(error).strip() or type(error).__name__
    return text.splitlines()[0]
