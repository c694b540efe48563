"""The REST API: thin views that validate input, call a selector or a service, and serialize.

Reads are public (and throttled for anonymous clients); writes need a user with the model
permission. Every error, including an unexpected one, answers JSON with a sentence a person
can act on — see `exception_handler`.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpResponse, JsonResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, permissions, status, viewsets
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.pagination import PageNumberPagination
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.renderers import BrowsableAPIRenderer
from rest_framework.response import Response
from rest_framework.views import APIView, set_rollback
from rest_framework.views import exception_handler as drf_exception_handler

from . import exports, selectors
from .filters import EventFilter
from .middleware import too_large_detail
from .models import Document, Event, ImportJob
from .renderers import JSONRenderer
from .serializers import (
    ChronicleQuerySerializer,
    DocumentDetailSerializer,
    DocumentSerializer,
    DocumentUploadSerializer,
    ErrorSerializer,
    EventCorrectionSerializer,
    EventSerializer,
    ImportJobSerializer,
    SeriesOverviewSerializer,
    SeriesQuerySerializer,
    TimelineQuerySerializer,
    TimelineSerializer,
    event_json,
)
from .services.editing import event_correct
from .services.jobs import import_job_create

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


# -- errors -------------------------------------------------------------------------------


def exception_handler(exc, context):
    """DRF's handler, with one JSON shape for every error and a JSON 500 for the unexpected.

    The shape is {"detail": sentence} plus, for invalid input, {"errors": {name: [messages]}}.
    """
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


class FormatNegotiation(DefaultContentNegotiation):
    """An unknown ?format= is a 400 naming the parameter, not DRF's bare 404."""

    def select_renderer(self, request, renderers, format_suffix=None):
        try:
            return super().select_renderer(request, renderers, format_suffix)
        except Http404:
            known = "、".join(r.format for r in renderers)
            raise exceptions.ValidationError({"format": [f"不支持的格式；可用：{known}。"]}) from None


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
    from rest_framework.views import get_view_name

    named = _named(view)
    return named[0] if named else get_view_name(view)


def view_description(view, html: bool = False) -> str:
    """What the browsable API says under the title: one Chinese sentence, not the docstring."""
    from django.utils.html import escape

    named = _named(view)
    text = named[1] if named else ""
    return f"<p>{escape(text)}</p>" if html and text else text


class ApiView(APIView):
    """Defaults shared by every endpoint: JSON (HTML for a browser), and JSON errors even on an
    export URL."""

    renderer_classes = [JSONRenderer, BrowsableAPI]
    content_negotiation_class = FormatNegotiation

    def initial(self, request, *args, **kwargs):
        # A method no user may use is 405 for everyone, before permissions would say 403.
        if request.method.upper() not in self._allowed_methods():
            raise exceptions.MethodNotAllowed(request.method)
        super().initial(request, *args, **kwargs)

    def handle_exception(self, exc):
        response = super().handle_exception(exc)
        if not isinstance(getattr(self.request, "accepted_renderer", None), JSONRenderer | BrowsableAPI):
            self.request.accepted_renderer = JSONRenderer()
            self.request.accepted_media_type = _JSON
        return response


# -- cached reads -------------------------------------------------------------------------

RESPONSE_CACHE = "responses"  # an alias in settings.CACHES; the throttle keeps "default" to itself


def cached_json(view: APIView, compute):
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
    key = _key("body", f"{request.build_absolute_uri()}|{request.accepted_media_type}", version)
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


def _key(kind: str, address: str, version: tuple) -> str:
    return f"chronicle:api:{kind}:" + hashlib.sha256(f"{address}|{version!r}".encode()).hexdigest()


# -- events -------------------------------------------------------------------------------


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
        cache = caches[RESPONSE_CACHE]
        # The query is the filters' parameters: cheaper than compiling its SQL for a key.
        params = request.query_params
        filters = sorted(
            (name, value)
            for name in params
            if name not in (self.page_query_param, self.page_size_query_param)
            for value in params.getlist(name)
        )
        key = _key("count", f"{request.path}|{filters!r}", selectors.chronology_version())
        count = cache.get(key)
        if count is None:
            count = queryset.count()
            cache.set(key, count)
        ids = list(queryset.values_list("pk", flat=True)[offset : offset + size]) if count > offset else []
        paginator = self.django_paginator_class(_Counted(count, offset, ids), size)
        self.page = paginator.page(self.get_page_number(request, paginator))
        return list(self.page)


@extend_schema_view(
    list=extend_schema(
        summary="事件列表（可筛选、分页）；?format=csv|ics|jsonl 导出整个查询结果",
        responses={
            (200, _JSON): EventSerializer(many=True),
            (200, "text/csv"): OpenApiTypes.BINARY,
            (200, "text/calendar"): OpenApiTypes.BINARY,
            (200, "application/jsonl"): OpenApiTypes.BINARY,
            **ERRORS,
        },
    ),
    retrieve=extend_schema(summary="单个事件", responses={200: EventSerializer, **ERRORS}),
    partial_update=extend_schema(
        summary="更正事件的日期、标题或类型（编辑）；状态变为 corrected",
        request=EventCorrectionSerializer,
        responses={200: EventSerializer, **WRITE_ERRORS},
    ),
)
class EventViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet, ApiView):
    # Rejected events too: the list leaves them out unless ?status=rejected asks (selectors.event_list),
    # and one asked for by its id is shown with its status.
    queryset = Event.everything.filter(year_known=True)
    lookup_value_regex = r"\d+"
    serializer_class = EventSerializer
    filterset_class = EventFilter
    pagination_class = EventPagination
    http_method_names = ["get", "patch", "head", "options"]

    def get_renderers(self):
        renderers = super().get_renderers()
        if getattr(self, "action", None) == "list":
            renderers += [renderer() for renderer in exports.EXPORT_RENDERERS]
        return renderers

    def list(self, request, *args, **kwargs):
        export = request.accepted_renderer.format
        if export not in exports.FORMATS:
            # The filters are checked inside: a bad parameter is a 400 and never remembered.
            return cached_json(self, lambda: self._page(self.filter_queryset(self.get_queryset())))
        queryset = self.filter_queryset(self.get_queryset())
        if queryset.count() > exports.EXPORT_LIMIT:
            raise exceptions.ValidationError(
                {"format": [f"一次最多导出 {exports.EXPORT_LIMIT} 个事件；请用日期、类型等条件缩小范围。"]}
            )
        return exports.export_response(
            queryset, format=export, site=f"{request.scheme}://{request.get_host()}"
        )

    def _page(self, queryset) -> dict:
        ids = self.paginate_queryset(queryset.prefetch_related(None))
        return self.get_paginated_response([event_json(row) for row in selectors.event_rows(ids)]).data

    def partial_update(self, request, *args, **kwargs):
        event = self.get_object()
        serializer = EventCorrectionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        event = event_correct(event=event, user=request.user, changes=serializer.validated_data)
        return Response(EventSerializer(selectors.events_with_relations().get(pk=event.pk)).data)

    def filter_queryset(self, queryset):
        # The list's filters (which leave rejected events out) do not apply to one event asked for by id.
        return super().filter_queryset(queryset) if self.action == "list" else queryset

    def get_object(self):
        try:
            return super().get_object()
        except Http404:
            raise exceptions.NotFound(f"没有编号为 {self.kwargs.get('pk')} 的事件。") from None


# -- documents ----------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(summary="已导入的文献，最新的在前", responses={200: DocumentSerializer, **ERRORS}),
    retrieve=extend_schema(
        summary="单份文献及其解码后的全文", responses={200: DocumentDetailSerializer, **ERRORS}
    ),
    create=extend_schema(
        summary="导入文献（multipart：file，可选 title、year）：202 和一个导入任务，进度见 /api/jobs/{id}/",
        request={"multipart/form-data": DocumentUploadSerializer},
        responses={
            (202, _JSON): ImportJobSerializer,
            (413, _JSON): OpenApiResponse(ErrorSerializer, description="文件超过上限。"),
            **WRITE_ERRORS,
        },
    ),
)
class DocumentViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
    ApiView,
):
    queryset = Document.objects.all()
    lookup_value_regex = r"\d+"
    pagination_class = Pagination
    parser_classes = [MultiPartParser, FormParser, JSONParser]
    filterset_class = None
    filter_backends: list = []

    def get_queryset(self):
        if self.action == "retrieve":
            return Document.objects.with_event_counts().with_source_file()
        return selectors.document_list()

    def get_serializer_class(self):
        return DocumentDetailSerializer if self.action == "retrieve" else DocumentSerializer

    def get_object(self):
        try:
            return super().get_object()
        except Http404:
            raise exceptions.NotFound(f"没有编号为 {self.kwargs.get('pk')} 的文献。") from None

    def create(self, request, *args, **kwargs):
        upload = DocumentUploadSerializer(data=request.data)
        upload.is_valid(raise_exception=True)
        file = upload.validated_data["file"]
        if file.size > settings.CHRONICLE_MAX_DOCUMENT_BYTES:
            message = f"文件太大：上限 {settings.CHRONICLE_MAX_DOCUMENT_BYTES // (1024 * 1024)} MB。"
            return Response({"detail": message, "errors": {"file": [message]}}, status=413)
        fields = upload.validated_data
        job = import_job_create(data=file.read(), file_name=file.name or "", user=request.user,
                                title=fields.get("title") or "", year=fields.get("year"))
        body = ImportJobSerializer(job, context={"request": request}).data
        return Response(body, status=status.HTTP_202_ACCEPTED, headers={"Location": body["url"]})


class CanImport(permissions.BasePermission):
    """Import jobs are for the people who may import documents (their file names, their errors)."""

    def has_permission(self, request, view):
        return bool(request.user and request.user.has_perm("events.add_document"))


@extend_schema_view(
    list=extend_schema(
        summary="导入任务，最新的在前（需要导入文献的权限）",
        responses={200: ImportJobSerializer, **WRITE_ERRORS},
    ),
    retrieve=extend_schema(
        summary="一个导入任务的状态与进度", responses={200: ImportJobSerializer, **WRITE_ERRORS}
    ),
)
class ImportJobViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet, ApiView):
    queryset = ImportJob.objects.select_related("document").defer("data", "document__text")
    serializer_class = ImportJobSerializer
    permission_classes = [CanImport]
    lookup_value_regex = r"\d+"
    pagination_class = Pagination
    filterset_class = None
    filter_backends: list = []
    throttle_classes: list = []  # polled by progress bars; only signed-in importers get here

    def get_object(self):
        try:
            return super().get_object()
        except Http404:
            raise exceptions.NotFound(f"没有编号为 {self.kwargs.get('pk')} 的导入任务。") from None


# -- timeline and series ------------------------------------------------------------------


class TimelineApi(ApiView):
    permission_classes = [permissions.AllowAny]
    http_method_names = ["get", "head", "options"]

    @extend_schema(
        summary="一年十二个月，每月的事件数和事件",
        parameters=[TimelineQuerySerializer],
        responses={200: TimelineSerializer, **ERRORS},
    )
    def get(self, request):
        query = TimelineQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        year = query.validated_data["year"]

        def timeline():
            months = selectors.timeline_months(
                year=year, per_month=query.validated_data["per_month"], as_rows=True
            )
            return TimelineSerializer().to_representation({"year": year, "months": months})

        return cached_json(self, timeline)


class SeriesApi(ApiView):
    permission_classes = [permissions.AllowAny]
    http_method_names = ["get", "head", "options"]

    @extend_schema(
        summary="各会议系列：按次数排列的各次会议，以及缺少的次数和日期顺序不符的次数",
        parameters=[SeriesQuerySerializer],
        responses={200: SeriesOverviewSerializer(many=True), **ERRORS},
    )
    def get(self, request):
        query = SeriesQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        def overview():
            queryset = selectors.event_list(
                year=query.validated_data.get("year"), document=query.validated_data.get("document")
            )
            series = selectors.series_overview(queryset=queryset)
            return SeriesOverviewSerializer(many=True).to_representation(series)

        return cached_json(self, overview)


# -- the 大事记 as a document ---------------------------------------------------------------------


class _BookRenderer(exports._ExportRenderer):
    """Stands for a 大事记 format in content negotiation; the view builds the file itself."""


class DocxRenderer(_BookRenderer):
    media_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    format = "docx"


class MarkdownRenderer(_BookRenderer):
    media_type = "text/markdown"
    format = "md"


class XlsxRenderer(_BookRenderer):
    media_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    format = "xlsx"


BOOK_RENDERERS = (DocxRenderer, MarkdownRenderer, XlsxRenderer)


class ChronicleApi(ApiView):
    """GET /api/chronicle/?year=2020&format=docx|md|xlsx (and any event filter): the year's 大事记."""

    permission_classes = [permissions.AllowAny]
    http_method_names = ["get", "head", "options"]
    renderer_classes = [JSONRenderer, BrowsableAPI, *BOOK_RENDERERS]

    @extend_schema(
        summary="一年的大事记，按年鉴的版式：月份标题、日条目（1日　…、同日　…）、月末的是月条目；"
        "format=docx|md|xlsx（XLSX 每条带编号，改后可在编辑后台回填）",
        parameters=[ChronicleQuerySerializer],
        responses={
            **{(200, kind.media_type): OpenApiTypes.BINARY for kind in BOOK_RENDERERS},
            **ERRORS,
        },
    )
    def get(self, request):
        from .chronicle_files import export_response

        query = ChronicleQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        if request.accepted_renderer.format not in {"docx", "md", "xlsx"}:
            raise exceptions.ValidationError({"format": ["请给出 format：docx、md 或 xlsx。"]})
        filters = EventFilter(request.query_params, queryset=Event.objects.all())
        if not filters.is_valid():
            raise exceptions.ValidationError(filters.errors)
        cleaned = {
            name: value
            for name, value in filters.form.cleaned_data.items()
            if value not in (None, "") and name not in ("year", "ordering")
        }
        return export_response(year=query.validated_data["year"], format=request.accepted_renderer.format,
                               filters=cleaned)
