"""Refusing request bodies too large to read, before anything reads them: 413 with a sentence.

Django raises `RequestDataTooBig` only when a view touches the body, and DRF would make a 500 of
it; here a declared `Content-Length` over the limit is answered at once. A multipart body may
carry one document file (`CHRONICLE_MAX_DOCUMENT_BYTES`, plus room for the other fields); any
other body at most `DATA_UPLOAD_MAX_MEMORY_SIZE`. A body sent without a length (chunked) is
still stopped by Django's own limits, which `events.api.errors.exception_handler` turns into the
same 413.
"""
from __future__ import annotations

from django.conf import settings
from django.http import HttpResponse, JsonResponse

MULTIPART_OVERHEAD = 1024 * 1024  # the form's other fields and the part headers


def body_limit(content_type: str) -> int:
    if content_type.startswith("multipart/form-data"):
        return settings.CHRONICLE_MAX_DOCUMENT_BYTES + MULTIPART_OVERHEAD
    return settings.DATA_UPLOAD_MAX_MEMORY_SIZE


def too_large_detail(limit: int) -> str:
    return f"请求体太大：上限 {limit / (1024 * 1024):.0f} MB。文献文件请分成较小的几份导入。"


def too_large(request, limit: int) -> HttpResponse:
    detail = too_large_detail(limit)
    if request.path.startswith("/api/") or "json" in request.headers.get("Accept", ""):
        return JsonResponse({"detail": detail}, status=413, json_dumps_params={"ensure_ascii": False})
    return HttpResponse(detail, status=413, content_type="text/plain; charset=utf-8")


class BodySizeLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        declared = request.META.get("CONTENT_LENGTH") or "0"
        limit = body_limit(request.META.get("CONTENT_TYPE", ""))
        if declared.isdigit() and int(declared) > limit:
            return too_large(request, limit)
        return self.get_response(request)
