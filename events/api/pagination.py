"""Page-number pagination for the API (settings.REST_FRAMEWORK DEFAULT_PAGINATION_CLASS): a bad
page or page_size is a 400 naming it; the event list counts its query once per chronology version."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.cache import caches
from rest_framework import exceptions
from rest_framework.pagination import PageNumberPagination

from events import caching


class Pagination(PageNumberPagination):
    """Page numbers where a bad page or page_size is a 400 naming it, and page_size stops at 500."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500

    def get_page_size(self, request):
        value = request.query_params.get(self.page_size_query_param)
        if value is None:
            return self.page_size
        if not value.isdigit() or not 1 <= int(value) <= self.max_page_size:
            raise exceptions.ValidationError({"page_size": [f"须为 1 到 {self.max_page_size} 之间的整数。"]})
        return int(value)

    def get_page_number(self, request, paginator):
        value = request.query_params.get(self.page_query_param, "1")
        if not value.isdigit() or int(value) < 1:
            raise exceptions.ValidationError({"page": ["须为从 1 开始的整数。"]})
        if int(value) > max(paginator.num_pages, 1):
            raise exceptions.NotFound(f"第 {value} 页不存在；共 {paginator.num_pages} 页。")
        return value

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"] = {"type": "integer", "minimum": 1}
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"]["maximum"] = self.max_page_size
        return parameters


class _Counted(Sequence):
    """`count` items of which only the page at `offset` was read: what Django's Paginator needs."""

    def __init__(self, count: int, offset: int, items: list):
        self.count_, self.offset, self.items = count, offset, items

    def __len__(self) -> int:
        return self.count_

    def __getitem__(self, index):
        if isinstance(index, slice) and index.start == self.offset:
            return self.items[: max(0, (index.stop or self.count_) - self.offset)]
        raise IndexError("only the page that was read")


class EventPagination(Pagination):
    """The page's ids, and the number of matching events counted once per query and version.

    The count is remembered per filter parameters and chronology version, so the next pages of
    the same query (the unfiltered list counts 100,000 rows) read only their ids. The count is
    its own query: a COUNT(*) OVER () beside the ids would make the database build every
    matching row before it could stop at the page. Takes ids, not model instances.
    """

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        size = self.get_page_size(request)
        value = request.query_params.get(self.page_query_param, "1")
        number = int(value) if value.isdigit() and int(value) >= 1 else 1  # else get_page_number says 400
        offset = (number - 1) * size
        cache = caches[caching.RESPONSE_CACHE]
        # The query is the filters' parameters: cheaper than compiling its SQL for a key.
        params = request.query_params
        filters = sorted(
            (name, value)
            for name in params
            if name not in (self.page_query_param, self.page_size_query_param)
            for value in params.getlist(name)
        )
        key = caching.response_key("count", f"{request.path}|{filters!r}", caching.chronology_version())
        count = cache.get(key)
        if count is None:
            count = queryset.count()
            cache.set(key, count)
        ids = list(queryset.values_list("pk", flat=True)[offset : offset + size]) if count > offset else []
        paginator = self.django_paginator_class(_Counted(count, offset, ids), size)
        self.page = paginator.page(self.get_page_number(request, paginator))
        return list(self.page)
