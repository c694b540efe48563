"""Content negotiation for the API (settings.REST_FRAMEWORK DEFAULT_CONTENT_NEGOTIATION_CLASS)."""

from __future__ import annotations

from django.http import Http404
from rest_framework import exceptions
from rest_framework.negotiation import DefaultContentNegotiation


class FormatNegotiation(DefaultContentNegotiation):
    """An unknown ?format= is a 400 naming the parameter, not DRF's bare 404."""

    def select_renderer(self, request, renderers, format_suffix=None):
        try:
            return super().select_renderer(request, renderers, format_suffix)
        except Http404:
            known = "、".join(r.format for r in renderers)
            raise exceptions.ValidationError({"format": [f"不支持的格式；可用：{known}。"]}) from None
