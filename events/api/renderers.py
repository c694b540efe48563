"""The API's renderers (settings.REST_FRAMEWORK DEFAULT_RENDERER_CLASSES): JSON written by orjson,
and DRF's browsable API, titled and described in Chinese, for a person in a browser.

A timeline year or a 500-event page is 350–450 KB of JSON; `json.dumps` took ~7 ms of the
request for it, orjson well under one. The bytes are DRF's: compact, UTF-8 unescaped, U+2028
and U+2029 escaped for JavaScript, and whatever orjson does not know natively (dates and
times, Decimal, lazy translations) goes through DRF's own encoder. Indented output, which a
client asks for with `; indent=N`, is left to DRF.
"""

from __future__ import annotations

import orjson
from django.utils.html import escape
from rest_framework import renderers
from rest_framework.renderers import BrowsableAPIRenderer
from rest_framework.utils import encoders

_OPTIONS = orjson.OPT_NON_STR_KEYS | orjson.OPT_PASSTHROUGH_DATETIME


class JSONRenderer(renderers.JSONRenderer):
    _encoder = encoders.JSONEncoder()

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None:
            return b""
        if self.get_indent(accepted_media_type, renderer_context or {}):
            return super().render(data, accepted_media_type, renderer_context)
        body = orjson.dumps(data, default=self._encoder.default, option=_OPTIONS)
        return body.replace(b"\xe2\x80\xa8", b"\\u2028").replace(b"\xe2\x80\xa9", b"\\u2029")


class BrowsableAPI(BrowsableAPIRenderer):
    """DRF's browsable API for a person who opens an /api/ address in a browser (in Chinese under
    the Chinese interface); scripts keep getting JSON."""


VIEW_NAMES = {
    ("EventViewSet", "list"): (
        "事件列表", "可筛选、分页；?format=csv|ics|jsonl 导出整个查询结果。筛选条件见“Filters”或 /api/docs/。"
    ),
    ("EventViewSet", "retrieve"): ("事件", "一个事件，及记述它的每一处原文。"),
    ("EventViewSet", "partial_update"): ("事件", "更正事件的日期、标题或类型（编辑）。"),
    ("DocumentViewSet", "list"): ("文献列表", "已导入的文献，最新的在前；POST 上传一份新文献（编辑）。"),
    ("DocumentViewSet", "retrieve"): ("文献", "一份文献及其解码后的全文。"),
    ("TimelineApi", None): ("时间线", "一年十二个月，每月的事件数和事件：?year=2020。"),
    ("SeriesApi", None): ("会议系列", "各会议系列按次数排列的各次会议，以及缺少的和日期顺序不符的次数。"),
    ("ChronicleApi", None): (
        "大事记导出", "一年的大事记：?year=2020&format=docx|md|xlsx，可加任何事件筛选条件。"
    ),
}


def _named(view) -> tuple[str, str] | None:
    name = type(view).__name__
    return VIEW_NAMES.get((name, getattr(view, "action", None))) or VIEW_NAMES.get((name, None))


def view_name(view) -> str:
    """The browsable API's title of a view (settings.REST_FRAMEWORK VIEW_NAME_FUNCTION): Chinese."""
    from rest_framework.views import get_view_name  # rest_framework.views reads these settings

    named = _named(view)
    return named[0] if named else get_view_name(view)


def view_description(view, html: bool = False) -> str:
    """What the browsable API says under the title: one Chinese sentence, not the docstring."""
    named = _named(view)
    text = named[1] if named else ""
    return f"<p>{escape(text)}</p>" if html and text else text
