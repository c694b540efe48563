"""What is remembered between requests, and how a remembered answer is known to still hold.

The API's JSON bodies are kept in the "responses" cache per address and chronology version
(`cached_json`); `selectors.chronology_version()` changes with every write.
"""

from __future__ import annotations

import hashlib

from django.core.cache import caches
from django.http import HttpResponse
from rest_framework.response import Response
from rest_framework.views import APIView

from . import selectors
from .api.renderers import BrowsableAPI

RESPONSE_CACHE = "responses"  # an alias in settings.CACHES; the throttle keeps "default" to itself


def cached_json(view: APIView, compute) -> HttpResponse | Response:
    """The JSON body of `compute()`, remembered per address and chronology version.

    The key is the absolute URL (pagination links name the host), the negotiated media type and
    `selectors.chronology_version()`, which every write changes, so a remembered body is never
    stale. The body does not depend on who asks: reads are public and the same for everyone.
    Errors are raised from `compute()` and so never remembered. `compute()` returns plain data,
    not a serializer's `.data`: that ReturnDict and its serializer point at each other, so a
    timeline's thousands of rows would wait for (and slow down) a full garbage collection
    instead of going when the request does.
    """
    request = view.request
    if isinstance(request.accepted_renderer, BrowsableAPI):  # a page for a person: not remembered
        return Response(compute())
    version = selectors.chronology_version()
    key = response_key("body", f"{request.build_absolute_uri()}|{request.accepted_media_type}", version)
    cache = caches[RESPONSE_CACHE]
    body = cache.get(key)
    if body is None:
        with selectors.one_version(version):  # the longest-span memo asks for it too
            data = compute()
        body = request.accepted_renderer.render(
            data, request.accepted_media_type, view.get_renderer_context()
        )
        cache.set(key, body)
    return HttpResponse(body, content_type=request.accepted_media_type)


def response_key(kind: str, address: str, version: tuple) -> str:
    return f"chronicle:api:{kind}:" + hashlib.sha256(f"{address}|{version!r}".encode()).hexdigest()
