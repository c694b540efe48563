"""The JSON shapes of the REST API: events, documents, timeline months, meeting series, errors.

Serializers only shape data. Input serializers check types and ranges; what a correction
may be is decided by `events.services.editing`, what an upload may be by the import service.
"""

from __future__ import annotations

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from . import bounds, shape
from .models import Calendar, Document, Event, EventType, ImportJob, Mention, Precision
from .shape import event_json


class SeriesSerializer(serializers.Serializer):
    name = serializers.CharField()
    number = serializers.IntegerField(allow_null=True)


class DocumentRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Document
        fields = ["id", "title"]


class MentionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Mention
        fields = ["start", "end", "text", "section", "page"]


class EventSerializer(serializers.ModelSerializer):
    """One event as the API returns it.

    `to_representation` builds the dict by hand: the timeline and the exports serialize
    thousands of events, and DRF's per-field machinery costs several times more. The declared
    fields still describe the shape for the OpenAPI schema, and the API tests pin the output.
    """

    time = serializers.CharField(
        allow_null=True,
        help_text="HH:MM（如 19:00），或 morning / afternoon / evening（上午/下午/晚上）；未写时为 null。",
    )
    series = SeriesSerializer(allow_null=True)
    document = DocumentRefSerializer(
        allow_null=True, help_text="读出事件的文献；编辑手工添加、没有出处的事件为 null。"
    )
    mentions = MentionSerializer(many=True, help_text="原文中陈述这一事件的每一处（偏移量指向文献的 text）。")

    class Meta:
        model = Event
        fields = list(shape.API_FIELDS)
        read_only_fields = fields

    def to_representation(self, instance) -> dict:
        return event_json(instance if isinstance(instance, dict) else row_of(instance))


def row_of(event: Event) -> dict:
    """The event row of a model instance (its document and mentions loaded, or loaded here)."""
    row = {name: getattr(event, name) for name in shape.ROW_FIELDS if "__" not in name}
    row["document__title"] = event.document.title if event.document_id else None
    row["mentions"] = [
        {name: getattr(mention, name) for name in shape.MENTION_FIELDS} for mention in event.mentions.all()
    ]
    return row


class EventCorrectionSerializer(serializers.Serializer):
    """What an editor may correct through PATCH; every field is optional."""

    date = serializers.CharField(
        required=False,
        max_length=100,
        help_text="日期按写法输入（如 腊月二十七、2020年3月上旬、3月30日至4月2日），由本系统的日期识别换算成 "
        "start_date、end_date、precision、calendar 和 date_text；没写年份时按文献的年份。",
    )
    start_date = serializers.DateField(required=False)
    end_date = serializers.DateField(required=False)
    precision = serializers.ChoiceField(choices=Precision.choices, required=False)
    calendar = serializers.ChoiceField(choices=Calendar.choices, required=False)
    time = serializers.CharField(
        required=False,
        allow_blank=True,
        allow_null=True,
        max_length=10,
        help_text="HH:MM，或 morning / afternoon / evening；空字符串或 null 表示清除。",
    )
    title = serializers.CharField(required=False, max_length=300)
    type = serializers.ChoiceField(choices=EventType.choices, required=False)

    def validate(self, attrs):
        unknown = (
            sorted(set(self.initial_data) - set(self.fields)) if hasattr(self.initial_data, "keys") else []
        )
        if unknown:
            allowed = "、".join(self.fields)
            raise serializers.ValidationError(
                {name: [f"此字段不能通过 API 修改；可更正的字段：{allowed}。"] for name in unknown}
            )
        if not attrs:
            raise serializers.ValidationError({"non_field_errors": ["请至少给出一个要更正的字段。"]})
        return attrs


class DocumentSerializer(serializers.ModelSerializer):
    event_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Document
        fields = [
            "id",
            "title",
            "source_name",
            "source_encoding",
            "format",
            "year",
            "imported_at",
            "event_count",
            "review_notes",
        ]
        read_only_fields = fields


class DocumentDetailSerializer(DocumentSerializer):
    text = serializers.CharField(read_only=True, help_text="读出的全文；出处的偏移量都指向这段文本。")
    pages = serializers.ListField(
        child=serializers.ListField(child=serializers.IntegerField(), min_length=2, max_length=2),
        read_only=True,
        help_text="[起始偏移, 页码]：text 从这个偏移起印在原件的这一页（PDF、扫描件）；其他格式为空列表。",
    )
    original = serializers.SerializerMethodField(help_text="下载原始文件的地址；没有保存原件时为 null。")

    class Meta(DocumentSerializer.Meta):
        fields = [*DocumentSerializer.Meta.fields, "pages", "original", "text"]
        read_only_fields = fields

    def get_original(self, document) -> str | None:
        if not getattr(document, "has_source_file", False):
            return None
        url = reverse("events:document-original", args=[document.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url


class DocumentUploadSerializer(serializers.Serializer):
    file = serializers.FileField(
        help_text="文献文件，格式按内容判断：纯文本（UTF-8、GB18030/GBK、UTF-16）、PDF（文字版或扫描件）、"
        "PNG/JPEG/TIFF 图片、Word（.docx）、网页（.html）、Excel（.xlsx）或 CSV。"
    )
    title = serializers.CharField(required=False, allow_blank=True, max_length=300)
    year = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=bounds.year_min(),
        max_value=bounds.year_max(),
        help_text="文献所记的年份，用于没写年份的日期。",
    )


class Meta(DocumentSerializer.Meta):
        fields = [*DocumentSerializer.Meta.fields, "summary"]
        read_only_fields = fields


class TimelineQuerySerializer(serializers.Serializer):
    year = serializers.IntegerField(min_value=bounds.year_min(), max_value=bounds.year_max())
    per_month = serializers.IntegerField(
        required=False,
        min_value=0,
        max_value=1000,
        default=20,
        help_text="每个月最多列出多少个事件（默认 20，最多 1000）；count 总是全部事件数，"
        "其余事件可用 /api/events/?year=&month= 分页读取。",
    )


class ChronicleQuerySerializer(serializers.Serializer):
    year = serializers.IntegerField(min_value=bounds.year_min(), max_value=bounds.year_max(),
                                    help_text="大事记的年份：这一年开始的事件。")
    format = serializers.ChoiceField(choices=["docx", "md", "xlsx"], help_text="docx、md 或 xlsx。")


@extend_schema_field({"type": "string", "pattern": r"^\d{4}-\d{2}$", "example": "2020-03"})
class MonthField(serializers.Field):
    """A month as YYYY-MM (the year always four digits)."""

    def to_representation(self, value):
        return f"{value.year:04d}-{value.month:02d}"


class TimelineMonthSerializer(serializers.Serializer):
    month = MonthField()
    count = serializers.IntegerField()
    events = EventSerializer(many=True)


class TimelineSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    months = TimelineMonthSerializer(many=True)


class SessionSerializer(serializers.Serializer):
    """One session of a series (`selectors.Session`); the dict is built by hand, as for events."""

    number = serializers.IntegerField(allow_null=True, help_text="届次/次数；没有时为 null。")
    id = serializers.IntegerField()
    title = serializers.CharField()
    start_date = serializers.DateField()
    end_date = serializers.DateField()
    precision = serializers.ChoiceField(choices=Precision.choices)
    date_text = serializers.CharField()
    document = DocumentRefSerializer()

    def to_representation(self, session) -> dict:
        return {
            "number": session.number,
            "id": session.id,
            "title": session.title,
            "start_date": session.start_date.isoformat(),
            "end_date": session.end_date.isoformat(),
            "precision": session.precision,
            "date_text": session.date_text,
            "document": {"id": session.document_id, "title": session.document_title}
            if session.document_id else None,
        }


class SeriesQuerySerializer(serializers.Serializer):
    year = serializers.IntegerField(
        required=False,
        min_value=bounds.year_min(),
        max_value=bounds.year_max(),
        help_text="只看与这一年有交集的会议。",
    )
    document = serializers.PrimaryKeyRelatedField(
        queryset=Document.objects.only("id"),
        required=False,
        help_text="只看从这份文献读出的会议。",
    )


class SeriesOverviewSerializer(serializers.Serializer):
    name = serializers.CharField()
    sessions = SessionSerializer(many=True, help_text="按届次/次数，再按日期排列；没有次数的排在最后。")
    missing = serializers.ListField(
        child=serializers.IntegerField(),
        help_text="第一次和最后一次之间缺少的次数。",
    )
    out_of_order = serializers.ListField(
        child=serializers.IntegerField(), help_text="日期与次数先后不一致的次数。"
    )
    duplicates = serializers.ListField(child=serializers.IntegerField(), help_text="不止一个事件使用的次数。")


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="出了什么问题，写给人看的一句话。")
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="输入有误时：按参数或字段名列出的错误信息。",
    )


class ImportJobSerializer(serializers.ModelSerializer):
    """A background import: where it stands, and what it made or why it failed."""

    progress = serializers.IntegerField(read_only=True, help_text="0–100，用于进度条。")
    progress_text = serializers.CharField(read_only=True, help_text="进度条旁的文字：阶段、页数、事件数。")
    document = DocumentRefSerializer(read_only=True, allow_null=True, help_text="导入生成或更新的文献。")
    url = serializers.SerializerMethodField(help_text="查询这个任务的地址。")

    class Meta:
        model = ImportJob
        fields = ["id", "url", "status", "stage", "progress", "progress_text", "pages", "total_pages",
                  "events", "file_name", "title", "year", "size", "document", "summary", "error", "worker",
                  "created_at", "started_at", "finished_at"]
        read_only_fields = fields

    def get_url(self, job) -> str:
        url = reverse("api-job-detail", args=[job.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url
