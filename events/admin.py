"""Django admin: where editors review and correct what the machine read, and compile the chronicle.

Every write an editor makes here goes through `events.services`: corrections, verifying,
merging and undoing through `editing`; adding, rejecting and splitting through `compiling`;
duplicates through `duplicates`; uploads and re-extraction through `importing`, so the admin
and the API validate and record changes the same way. The editors' own pages (split, reject,
the duplicates, the week's changes, the 大事记's export and spreadsheet import) are in
`admin_pages`.
"""
import datetime
import json

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q, TextField
from django.db.models.functions import Cast
from django.http import HttpResponse, HttpResponseRedirect
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import smart_split, unescape_string_literal
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from . import admin_pages, selectors
from .forms import DocumentUploadForm, EventAddForm, EventCorrectionForm
from .models import (
    Calendar,
    Collection,
    Document,
    DuplicateSuggestion,
    Event,
    ImportJob,
    JobStatus,
    Mention,
    Precision,
    Status,
)
from .parsing import lunar as lunar_calendar
from .services import compiling, editing
from .services.duplicates import duplicates_find
from .services.importing import DocumentRejected, document_reextract

admin.site.site_header = "地方志大事记 · 编辑后台"
admin.site.site_title = "地方志大事记"
admin.site.index_title = "审核与更正"


def interval_text(start: datetime.date, end: datetime.date) -> str:
    """A compact interval: 2020-01-27, 2020-01-27—29, 2020-03-01—05-31, 2019-12-30—2020-01-02."""
    if start == end:
        return start.isoformat()
    if start.year != end.year:
        return f"{start.isoformat()}—{end.isoformat()}"
    return f"{start.isoformat()}—{end:%d}" if start.month == end.month else f"{start.isoformat()}—{end:%m-%d}"


def highlighted_passage(mention: Mention, date_text: str = ""):
    """The mention's text with its date marked; everything is escaped."""
    text = mention.text
    start, end = mention.date_start, mention.date_end
    if start is not None and end is not None:
        if mention.start <= start and end <= mention.end:  # offsets into the document
            start, end = start - mention.start, end - mention.start
    elif date_text and date_text in text:
        start = text.index(date_text)
        end = start + len(date_text)
    if start is None or end is None or not 0 <= start < end <= len(text):
        return text
    return format_html("{}<mark>{}</mark>{}", text[:start], text[start:end], text[end:])


class EditorHistoryHelper(HistoricalRecordContextHelper):
    """History diffs in the editor's words: choice labels, not codes; no raw JSON dumps."""

    def prepare_delta_change_value(self, change, value):
        field = self.model._meta.get_field(change.field)
        if field.choices and value:
            return dict(field.flatchoices).get(value, value)
        if change.field == "machine_reading":
            return "已保存" if value else "—"
        if change.field in {"people", "organizations"} and isinstance(value, list):
            return "、".join(value) or "—"
        return super().prepare_delta_change_value(change, value)


class ChronicleHistoryAdmin(SimpleHistoryAdmin):
    """The history page lists who changed which field from what to what, in Chinese."""

    object_history_list_template = "admin/events/object_history_list.html"
    history_list_labels: list[str] = []

    def get_historical_record_context_helper(self, request, historical_record):
        return EditorHistoryHelper(self.model, historical_record)

    def history_view(self, request, object_id, extra_context=None):
        extra_context = {"history_list_labels": self.history_list_labels, **(extra_context or {})}
        return super().history_view(request, object_id, extra_context)


class MentionInline(admin.TabularInline):
    model = Mention
    extra = 0
    fields = ["section", "passage", "start", "end"]
    readonly_fields = fields
    can_delete = False
    verbose_name = "出处（原文）"
    verbose_name_plural = "出处（原文，日期已标出）"

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description="原文")
    def passage(self, mention):
        return highlighted_passage(mention, mention.event.date_text)


class SeriesFilter(admin.SimpleListFilter):
    title = "会议系列"
    parameter_name = "series"

    def lookups(self, request, model_admin):
        names = Event.objects.exclude(series_name="").order_by("series_name")
        return [(name, name) for name in names.values_list("series_name", flat=True).distinct()]

    def queryset(self, request, queryset):
        return queryset.in_series(self.value()) if self.value() else queryset


class ReviewQueueFilter(admin.SimpleListFilter):
    """The review queue: what is left to look at, each kind with its count."""

    title = "审核队列"
    parameter_name = "queue"

    def lookups(self, request, model_admin):
        counts = selectors.review_counts()
        return [(kind, f"{label}（{counts[kind]}）") for kind, label in selectors.REVIEW_KINDS.items()]

    def queryset(self, request, queryset):
        if self.value() in selectors.REVIEW_KINDS:
            return selectors.review_queue(kind=self.value(), queryset=queryset)
        return queryset


@admin.register(Collection)
class CollectionAdmin(admin.ModelAdmin):
    list_display = ["name", "document_count", "description"]
    search_fields = ["name"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(document_count=Count("documents"))

    @admin.display(description="文献", ordering="document_count")
    def document_count(self, collection):
        url = reverse("admin:events_document_changelist") + f"?collection__id__exact={collection.pk}"
        return format_html('<a href="{}">{} 份</a>', url, collection.document_count)


@admin.register(Document)
class DocumentAdmin(ChronicleHistoryAdmin):
    list_display = ["title", "year", "collection", "format", "source_name", "events_link", "imported_at"]
    list_filter = ["collection", "format"]
    search_fields = ["title", "source_name"]
    readonly_fields = [
        "events_link",
        "source_name",
        "format",
        "original_link",
        "source_encoding",
        "content_hash",
        "imported_at",
        "review_notes",
        "text",
    ]
    fields = ["title", "year", "collection", *readonly_fields]
    actions = ["reextract"]
    add_form = DocumentUploadForm

    def view_on_site(self, document):
        return reverse("events:document", args=[document.pk])

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(
            event_count=Count("events", distinct=True),
            corrected_count=Count("events", filter=Q(events__status=Status.CORRECTED), distinct=True),
        )

    @admin.display(description="事件", ordering="event_count")
    def events_link(self, document):
        url = reverse("admin:events_event_changelist") + f"?document__id__exact={document.pk}"
        count = getattr(document, "event_count", None)
        corrected = getattr(document, "corrected_count", None)
        if count is None:
            count = document.events.count()
            corrected = document.events.filter(status=Status.CORRECTED).count()
        return format_html('<a href="{}">{} 个事件（已更正 {}）</a>', url, count, corrected)

    @admin.display(description="原始文件")
    def original_link(self, document):
        kept = selectors.document_source_file(document=document)
        if kept is None:
            return "—"
        url = reverse("events:document-original", args=[document.pk])
        return format_html('<a href="{}">{}</a>（{}）', url, kept.name or "下载", filesizeformat(kept.size))

    # Adding a document means uploading a file for the import service.
    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = self.add_form
            kwargs["fields"] = ["file", "title", "year"]
            form = super().get_form(request, obj, change=change, **kwargs)
            return type(form.__name__, (form,), {"user": request.user})  # the job's uploader
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request, obj=None):
        return ["file", "title", "year"] if obj is None else super().get_fields(request, obj)

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else super().get_readonly_fields(request, obj)

    def save_form(self, request, form, change):
        return form.job.document if not change else super().save_form(request, form, change)

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            if "collection" in form.changed_data:  # its events now meet other documents
                duplicates_find(events=Event.objects.filter(document=obj))
        else:
            request.chronicle_job = form.job  # the job imports; nothing to save here

    def log_addition(self, request, obj, message):
        job = getattr(request, "chronicle_job", None)
        if obj is not None and (job is None or not job.summary.startswith("unchanged")):
            return super().log_addition(request, obj, message)

    def response_add(self, request, obj, post_url_continue=None):
        job = getattr(request, "chronicle_job", None)
        if job is not None and not job.finished:
            self.message_user(request, f"已加入导入队列：{job.file_name}。进度见下方。", messages.INFO)
            return HttpResponseRedirect(reverse("admin:events_importjob_change", args=[job.pk]))
        if job is not None and job.summary.startswith("unchanged"):
            self.message_user(request, job.summary, messages.WARNING)
            return HttpResponseRedirect(reverse("admin:events_document_change", args=[obj.pk]))
        if job is not None:
            self.message_user(request, job.summary, messages.SUCCESS)
        return super().response_add(request, obj, post_url_continue)

    def save_related(self, request, form, formsets, change):
        if change:
            super().save_related(request, form, formsets, change)

    @admin.action(description="重新抽取所选文献的事件（编辑更正过的事件不受影响）", permissions=["add"])
    def reextract(self, request, queryset):
        for document in queryset:
            try:
                result = document_reextract(document=document)
            except (DocumentRejected, ValidationError) as error:  # one failure must not hide the rest
                self.message_user(request, f"{document}：{error}", messages.ERROR)
                continue
            self.message_user(request, result.summary, messages.SUCCESS)


@admin.register(Event)
class EventAdmin(ChronicleHistoryAdmin):
    form = EventCorrectionForm
    list_display = ["date_text", "normalized", "title", "type", "status", "document"]
    list_display_links = ["date_text", "title"]
    list_filter = [ReviewQueueFilter, "type", "precision", "status", "origin", "calendar", "year_known",
                   "document", SeriesFilter]
    list_select_related = ["document"]
    date_hierarchy = "start_date"
    search_fields = ["title", "description"]
    search_help_text = "在标题、描述、人物和机构中查找。"
    readonly_fields = ["status", "origin", "document", "lunar_date", "readings", "machine_vs_current"]
    fieldsets = [
        (None, {"fields": ["title", "type", "status", "origin", "document"]}),
        (
            "日期",
            {
                "fields": [
                    "date",
                    "start_date",
                    "end_date",
                    "lunar_date",
                    "precision",
                    "calendar",
                    "time",
                    "date_text",
                    "readings",
                    "machine_vs_current",
                ]
            },
        ),
        ("内容", {"fields": ["description", "place", "people", "organizations", "source"]}),
        ("会议系列", {"fields": ["series_name", "series_number"]}),
    ]
    add_fieldsets = [
        (None, {"fields": ["date", "title", "type"]}),
        ("内容", {"fields": ["description", "place", "people", "organizations"]}),
        ("出处", {"fields": ["document", "passage", "source"]}),
        ("会议系列", {"fields": ["series_name", "series_number"]}),
    ]
    inlines = [MentionInline]
    actions = ["mark_verified", "reject", "restore", "merge", "undo_correction", "download_corrections"]
    history_list_display = ["status_label"]
    history_list_labels = ["状态"]

    def get_queryset(self, request):
        # Editors see the events no clue gave a year too (they are the ones to date), and rejected ones.
        return Event.everything.select_related("document")

    # Adding an event: the editor writes it by hand; the compiling service stores it.
    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = type("EventAddFormFor", (EventAddForm,), {"editor": request.user})
            kwargs["fields"] = EventAddForm.Meta.fields
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fieldsets(self, request, obj=None):
        return self.add_fieldsets if obj is None else super().get_fieldsets(request, obj)

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else super().get_readonly_fields(request, obj)

    def get_inlines(self, request, obj):
        return [] if obj is None else super().get_inlines(request, obj)

    def save_form(self, request, form, change):
        return form.result if not change else super().save_form(request, form, change)

    def save_related(self, request, form, formsets, change):
        if change:
            super().save_related(request, form, formsets, change)

    def get_urls(self):
        return admin_pages.event_urls(self) + super().get_urls()

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {"review_counts": selectors.review_counts(), **(extra_context or {})}
        return super().change_view(request, object_id, form_url, extra_context)

    def response_change(self, request, obj):
        if "_save_next" not in request.POST:
            return super().response_change(request, obj)
        if obj.status == Status.EXTRACTED:  # saved unchanged: the editor checked it as it is
            editing.event_verify(event=obj, user=request.user)
        following = selectors.next_unreviewed(after=obj)
        if following is None:
            done = f"已保存 #{obj.pk}。审核队列已清空：没有未审核的事件了。"
            self.message_user(request, done, messages.SUCCESS)
            return HttpResponseRedirect(reverse("admin:events_event_changelist"))
        self.message_user(request, f"已保存 #{obj.pk}，下一条未审核的事件：", messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:events_event_change", args=[following.pk]))

    def view_on_site(self, event):
        return reverse("events:event", args=[event.pk])

    def status_label(self, record):
        return record.get_status_display()

    @admin.display(description="规范日期", ordering="start_date")
    def normalized(self, event):
        if not event.year_known:
            return f"{event.date_label}（年份不明）· {Precision(event.precision).label}"
        shown = f"{interval_text(event.start_date, event.end_date)} · {Precision(event.precision).label}"
        return f"{shown} · 农历" if event.calendar == Calendar.LUNAR else shown

    @admin.display(description="农历")
    def lunar_date(self, event):
        """The dates shown back in the lunar calendar, so a typed 腊月二十七 can be checked at a glance."""
        if not event.year_known:
            return "—（年份不明）"
        start = lunar_text(event.start_date)
        return start if event.end_date == event.start_date else f"{start} 至 {lunar_text(event.end_date)}"

    @admin.display(description="各出处所记日期")
    def readings(self, event):
        found = selectors.event_readings(event=event)
        if len(found) < 2:
            return "各出处所记日期一致。" if found else "—"
        rows = [
            (interval_text(r.start_date, r.end_date), r.date_text or "—", "、".join(r.sources) or "—")
            for r in found
        ]
        body = format_html_join("", "<li><strong>{}</strong>（原文“{}”）：{}</li>", rows)
        return format_html('<p class="conflict">各来源所记日期不一：</p><ul class="readings">{}</ul>', body)

    @admin.display(description="机器读取 / 当前")
    def machine_vs_current(self, event):
        if not event.machine_reading:
            return "尚未更正：当前的值就是机器读取的结果。"
        machine = editing.machine_values(event.machine_reading)
        rows = []
        for name in editing.MACHINE_FIELDS:
            field = Event._meta.get_field(name)
            old, new = _shown(field, machine.get(name)), _shown(field, getattr(event, name))
            rows.append(("changed" if old != new else "", field.verbose_name, old, new))
        body = format_html_join("", '<tr class="{}"><th>{}</th><td>{}</td><td>{}</td></tr>', rows)
        return format_html(
            '<table class="machine-reading"><thead><tr><th></th><th>机器读取</th><th>当前（编辑）</th></tr>'
            "</thead><tbody>{}</tbody></table>",
            body,
        )

    def get_search_results(self, request, queryset, search_term):
        # People and organizations are JSON lists: search their JSON text on every database, in
        # the spelling each one stores (PostgreSQL keeps Chinese as is, SQLite as \uXXXX escapes).
        queryset = queryset.annotate(
            people_text=Cast("people", TextField()), organizations_text=Cast("organizations", TextField())
        )
        for bit in smart_split(search_term):
            if len(bit) > 1 and bit[0] in "\"'" and bit[0] == bit[-1]:
                bit = unescape_string_literal(bit)
            spellings = {json.dumps(bit, ensure_ascii=False)[1:-1], json.dumps(bit)[1:-1]}
            match = Q(title__icontains=bit) | Q(description__icontains=bit)
            for spelling in spellings:
                match |= Q(people_text__icontains=spelling) | Q(organizations_text__icontains=spelling)
            queryset = queryset.filter(match)
        return queryset, False

    def save_model(self, request, obj, form, change):
        if not change:
            return  # the compiling service added it when the form was validated
        editing.event_correct(event=obj, user=request.user, changes=form.changes())
        obj.refresh_from_db()

    @admin.action(description="标记为已核实", permissions=["change"])
    def mark_verified(self, request, queryset):
        for event in queryset:
            editing.event_verify(event=event, user=request.user)
        self.message_user(request, f"已核实 {queryset.count()} 个事件（已更正的事件保持“已更正”）。")

    @admin.action(description="驳回所选事件（不是事件：保留，但不进入年表和导出）", permissions=["change"])
    def reject(self, request, queryset):
        for event in queryset:
            compiling.event_reject(event=event, user=request.user, reason="批量驳回")
        self.message_user(request, f"已驳回 {queryset.count()} 个事件；可随时恢复。")

    @admin.action(description="恢复所选的已驳回事件", permissions=["change"])
    def restore(self, request, queryset):
        rejected = list(queryset.filter(status=Status.REJECTED))
        for event in rejected:
            compiling.event_restore(event=event, user=request.user)
        self.message_user(request, f"已恢复 {len(rejected)} 个事件。")

    @admin.action(description="将所选事件合并为一个（保留全部出处）", permissions=["change"])
    def merge(self, request, queryset):
        try:
            survivor = editing.events_merge(events=list(queryset), user=request.user)
        except ValidationError as error:
            self.message_user(request, "；".join(error.messages), messages.ERROR)
            return
        self.message_user(request, f"已合并为事件 #{survivor.pk}：{survivor.title}", messages.SUCCESS)

    @admin.action(description="撤销更正，恢复机器读取的结果", permissions=["change"])
    def undo_correction(self, request, queryset):
        undone = 0
        for event in queryset.filter(status=Status.CORRECTED):
            try:
                editing.event_undo_correction(event=event, user=request.user)
            except ValidationError as error:
                self.message_user(request, f"#{event.pk}：{'；'.join(error.messages)}", messages.ERROR)
                continue
            undone += 1
        self.message_user(request, f"已撤销 {undone} 个事件的更正。")

    @admin.action(description="下载所选事件的更正（JSON Lines，用作回归测试）", permissions=["view"])
    def download_corrections(self, request, queryset):
        cases = editing.corrections_as_cases(events=queryset)
        lines = [json.dumps(case, ensure_ascii=False) for case in cases]
        if not lines:
            self.message_user(request, "所选事件中没有已更正的事件。", messages.WARNING)
            return None
        response = HttpResponse("\n".join(lines) + "\n", content_type="application/x-ndjson; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="corrections.jsonl"'
        return response


def lunar_text(day: datetime.date) -> str:
    """`己亥年腊月二十七` (闰 for a leap month): a Gregorian day in the lunar calendar."""
    lunar_date = lunar_calendar.lunar_day(day)
    return f"{lunar_date.ganzhi_year}年{lunar_date.label}"


def _shown(field, value) -> str:
    if value in (None, "", []):
        return "—"
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, list):
        return "、".join(str(item) for item in value)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    return str(value)


@admin.register(DuplicateSuggestion)
class DuplicateSuggestionAdmin(admin.ModelAdmin):
    """The suggested duplicates: each pair with its score, its two dates, and a page to decide on it."""

    list_display = ["score_shown", "first_shown", "second_shown", "dates_shown", "decide"]
    list_display_links = None
    list_filter = [admin_pages.DecisionFilter]
    list_select_related = ["first__document", "second__document"]
    list_per_page = 50

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        return admin_pages.duplicate_urls(self) + super().get_urls()

    @admin.display(description="相似度", ordering="score")
    def score_shown(self, suggestion):
        return f"{suggestion.score:.2f}"

    @admin.display(description="事件一")
    def first_shown(self, suggestion):
        return admin_pages.event_cell(suggestion.first)

    @admin.display(description="事件二")
    def second_shown(self, suggestion):
        return admin_pages.event_cell(suggestion.second)

    @admin.display(description="日期")
    def dates_shown(self, suggestion):
        first, second = suggestion.first, suggestion.second
        if (first.start_date, first.end_date) == (second.start_date, second.end_date):
            return "一致"
        return format_html('<span class="conflict">不一：{} / {}</span>',
                           interval_text(first.start_date, first.end_date),
                           interval_text(second.start_date, second.end_date))

    @admin.display(description="")
    def decide(self, suggestion):
        if suggestion.dismissed_at:
            return f"已否决（{suggestion.dismissed_by or '—'}）"
        url = reverse("admin:events_duplicatesuggestion_decide", args=[suggestion.pk])
        return format_html('<a class="button" href="{}">比对并决定</a>', url)


@admin.register(Mention)
class MentionAdmin(admin.ModelAdmin):
    """The passages that state events, to look up. A passage is what the import read at exact offsets:
    editors move passages between events by splitting and merging events (services.editing), which
    keep their history; nobody adds, edits or deletes one by hand here."""

    list_display = ["document", "event", "section", "passage", "start", "end"]
    list_select_related = ["document", "event"]
    list_filter = ["document"]
    search_fields = ["text", "section"]
    readonly_fields = ["passage"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="原文（日期已标出）")
    def passage(self, mention):
        return highlighted_passage(mention, mention.event.date_text) if mention.pk else "—"


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    """Uploads being imported in the background: a progress bar that follows the job live."""

    list_display = ["id", "file_name", "status", "progress_bar", "document_link", "created_at"]
    list_filter = ["status"]
    search_fields = ["file_name", "title"]
    fields = ["file_name", "title", "year", "size", "status", "progress_bar", "pages", "total_pages",
              "events",
              "document_link", "summary", "error", "worker", "user", "created_at", "started_at",
              "finished_at"]
    readonly_fields = fields

    class Media:
        js = ["js/import-progress.js"]

    def get_queryset(self, request):
        return super().get_queryset(request).defer("data").select_related("document", "user")

    def has_add_permission(self, request):
        return False  # jobs come from uploads (文献 → 增加)

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description="进度")
    def progress_bar(self, job):
        if job.status == JobStatus.FAILED:  # a full bar would read as success
            return format_html('<span class="import-stage import-failed">{}</span>', job.progress_text)
        return format_html(
            '<progress class="import-progress" max="100" value="{}" data-url="{}"{}>{}%</progress> '
            '<span class="import-stage">{}</span>',
            job.progress, reverse("api-job-detail", args=[job.pk]),
            "" if job.finished else mark_safe(" data-running"), job.progress, job.progress_text,
        )

    @admin.display(description="文献")
    def document_link(self, job):
        if job.document_id is None:
            return "—"
        url = reverse("admin:events_document_change", args=[job.document_id])
        return format_html('<a href="{}">{}</a>', url, job.document)
