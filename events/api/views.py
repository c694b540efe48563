"""The API's endpoints: events (list, export, one, correct), documents (list, one, upload), import
jobs, the timeline, meeting series and the 大事记 as a file. Each validates its input, calls a
selector or a service, and serializes; errors are JSON (`errors.exception_handler`).
"""

from __future__ import annotations

from django.conf import settings
from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, permissions, status, viewsets
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from events import exports, selectors
from events.caching import cached_json
from events.filters import EventFilter
from events.models import Document, Event, ImportJob
from events.serializers import (
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
from events.services.editing import event_correct
from events.services.jobs import import_job_create

from .errors import _JSON, ERRORS, WRITE_ERRORS
from .pagination import EventPagination
from .renderers import BrowsableAPI, JSONRenderer


class ApiView(APIView):
    """Defaults shared by every endpoint: JSON (HTML for a browser), and JSON errors even on an
    export URL."""

    # The renderers, negotiation and error handler come from settings.REST_FRAMEWORK; this class
    # adds what a setting cannot say. Its docstring describes the views without one in the schema.

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
    filterset_class = None
    filter_backends: list = []
    throttle_classes: list = []  # polled by progress bars; only signed-in importers get here

    def get_object(self):
        try:
            return super().get_object()
        except Http404:
            raise exceptions.NotFound(f"没有编号为 {self.kwargs.get('pk')} 的导入任务。") from None


# -- timeline and series ------------------------------------------------------------------


class ReadApi(ApiView):
    # A public read; no docstring, so the schema describes its views as ApiView does.
    permission_classes = [permissions.AllowAny]
    http_method_names = ["get", "head", "options"]


class TimelineApi(ReadApi):
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


class SeriesApi(ReadApi):
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


# The 大事记's formats in content negotiation; the view builds the file itself.
_OFFICE = "application/vnd.openxmlformats-officedocument"
BOOK_RENDERERS = (
    exports.stand_in_renderer("docx", f"{_OFFICE}.wordprocessingml.document"),
    exports.stand_in_renderer("md", "text/markdown"),
    exports.stand_in_renderer("xlsx", f"{_OFFICE}.spreadsheetml.sheet"),
)


class ChronicleApi(ReadApi):
    """GET /api/chronicle/?year=2020&format=docx|md|xlsx (and any event filter): the year's 大事记."""

    renderer_classes = [*api_settings.DEFAULT_RENDERER_CLASSES, *BOOK_RENDERERS]

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
        from events.chronicle_files import export_response

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
