"""One JSON shape for every API error, and JSON (never HTML) for an unexpected one.

The shape is {"detail": sentence} plus, for invalid input, {"errors": {name: [messages]}}: a
sentence a person can act on. `ERRORS` and `WRITE_ERRORS` describe it in the OpenAPI schema.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import JsonResponse
from drf_spectacular.utils import OpenApiResponse
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler
from rest_framework.views import set_rollback

from events.middleware import too_large_detail
from events.serializers import ErrorSerializer

logger = logging.getLogger(__name__)

_JSON = "application/json"
ERRORS = {
    (400, _JSON): OpenApiResponse(ErrorSerializer, description="参数或字段有误；errors 指出是哪一个。"),
    (404, _JSON): OpenApiResponse(ErrorSerializer, description="未找到。"),
    (429, _JSON): OpenApiResponse(ErrorSerializer, description="请求过于频繁；请在 Retry-After 秒后重试。"),
}
WRITE_ERRORS = {
    **ERRORS,
    (401, _JSON): OpenApiResponse(ErrorSerializer, description="未登录。"),
    (403, _JSON): OpenApiResponse(ErrorSerializer, description="已登录，但没有这项修改所需的权限。"),
}


def exception_handler(exc, context):
    """DRF's handler, with one JSON shape for every error and a JSON 500 for the unexpected
    (settings.REST_FRAMEWORK EXCEPTION_HANDLER)."""
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(_django_messages(exc))
    if isinstance(exc, RequestDataTooBig | TooManyFieldsSent | TooManyFilesSent):
        return Response({"detail": too_large_detail(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)}, status=413)
    response = drf_exception_handler(exc, context)
    if response is None:
        logger.exception("Unexpected error in %s", context.get("view").__class__.__name__, exc_info=exc)
        set_rollback()
        return Response(
            {"detail": "服务器内部错误，已记录。请稍后再试；若一再出现，请联系管理员。"}, status=500
        )
    if isinstance(exc, exceptions.ValidationError):
        response.data = _validation_body(response.data)
    elif not isinstance(response.data, dict) or "detail" not in response.data:
        response.data = {"detail": str(response.data)}
    return response


def _django_messages(exc: DjangoValidationError):
    return exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}


def _validation_body(data) -> dict:
    if not isinstance(data, dict):
        data = {"non_field_errors": data if isinstance(data, list) else [data]}
    errors = {
        name: [str(m) for m in (msgs if isinstance(msgs, list) else [msgs])] for name, msgs in data.items()
    }
    named = [name for name in errors if name != "non_field_errors"]
    if named:
        detail = "输入有误：" + "、".join(named) + "。" + " ".join(errors[named[0]])
    else:
        detail = " ".join(errors.get("non_field_errors", [])) or "输入有误。"
    return {"detail": detail, "errors": errors}


def api_not_found(request, *args, **kwargs):
    """JSON 404 for any /api/ address that no endpoint answers."""
    detail = f"没有这个 API 地址：{request.path}。可用的地址见 /api/docs/。"
    return JsonResponse({"detail": detail}, status=404, json_dumps_params={"ensure_ascii": False})
