"""The chronology's rows: a Document, the Events read from it, and the Mentions that state them.

Rules that the database can hold are constraints here; every write goes through
`events.services`, never through logic in `save()`.
"""

import calendar as pycalendar
import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from events.parsing.dates.mentions import UNKNOWN_YEAR

__all__ = [
    "UNKNOWN_YEAR",
    "Calendar",
    "Collection",
    "Document",
    "DuplicateSuggestion",
    "Event",
    "EventType",
    "Mention",
    "Origin",
    "Precision",
    "Status",
]


class Precision(models.TextChoices):
    DAY = "day", _("日")
    XUN = "xun", _("旬")
    MONTH = "month", _("月")
    QUARTER = "quarter", _("季度")
    HALF = "half", _("半年")
    SEASON = "season", _("季节")
    YEAR = "year", _("年")


class Calendar(models.TextChoices):
    GREGORIAN = "gregorian", _("公历")
    LUNAR = "lunar", _("农历")


class EventType(models.TextChoices):
    MEETING = "meeting", _("会议")
    INSPECTION = "inspection", _("调研检查")
    ACTIVITY = "activity", _("活动")
    TRAINING = "training", _("培训")
    MEDIA = "media", _("媒体报道")
    CEREMONY = "ceremony", _("仪式")
    VISIT = "visit", _("走访慰问")
    OTHER = "other", _("其他")


class DocumentFormat(models.TextChoices):
    TEXT = "text", _("纯文本")
    PDF = "pdf", _("PDF")
    PDF_OCR = "pdf-ocr", _("扫描 PDF（OCR）")
    IMAGE = "image", _("图片（OCR）")
    DOCX = "docx", _("Word 文档")
    HTML = "html", _("网页")
    XLSX = "xlsx", _("Excel 表格")
    CSV = "csv", _("CSV 表格")


class Status(models.TextChoices):
    EXTRACTED = "extracted", _("机器抽取")
    VERIFIED = "verified", _("已核实")
    CORRECTED = "corrected", _("已更正")
    REJECTED = "rejected", _("已驳回")


class Origin(models.TextChoices):
    MACHINE = "machine", _("机器读取")
    EDITOR = "editor", _("编辑添加")


def _choices_q(field: str, choices: type[models.TextChoices]) -> Q:
    return Q(**{f"{field}__in": choices.values})


class DocumentQuerySet(models.QuerySet):
    def with_event_counts(self):
        # A correlated count, not annotate(Count()): that would GROUP BY every column,
        # the whole text (300 KB for a yearbook) included, which SQLite does slowly.
        events = Event.objects.filter(document=models.OuterRef("pk")).order_by()
        counted = events.values("document").annotate(n=models.Count("id")).values("n")
        return self.annotate(event_count=Coalesce(models.Subquery(counted), 0))

    def with_source_file(self):
        """`has_source_file`: whether the file the document was read from is kept."""
        kept = SourceFile.objects.filter(document=models.OuterRef("pk"))
        return self.annotate(has_source_file=models.Exists(kept))


class Collection(models.Model):
    """The documents gathered for one compilation (a year's volume): the sources whose statements
    may be the same happenings, and so are compared with each other for duplicates."""

    name = models.CharField(_("名称"), max_length=200, unique=True)
    description = models.TextField(_("说明"), blank=True)

    class Meta:
        verbose_name = _("汇编")
        verbose_name_plural = _("汇编")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Document(models.Model):
    title = models.CharField(_("标题"), max_length=300)
    text = models.TextField(_("正文"), help_text=_("解码后的全文；提及的偏移量都指向这段文本。"))
    content_hash = models.CharField(_("内容哈希"), max_length=64, unique=True)
    source_encoding = models.CharField(_("原始编码"), max_length=32, blank=True)
    source_name = models.CharField(_("文件名"), max_length=300, blank=True)
    format = models.CharField(
        _("格式"), max_length=10, choices=DocumentFormat.choices, default=DocumentFormat.TEXT
    )
    pages = models.JSONField(
        _("页码"), default=list, blank=True,
        help_text=_("[起始偏移, 页码] 列表：正文从哪个偏移起印在原件的哪一页；纯文本为空。"),
    )
    year = models.PositiveSmallIntegerField(_("年份"), null=True, blank=True)
    imported_at = models.DateTimeField(_("导入时间"), auto_now_add=True)
    review_notes = models.JSONField(
        _("待复核"), default=list, blank=True, help_text=_("导入时发现的问题，例如双栏交错的页面。")
    )
    collection = models.ForeignKey(
        Collection, verbose_name=_("汇编"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="documents",
        help_text=_("同一汇编的文献互相比对，找出记述同一件事的事件。"),
    )

    objects = DocumentQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("文献")
        verbose_name_plural = _("文献")
        ordering = ["-imported_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(year__isnull=True) | Q(year__gte=1, year__lte=9999), name="document_year_valid"
            ),
            models.CheckConstraint(
                condition=_choices_q("format", DocumentFormat), name="document_format_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        from events import bounds

        if self.year is not None and not bounds.year_in_range(self.year):
            raise ValidationError({"year": _("年份须在 %(range)s 之间。") % {"range": bounds.range_text()}})


class SourceFile(models.Model):
    """The file a document was read from, byte for byte, kept in the database beside it.

    Its own table, not a column of Document: the bytes (up to the upload limit) stay out of every
    query that loads documents and out of the document's history.
    """

    document = models.OneToOneField(
        Document, verbose_name=_("文献"), on_delete=models.CASCADE, related_name="source_file"
    )
    name = models.CharField(_("文件名"), max_length=300, blank=True)
    content = models.BinaryField(_("内容"))
    size = models.PositiveIntegerField(_("大小（字节）"))
    sha256 = models.CharField(_("SHA-256"), max_length=64, unique=True)

    class Meta:
        verbose_name = _("原始文件")
        verbose_name_plural = _("原始文件")

    def __str__(self) -> str:
        return self.name or self.sha256[:12]


class EventQuerySet(models.QuerySet):
    def overlapping(self, start, end, *, longest: datetime.timedelta | None = None):
        """Events whose interval shares at least one day with [start, end].

        Given `longest` (the longest event's end_date − start_date), also a lower bound on
        start_date: no overlapping event begins earlier, and with the bound the database reads a
        short range of the (start_date, end_date) index instead of the index from its start.
        """
        qs = self
        if end is not None:
            qs = qs.filter(start_date__lte=end)
        if start is not None:
            qs = qs.filter(end_date__gte=start)
            if longest is not None and start - datetime.date.min > longest:
                qs = qs.filter(start_date__gte=start - longest)
        return qs

    def in_year(self, year: int, *, longest: datetime.timedelta | None = None):
        return self.overlapping(datetime.date(year, 1, 1), datetime.date(year, 12, 31), longest=longest)

    def in_month(self, year: int, month: int, *, longest: datetime.timedelta | None = None):
        first = datetime.date(year, month, 1)
        last = first.replace(day=pycalendar.monthrange(year, month)[1])
        return self.overlapping(first, last, longest=longest)

    def of_type(self, event_type: str):
        return self.filter(type=event_type)

    def in_series(self, name: str):
        return self.filter(series_name=name)

    def chronological(self):
        return self.order_by("start_date", "end_date", "id")


class ChronologyManager(models.Manager.from_queryset(EventQuerySet)):
    """The chronology: events whose year is known, less those an editor rejected.
    `Event.everything` holds the others too."""

    def get_queryset(self):
        return super().get_queryset().filter(year_known=True).exclude(status=Status.REJECTED)



class Event(models.Model):
    document = models.ForeignKey(
        Document, verbose_name=_("文献"), on_delete=models.CASCADE, related_name="events", null=True,
        blank=True, help_text=_("事件从哪份文献读出；编辑手工添加、没有原文出处的事件为空。"),
    )
    title = models.CharField(_("标题"), max_length=300)
    description = models.TextField(_("描述"), blank=True)
    start_date = models.DateField(_("开始日期"))
    end_date = models.DateField(_("结束日期"))
    precision = models.CharField(_("精度"), max_length=8, choices=Precision.choices, default=Precision.DAY)
    calendar = models.CharField(
        _("历法"), max_length=10, choices=Calendar.choices, default=Calendar.GREGORIAN
    )
    date_text = models.CharField(_("原文日期"), max_length=100, blank=True)
    year_known = models.BooleanField(
        _("年份已知"), default=True,
        help_text=_("文献中找不到年份时为否：只知月、日，日期中的年份不可信，事件不进入年表。"),
    )
    time = models.CharField(_("时间"), max_length=10, blank=True)
    type = models.CharField(_("类型"), max_length=12, choices=EventType.choices, default=EventType.OTHER)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.EXTRACTED)
    series_name = models.CharField(_("会议系列"), max_length=100, blank=True)
    series_number = models.PositiveIntegerField(_("届次/次数"), null=True, blank=True)
    people = models.JSONField(_("人物"), default=list, blank=True)
    organizations = models.JSONField(_("机构"), default=list, blank=True)
    place = models.CharField(_("地点"), max_length=200, blank=True)
    origin = models.CharField(_("来源方式"), max_length=8, choices=Origin.choices, default=Origin.MACHINE)
    source = models.CharField(
        _("来源说明"), max_length=300, blank=True,
        help_text=_("没有原文出处时，事件从哪里来：报送单位、会议纪要、报道等。"),
    )
    fingerprint = models.CharField(
        _("指纹"), max_length=64, help_text=_("同一文献重新导入时用来认出同一事件。")
    )
    machine_reading = models.JSONField(
        _("机器读取"), default=dict, blank=True, help_text=_("编辑更正前机器读出的日期、标题与类型。")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ChronologyManager()
    everything = models.Manager.from_queryset(EventQuerySet)()
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("事件")
        verbose_name_plural = _("事件")
        ordering = ["start_date", "end_date", "id"]
        base_manager_name = "everything"
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")), name="event_end_not_before_start"
            ),
            models.CheckConstraint(
                condition=_choices_q("precision", Precision), name="event_precision_valid"
            ),
            models.CheckConstraint(condition=_choices_q("calendar", Calendar), name="event_calendar_valid"),
            models.CheckConstraint(condition=_choices_q("type", EventType), name="event_type_valid"),
            models.CheckConstraint(condition=_choices_q("status", Status), name="event_status_valid"),
            models.CheckConstraint(condition=_choices_q("origin", Origin), name="event_origin_valid"),
            models.UniqueConstraint(
                fields=["document", "fingerprint"], name="event_fingerprint_unique_in_document"
            ),
        ]
        # The date indexes end with the id: lists are ordered (start_date, end_date, id), so
        # PostgreSQL reads a page, even a deep one, from the index alone (SQLite's indexes
        # carry the rowid anyway). Covering the end date lets type and series filters answer
        # date overlaps from the index.
        indexes = [
            models.Index(fields=["start_date", "end_date", "id"], name="event_dates_idx"),
            models.Index(fields=["end_date"], name="event_end_idx"),
            models.Index(fields=["type", "start_date", "end_date", "id"], name="event_type_dates_idx"),
            models.Index(fields=["series_name", "series_number"], name="event_series_idx"),
            models.Index(
                fields=["series_name", "start_date", "end_date", "id"], name="event_series_dates_idx"
            ),
            models.Index(fields=["document", "start_date"], name="event_document_start_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.date_label} {self.title}"

    @property
    def date_label(self) -> str:
        """The start date in ISO 8601: 2020-03-05, or --03-05 when the year is unknown."""
        if self.start_date is None:
            return ""
        if self.year_known:
            return self.start_date.isoformat()
        return f"--{self.start_date.month:02d}-{self.start_date.day:02d}"

    def clean(self):
        from events import bounds

        # An event of unknown year holds a placeholder year (UNKNOWN_YEAR), not a date to bound.
        dated = ("start_date", "end_date") if self.year_known else ()
        errors = {name: bounds.date_problem(getattr(self, name)) for name in dated}
        errors = {name: problem for name, problem in errors.items() if problem}
        if errors:
            raise ValidationError(errors)
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("结束日期不能早于开始日期。")})

    def date_as_read(self) -> dict:
        """The date the machine read (the current one when nothing was read), as `Mention.reading` holds it:
        start_date, end_date (ISO), precision, calendar, date_text."""
        reading = self.machine_reading or {}
        values = {}
        for name in ("start_date", "end_date", "precision", "calendar", "date_text"):
            value = reading.get(name, getattr(self, name))
            values[name] = value.isoformat() if isinstance(value, datetime.date) else value
        return values

    @property
    def series(self) -> dict | None:
        if not self.series_name:
            return None
        return {"name": self.series_name, "number": self.series_number}


class Mention(models.Model):
    """One exact span of a document's text that states an event."""

    event = models.ForeignKey(
        Event, verbose_name=_("事件"), on_delete=models.CASCADE, related_name="mentions"
    )
    document = models.ForeignKey(
        Document, verbose_name=_("文献"), on_delete=models.CASCADE, related_name="mentions"
    )
    start = models.PositiveIntegerField(_("起始偏移"))
    end = models.PositiveIntegerField(_("结束偏移"))
    text = models.TextField(_("原文"))
    section = models.CharField(_("章节"), max_length=500, blank=True)
    date_start = models.PositiveIntegerField(_("日期起始偏移"), null=True, blank=True)
    date_end = models.PositiveIntegerField(_("日期结束偏移"), null=True, blank=True)
    page = models.PositiveIntegerField(
        _("页码"), null=True, blank=True, help_text=_("出处印在原件的第几页。")
    )
    reading = models.JSONField(
        _("原文所记日期"), default=dict, blank=True,
        help_text=_("这段原文所记的日期（start_date、end_date、precision、calendar、date_text）；"
                    "为空时即事件的机器读取。各出处所记不一时，并列显示。"),
    )

    # Mentions edited on their own (the Mention admin) leave a trace too, which the API's
    # response cache reads as a change of the chronology.
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("出处")
        verbose_name_plural = _("出处")
        ordering = ["document_id", "start"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=models.F("start")), name="mention_span_not_empty"),
            # Per document: an event merged across documents may cite the same offsets in two texts.
            models.UniqueConstraint(
                fields=["event", "document", "start", "end"], name="mention_unique_span_per_event"
            ),
        ]
        indexes = [models.Index(fields=["document", "start"], name="mention_document_start_idx")]

    def __str__(self) -> str:
        return f"{self.document_id}:{self.start}-{self.end}"

    def clean(self):
        if self.document_id and self.document.text[self.start : self.end] != self.text:
            raise ValidationError(_("出处文本与文献在该偏移处的文本不一致。"))


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("排队中")
    RUNNING = "running", _("导入中")
    DONE = "done", _("已完成")
    FAILED = "failed", _("失败")


class JobStage(models.TextChoices):
    WAITING = "", _("等待")
    READING = "reading", _("读取文件")
    EXTRACTING = "extracting", _("识别事件")
    STORING = "storing", _("写入数据库")


class ImportJob(models.Model):
    """One upload imported in the background (a Celery worker, or in process without Redis).

    The file waits here, in the database every worker shares, until a worker takes the job; it
    is dropped once the job ends (the document keeps its own copy). `stage`, `pages` (of
    `total_pages` while a PDF is read) and `events` say how far the job has come; a failed job
    says why in `error` and stored nothing.
    """

    user = models.ForeignKey(
        "auth.User", verbose_name=_("上传者"), null=True, blank=True, on_delete=models.SET_NULL
    )
    file_name = models.CharField(_("文件名"), max_length=300, blank=True)
    title = models.CharField(_("标题"), max_length=300, blank=True)
    year = models.PositiveSmallIntegerField(_("年份"), null=True, blank=True)
    data = models.BinaryField(_("文件内容"), null=True, blank=True)
    size = models.PositiveIntegerField(_("大小（字节）"), default=0)
    status = models.CharField(_("状态"), max_length=8, choices=JobStatus.choices, default=JobStatus.QUEUED)
    stage = models.CharField(_("阶段"), max_length=12, choices=JobStage.choices, default=JobStage.WAITING,
                             blank=True)
    pages = models.PositiveIntegerField(_("已读页数"), default=0)
    total_pages = models.PositiveIntegerField(_("总页数"), default=0)
    events = models.PositiveIntegerField(_("事件数"), default=0)
    document = models.ForeignKey(
        Document, verbose_name=_("文献"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    summary = models.TextField(_("结果"), blank=True)
    error = models.TextField(_("失败原因"), blank=True)
    worker = models.CharField(_("执行者"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("提交时间"), auto_now_add=True)
    started_at = models.DateTimeField(_("开始时间"), null=True, blank=True)
    finished_at = models.DateTimeField(_("结束时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("导入任务")
        verbose_name_plural = _("导入任务")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=_choices_q("status", JobStatus), name="importjob_status_valid"),
        ]
        indexes = [models.Index(fields=["status", "created_at"], name="importjob_status_idx")]

    def __str__(self) -> str:
        return f"#{self.pk} {self.file_name or self.title}"

    # What share of the work each stage starts at: reading (OCR above all) is the long part.
    _STAGE_START = {JobStage.WAITING: 0, JobStage.READING: 5, JobStage.EXTRACTING: 60, JobStage.STORING: 85}

    @property
    def progress(self) -> int:
        """0–100, for a progress bar."""
        if self.status in (JobStatus.DONE, JobStatus.FAILED):
            return 100
        if self.status == JobStatus.QUEUED:
            return 0
        if self.stage == JobStage.READING and self.total_pages:
            start, end = self._STAGE_START[JobStage.READING], self._STAGE_START[JobStage.EXTRACTING]
            return start + (end - start) * min(self.pages, self.total_pages) // self.total_pages
        return self._STAGE_START.get(self.stage, 0)

    @property
    def finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)

    @property
    def progress_text(self) -> str:
        """Beside the bar, in the reader's language: 读取文件 · 122/305 页 · 0 个事件."""
        from django.utils.translation import gettext

        if self.finished or not self.stage:
            parts = [self.get_status_display()]
        else:
            parts = [self.get_stage_display()]
        if self.total_pages:
            parts.append(gettext("%(done)s/%(total)s 页") % {"done": self.pages, "total": self.total_pages})
        if self.events:
            parts.append(gettext("%(n)s 个事件") % {"n": f"{self.events:,}"})
        return " · ".join(str(part) for part in parts)


class DuplicateSuggestion(models.Model):
    """Two events that may state one happening, found by comparing the documents of a collection.

    An editor accepts it (the two become one event with both mentions) or dismisses it; a
    dismissed pair is remembered so that it is never suggested again. `first` has the lower id.
    """

    first = models.ForeignKey(Event, verbose_name=_("事件一"), on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey(Event, verbose_name=_("事件二"), on_delete=models.CASCADE, related_name="+")
    score = models.FloatField(_("相似度"))
    found_at = models.DateTimeField(_("发现时间"), auto_now_add=True)
    dismissed_at = models.DateTimeField(_("否决时间"), null=True, blank=True)
    dismissed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("否决人"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("疑似重复")
        verbose_name_plural = _("疑似重复")
        ordering = ["-score", "first_id", "second_id"]
        constraints = [
            models.UniqueConstraint(fields=["first", "second"], name="duplicate_pair_unique"),
            models.CheckConstraint(condition=Q(first__lt=models.F("second")), name="duplicate_pair_ordered"),
        ]

    def __str__(self) -> str:
        return f"#{self.first_id} ≈ #{self.second_id}（{self.score:.2f}）"
