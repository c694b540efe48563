"""The editors' own pages inside the admin: reject, restore and split an event; decide on a
suggested duplicate; what each editor changed this week; the 大事记 out (DOCX, Markdown, XLSX)
and an edited spreadsheet back in.

Each view checks the permission, validates a form, calls one service or selector and renders
an admin-styled template; `EventAdmin.get_urls` and `DuplicateSuggestionAdmin.get_urls` mount them.
"""

from __future__ import annotations

import datetime

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from . import selectors
from .forms import ChronicleExportForm, ChronicleSheetForm, EventRejectForm, EventSplitForm
from .models import DuplicateSuggestion, Event, Status
from .services import compiling
from .services.duplicates import duplicate_accept, duplicate_dismiss, duplicates_find


def event_urls(model_admin) -> list:
    wrap = model_admin.admin_site.admin_view
    return [
        path("<int:pk>/reject/", wrap(_view(event_reject, model_admin)), name="events_event_reject"),
        path("<int:pk>/restore/", wrap(_view(event_restore, model_admin)), name="events_event_restore"),
        path("<int:pk>/split/", wrap(_view(event_split, model_admin)), name="events_event_split"),
        path(
            "activity/", wrap(_view(activity, model_admin, permission="view")), name="events_event_activity"
        ),
        path(
            "chronicle/",
            wrap(_view(chronicle, model_admin, permission="view")),
            name="events_event_chronicle",
        ),
    ]


def duplicate_urls(model_admin) -> list:
    wrap = model_admin.admin_site.admin_view
    return [
        path(
            "<int:pk>/decide/",
            wrap(_view(duplicate_decide, model_admin)),
            name="events_duplicatesuggestion_decide",
        ),
        path(
            "refresh/",
            wrap(_view(duplicates_refresh, model_admin)),
            name="events_duplicatesuggestion_refresh",
        ),
    ]


def _view(function, model_admin, *, permission: str = "change"):
    """`function(request, model_admin, **kwargs)` behind the model's view or change permission."""

    def view(request, **kwargs):
        allowed = (
            model_admin.has_change_permission(request)
            if permission == "change"
            else model_admin.has_view_permission(request)
        )
        if not allowed:
            raise PermissionDenied
        return function(request, model_admin, **kwargs)

    return view


def _context(request, model_admin, title: str, **extra) -> dict:
    return {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": title,
        **extra,
    }


def _change_url(event: Event) -> str:
    return reverse("admin:events_event_change", args=[event.pk])


# -- one event ----------------------------------------------------------------------------------


def event_reject(request, model_admin, pk: int):
    event = get_object_or_404(Event.everything.select_related("document"), pk=pk)
    form = EventRejectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        compiling.event_reject(event=event, user=request.user, reason=form.cleaned_data["reason"])
        model_admin.message_user(
            request, f"已驳回 #{event.pk}：它不再出现在时间线、API 列表和导出中；可随时恢复。"
        )
        return HttpResponseRedirect(_change_url(event))
    context = _context(request, model_admin, f"驳回：{event.title}", event=event, form=form)
    return TemplateResponse(request, "admin/events/event/reject.html", context)


@require_POST
def event_restore(request, model_admin, pk: int):
    event = get_object_or_404(Event.everything, pk=pk)
    restored = compiling.event_restore(event=event, user=request.user)
    model_admin.message_user(request, f"已恢复 #{event.pk}（{restored.get_status_display()}）。")
    return HttpResponseRedirect(_change_url(event))


def event_split(request, model_admin, pk: int):
    event = get_object_or_404(Event.everything.select_related("document"), pk=pk)
    form = EventSplitForm(request.POST or None, event=event)
    if request.method == "POST" and form.is_valid():
        try:
            new = compiling.event_split(
                event=event,
                user=request.user,
                values=form.values(),
                mentions=[m.pk for m in form.cleaned_data["mentions"]],
            )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            model_admin.message_user(
                request, f"已从 #{event.pk} 拆分出 #{new.pk}：{new.title}", messages.SUCCESS
            )
            return HttpResponseRedirect(_change_url(new))
    context = _context(request, model_admin, f"拆分：{event.title}", event=event, form=form)
    return TemplateResponse(request, "admin/events/event/split.html", context)


def _form_errors(form: forms.Form, error: ValidationError) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, found in error.message_dict.items():
        form.add_error(field if field in form.fields else None, found)


# -- the week's changes -------------------------------------------------------------------------


def activity(request, model_admin):
    """What each editor changed in one week (ISO week: ?week=2020-W10; this week by default)."""
    today = timezone.localdate()
    week_start = today - datetime.timedelta(days=today.weekday())
    wanted = request.GET.get("week", "")
    try:
        week_start = (
            datetime.date.fromisocalendar(int(wanted[:4]), int(wanted[6:]), 1) if wanted else week_start
        )
    except ValueError:
        messages.error(request, f"读不懂周次“{wanted[:20]}”：请写成 2020-W10 这样。现显示本周。")
    weeks = selectors.editor_activity(week_start=week_start)
    iso = week_start.isocalendar()

    def week_param(day: datetime.date) -> str:
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"

    context = _context(
        request,
        model_admin,
        f"编辑动态：{iso.year}年第{iso.week}周",
        weeks=weeks,
        week_start=week_start,
        week_end=week_start + datetime.timedelta(days=6),
        previous_week=week_param(week_start - datetime.timedelta(days=7)),
        next_week=week_param(week_start + datetime.timedelta(days=7)),
        kinds=selectors.ACTIVITY_KINDS,
    )
    return TemplateResponse(request, "admin/events/event/activity.html", context)


# -- the 大事记 out and back in -----------------------------------------------------------------


def chronicle(request, model_admin):
    """Export a year's 大事记 (any filter) as DOCX, Markdown or XLSX; import an edited XLSX back."""
    from .chronicle_files import export_response
    from .services.sheets import SheetRejected, chronicle_sheet_import

    export = ChronicleExportForm(
        request.GET if "format" in request.GET else None, initial={"year": selectors.latest_event_year()}
    )
    if export.is_bound and export.is_valid():
        return export_response(**export.query())
    upload = ChronicleSheetForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not model_admin.has_change_permission(request):
            raise PermissionDenied
        if upload.is_valid():
            try:
                result = chronicle_sheet_import(data=upload.cleaned_data["file"].read(), user=request.user)
            except SheetRejected as error:
                upload.add_error("file", str(error))
            else:
                model_admin.message_user(request, result.summary, messages.SUCCESS)
                return HttpResponseRedirect(reverse("admin:events_event_chronicle"))
    context = _context(
        request,
        model_admin,
        "大事记：导出与回填",
        export=export,
        upload=upload,
        can_change=model_admin.has_change_permission(request),
    )
    return TemplateResponse(request, "admin/events/event/chronicle.html", context)


# -- duplicates -----------------------------------------------------------------------------------


class DecisionFilter(admin.SimpleListFilter):
    title = "状态"
    parameter_name = "decided"

    def lookups(self, request, model_admin):
        return [("open", "待决定"), ("dismissed", "已否决")]

    def choices(self, changelist):
        # "待决定" is what the list shows by default; "全部" is the explicit third choice.
        value = self.value() or "open"
        for lookup, title in [*self.lookup_choices, ("all", "全部")]:
            yield {
                "selected": value == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    def queryset(self, request, queryset):
        value = self.value() or "open"
        if value == "open":
            return queryset.filter(dismissed_at=None)
        if value == "dismissed":
            return queryset.exclude(dismissed_at=None)
        return queryset


def event_cell(event: Event):
    source = event.document.title if event.document_id else (event.source or "编辑添加")
    return format_html(
        '<a href="{}">#{} {}</a><br><span class="quiet">{} · {}</span>',
        _change_url(event),
        event.pk,
        event.title,
        event.date_text or event.date_label,
        source,
    )


class DecisionForm(forms.Form):
    date_from = forms.TypedChoiceField(
        label="采用哪个来源的日期", coerce=int, required=False, widget=forms.RadioSelect
    )

    def __init__(self, *args, pair: list[Event], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date_from"].choices = [
            (
                event.pk,
                f"#{event.pk}：{event.date_text or event.date_label}（{event.start_date.isoformat()}）",
            )
            for event in pair
        ]


def duplicate_decide(request, model_admin, pk: int):
    suggestion = get_object_or_404(
        DuplicateSuggestion.objects.select_related("first__document", "second__document"), pk=pk
    )
    pair = [suggestion.first, suggestion.second]
    disagree = (pair[0].start_date, pair[0].end_date) != (pair[1].start_date, pair[1].end_date)
    form = DecisionForm(request.POST or None, pair=pair)
    if request.method == "POST" and form.is_valid():
        if "_dismiss" in request.POST:
            duplicate_dismiss(suggestion=suggestion, user=request.user)
            model_admin.message_user(
                request, f"已记下：#{pair[0].pk} 与 #{pair[1].pk} 不是同一件事，不会再提示。"
            )
            return HttpResponseRedirect(reverse("admin:events_duplicatesuggestion_changelist"))
        chosen = next((e for e in pair if e.pk == form.cleaned_data.get("date_from")), None)
        if disagree and chosen is None:
            form.add_error("date_from", "两个来源的日期不一：请选定采用哪一个。")
        else:
            survivor = duplicate_accept(suggestion=suggestion, user=request.user, date_from=chosen)
            model_admin.message_user(request, f"已合并为 #{survivor.pk}：{survivor.title}", messages.SUCCESS)
            return HttpResponseRedirect(reverse("admin:events_duplicatesuggestion_changelist"))
    events = [
        {"event": e, "mentions": list(e.mentions.select_related("document").order_by("document_id", "start"))}
        for e in pair
    ]
    context = _context(
        request,
        model_admin,
        f"疑似重复：#{pair[0].pk} 与 #{pair[1].pk}",
        suggestion=suggestion,
        events=events,
        disagree=disagree,
        form=form,
        rejected=any(e.status == Status.REJECTED for e in pair),
    )
    return TemplateResponse(request, "admin/events/duplicatesuggestion/decide.html", context)


@require_POST
def duplicates_refresh(request, model_admin):
    found = duplicates_find()
    model_admin.message_user(request, f"已重新比对全部文献：{found} 对疑似重复待决定。")
    return HttpResponseRedirect(reverse("admin:events_duplicatesuggestion_changelist"))
