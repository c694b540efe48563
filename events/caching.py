"""What is remembered between requests, and how a remembered answer is known to still hold.

Every answer is remembered per `chronology_version()`, a value every write changes, so nothing
remembered is ever stale: the API's JSON bodies and page counts in the "responses" cache
(`cached_json`), what the pages build from every event of a query in the default cache
(`remembered`), and small figures in the process (`per_version`).
"""

from __future__ import annotations

import contextlib
import hashlib
import threading
from collections.abc import Callable, Iterator

from django.core.cache import cache, caches
from django.db import connection
from django.http import HttpResponse
from rest_framework.response import Response
from rest_framework.views import APIView

from .api.renderers import BrowsableAPI
from .models import Document, Event, Mention


def chronology_version() -> tuple:
    """A value that changes whenever anything the API reads changes: one query of index lookups.

    Every ORM write to events, documents and mentions leaves a simple_history row (create,
    save and delete, and `bulk_create_with_history` on import); mentions bulk-created by the
    importer change in the same transaction as their event or document. So the newest
    history row of each, with its time (SQLite hands an id out again after a rollback), plus
    the newest event, document and mention (raw saves of `import_chronology`, or `bulk_create`
    of the load-test data, leave no history) tell whether a remembered answer still holds.
    Not seen: `QuerySet.update()` or raw SQL outside the services, which leave no history.
    """
    pinned = getattr(_pinned, "version", None)
    if pinned is not None:
        return pinned
    global _version_sql
    if _version_sql is None:
        q = connection.ops.quote_name

        def newest(model, pk: str, stamp: str) -> str:
            table, pk, stamp = q(model._meta.db_table), q(pk), q(stamp)
            # MAX(pk): both databases answer it from the primary key's index, whatever else a
            # covering index (event_dates_idx ends with the id) offers the planner.
            return (
                f"(SELECT MAX({pk}) FROM {table}), "
                f"(SELECT {stamp} FROM {table} ORDER BY {pk} DESC LIMIT 1)"
            )

        mention = q(Mention._meta.db_table)
        _version_sql = "SELECT " + ", ".join(
            [
                newest(Event.history.model, "history_id", "history_date"),
                newest(Document.history.model, "history_id", "history_date"),
                newest(Mention.history.model, "history_id", "history_date"),
                newest(Event, "id", "created_at"),
                newest(Document, "id", "imported_at"),
                f"(SELECT MAX({q('id')}) FROM {mention})",
            ]
        )
    with connection.cursor() as cursor:
        cursor.execute(_version_sql)
        return (connection.alias, *cursor.fetchone())


_version_sql: str | None = None
_pinned = threading.local()


@contextlib.contextmanager
def one_version(version: tuple) -> Iterator[None]:
    """Within this block (one request, in this thread) `chronology_version()` answers `version`
    without asking the database again."""
    _pinned.version = version
    try:
        yield
    finally:
        _pinned.version = None




def remembered(kind: str, params, compute):
    """`compute()`, remembered in the default cache per `params` and chronology version: what a
    page builds from every event of a query (a busy year's timeline, a year's counts). `params`
    must name everything the result depends on."""
    version = chronology_version()
    digest = hashlib.sha256(repr((params, version)).encode()).hexdigest()
    key = f"chronicle:browse:{kind}:{digest}"
    found = cache.get(key)
    if found is None:
        found = compute()
        cache.set(key, found, timeout=3600)
    return found


def filters_key(filters: dict) -> tuple:
    """The filters of a query (`selectors.event_list`'s) as part of a key."""
    return tuple(sorted((name, str(value)) for name, value in filters.items() if value not in (None, "")))


_memo: dict[str, tuple[tuple, object]] = {}


def per_version(name: str, compute: Callable[[], object]):
    """`compute()`, kept in this process until the chronology changes: a small figure that many
    reads of one request need (the longest event's span)."""
    version = chronology_version()
    found = _memo.get(name)
    if found is not None and found[0] == version:
        return found[1]
    value = compute()
    _memo[name] = (version, value)
    return value


RESPONSE_CACHE = "responses"  # an alias in settings.CACHES; the throttle keeps "default" to itself


def cached_json(view: APIView, compute) -> HttpResponse | Response:
    """The JSON body of `compute()`, remembered per address and chronology version.

    The key is the absolute URL (pagination links name the host), the negotiated media type and
    `chronology_version()`, which every write changes, so a remembered body is never
    stale. The body does not depend on who asks: reads are public and the same for everyone.
    Errors are raised from `compute()` and so never remembered. `compute()` returns plain data,
    not a serializer's `.data`: that ReturnDict and its serializer point at each other, so a
    timeline's thousands of rows would wait for (and slow down) a full garbage collection
    instead of going when the request does.
    """
    request = view.request
    if isinstance(request.accepted_renderer, BrowsableAPI):  # a page for a person: not remembered
        return Response(compute())
    version = chronology_version()
    key = response_key("body", f"{request.build_absolute_uri()}|{request.accepted_media_type}", version)
    cache = caches[RESPONSE_CACHE]
    body = cache.get(key)
    if body is None:
        with one_version(version):  # the longest-span memo asks for it too
            data = compute()
        body = request.accepted_renderer.render(
            data, request.accepted_media_type, view.get_renderer_context()
        )
        cache.set(key, body)
    return HttpResponse(body, content_type=request.accepted_media_type)


def response_key(kind: str, address: str, version: tuple) -> str:
    return f"chronicle:api:{kind}:" + hashlib.sha256(f"{address}|{version!r}".encode()).hexdigest()
