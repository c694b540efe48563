"""The pages: thin views that validate the URL and the query, call selectors and render.

They only read, so they answer GET and HEAD and refuse other methods (405).

What a page shows is computed by `events.templatetags.chronicle_pages` (labels, rows, marked-up
text) so that the templates stay cheap even for a year of 10,000 events.
"""

import datetime

from django import forms
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from . import bounds, selectors
from .models import DocumentFormat, EventType
from .templatetags import chronicle_pages as pages
from .templatetags.chronicle_dates import date_label, datetime_attr, event_date_label


class TimelineFilterForm(forms.Form):
    """The timeline's GET filters; an invalid field is reported and ignored, the others apply."""

    type = forms.ChoiceField(label=gettext_lazy("类型"), required=False)
    series = forms.ChoiceField(label=gettext_lazy("会议系列"), required=False)
    document = forms.TypedChoiceField(
        label=gettext_lazy("文献"), required=False, coerce=int, empty_value=None
    )
    q = forms.CharField(label=gettext_lazy("关键词"), required=False, max_length=100)

    def __init__(self, data):
        super().__init__(data)
        self.fields["type"].choices = [("", _("全部类型")), *EventType.choices]
        self.fields["series"].choices = [("", _("全部系列"))] + [(n, n) for n in selectors.series_names()]
        documents = [(str(pk), title) for pk, title in selectors.document_choices()]
        self.fields["document"].choices = [("", _("全部文献")), *documents]

    def filters(self) -> dict:
        self.is_valid()
        return {key: value for key, value in self.cleaned_data.items() if value not in ("", None)}


ORIGINAL_TYPES = {
    DocumentFormat.TEXT: "text/plain",
    DocumentFormat.PDF: "application/pdf",
    DocumentFormat.PDF_OCR: "application/pdf",
    DocumentFormat.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    DocumentFormat.HTML: "text/html",
    DocumentFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    DocumentFormat.CSV: "text/csv",
}


def _prefix(name: str) -> str:
    """The URL of an object page without its id, to build thousands of links cheaply."""
    return reverse(name, args=[0]).removesuffix("0/")


def _check_year(year: int) -> None:
    if not bounds.year_in_range(year):
        raise Http404(_("没有这一年。"))


@require_safe
def home(request):
    year = selectors.latest_event_year()
    if year is None:
        return render(request, "events/home.html", {"documents": selectors.document_list()[:20]})
    return timeline(request, year)


@require_safe
def timeline_latest(request):
    year = selectors.latest_event_year()
    return redirect("events:timeline", year=year) if year else redirect("events:home")


@require_safe
def timeline(request, year: int):
    _check_year(year)
    form = TimelineFilterForm(request.GET)
    filters = form.filters()
    values, titles = selectors.timeline_rows(year=year, queryset=selectors.event_list(year=year, **filters))
    sections = pages.timeline_sections(
        year=year,
        values=values,
        document_titles=titles,
        event_url=_prefix("events:event"),
        document_url=_prefix("events:document"),
    )
    context = {
        "year": year,
        "previous_year": year - 1 if bounds.year_in_range(year - 1) else None,
        "next_year": year + 1 if bounds.year_in_range(year + 1) else None,
        "form": form,
        "filtered": bool(filters),
        "section": "timeline",
        **sections,
    }
    return render(request, "events/timeline.html", context)


@require_safe
def calendar_latest(request):
    today = datetime.date.today()
    year, month = selectors.latest_event_month() or (today.year, today.month)
    return redirect("events:calendar", year=year, month=month)


@require_safe
def calendar(request, year: int, month: int):
    _check_year(year)
    if not 1 <= month <= 12:
        raise Http404(_("没有这个月。"))
    wanted = request.GET.get("date", "").strip()[:100]
    error = None
    if wanted:
        from .parsing.userdates import parse_user_date  # the dates engineer's; lands separately

        found = parse_user_date(wanted, year=year)
        if found and bounds.date_in_range(found[0]):
            return redirect("events:calendar", year=found[0].year, month=found[0].month)
        error = _("读不懂“%(value)s”。请输入像“2020年3月”“3月27日”“腊月二十七”或“March 2020”这样的日期。")
        error %= {"value": wanted}
    grid = selectors.calendar_month(year=year, month=month)
    context = {
        "year": year,
        "month": month,
        "month_name": pages.MONTH_NAMES[month - 1],
        "grid": grid,
        "weeks": pages.calendar_weeks(grid.weeks, event_url=_prefix("events:event")),
        "weekdays": pages.WEEKDAYS,
        "previous": _shift(year, month, -1),
        "next": _shift(year, month, 1),
        "jump_value": wanted,
        "jump_error": error,
        "section": "calendar",
    }
    return render(request, "events/calendar.html", context, status=400 if error else 200)


@require_safe
def event_detail(request, pk: int):
    event = selectors.event_detail(pk=pk)
    if event is None:
        raise Http404(_("没有这个事件。"))
    texts = selectors.document_texts(ids=[m.document_id for m in event.mentions.all()])
    previous, following = selectors.series_neighbours(event=event)
    context = {
        "event": event,
        "date_full": event_date_label(event, full=True),
        "datetime": datetime_attr(event.start_date, event.precision) if event.year_known
        else event.date_label,
        "passages": [pages.passage(m, event, texts[m.document_id]) for m in event.mentions.all()],
        "readings": [
            {"label": date_label(r.start_date, r.end_date, r.precision, r.calendar, r.date_text, full=True),
             "date_text": r.date_text, "sources": r.sources}
            for r in selectors.event_readings(event=event)
        ],
        "series_previous": previous,
        "series_next": following,
        "section": "timeline",
    }
    return render(request, "events/event_detail.html", context)


@require_safe
def document_list(request):
    return render(
        request,
        "events/document_list.html",
        {"documents": selectors.document_list(), "section": "documents"},
    )


@require_safe
def document_detail(request, pk: int):
    document = selectors.document_detail(pk=pk)
    if document is None:
        raise Http404(_("没有这份文献。"))
    dates = selectors.document_dates(document=document)
    html = pages.document_html(
        document.text,
        dates=dates,
        statements=selectors.document_statements(document=document),
        event_url=_prefix("events:event"),
        pages=document.pages,
    )
    context = {
        "document": document,
        "text_html": html,
        "date_count": len(dates),
        "page_count": len({page for _, page in document.pages}),
        "source_file": selectors.document_source_file(document=document),
        "section": "documents",
    }
    return render(request, "events/document_detail.html", context)


@require_safe
def document_original(request, pk: int):
    """The file the document was read from, as it was uploaded: always a download, never shown
    inline (an uploaded web page must not run in the site's origin)."""
    kept = selectors.document_source_file(document=pk, with_content=True)
    if kept is None:
        raise Http404(_("这份文献没有保存原始文件。"))
    content_type = ORIGINAL_TYPES.get(kept.format, "application/octet-stream")
    response = HttpResponse(bytes(kept.content), content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, kept.name or f"document-{pk}")
    response["Content-Security-Policy"] = "sandbox"
    return response


def _shift(year: int, month: int, step: int) -> dict | None:
    shifted_year, shifted_month = divmod(year * 12 + month - 1 + step, 12)
    return {"year": shifted_year, "month": shifted_month + 1} if bounds.year_in_range(shifted_year) else None
