"""The pages: thin views that validate the URL and the query, call selectors and render.

They only read, so they answer GET and HEAD and refuse other methods (405).

What a page shows is computed by `events.presenters` (labels, rows, marked-up text) so that
the templates stay cheap even for a year of 10,000 events.
"""

import calendar as pycalendar
import datetime
from functools import partial
from urllib.parse import urlencode

from django import forms
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from . import bounds, caching, selectors
from .filters import read_user_date
from .models import DocumentFormat, EventType, Precision
from .presenters import pages
from .presenters.dates import date_label, datetime_attr, event_date_label


class BrowseFilterForm(forms.Form):
    """The facets of the timeline, the calendar and the search as GET parameters, named as the
    API names them (so an export link carries them as they are). An invalid field is reported
    and ignored, the others apply."""

    q = forms.CharField(label=gettext_lazy("关键词"), required=False, max_length=100)
    type = forms.ChoiceField(label=gettext_lazy("类型"), required=False)
    person = forms.CharField(label=gettext_lazy("人物"), required=False, max_length=100)
    organization = forms.CharField(label=gettext_lazy("机构"), required=False, max_length=200)
    section = forms.CharField(label=gettext_lazy("章节"), required=False, max_length=500)
    document = forms.TypedChoiceField(
        label=gettext_lazy("文献"), required=False, coerce=int, empty_value=None
    )
    precision = forms.ChoiceField(label=gettext_lazy("精度"), required=False)
    series = forms.ChoiceField(label=gettext_lazy("会议系列"), required=False)
    date_after = forms.CharField(label=gettext_lazy("从"), required=False, max_length=50)
    date_before = forms.CharField(label=gettext_lazy("到"), required=False, max_length=50)

    MORE = ("section", "document", "precision", "series", "date_after", "date_before")

    def __init__(self, data, *, year: int | None = None, dates: bool = True):
        super().__init__(data)
        self.year = year
        if not dates:
            del self.fields["date_after"], self.fields["date_before"]
        self.fields["type"].choices = [("", _("全部类型")), *EventType.choices]
        self.fields["precision"].choices = [("", _("全部精度")), *Precision.choices]
        self.fields["series"].choices = [("", _("全部系列"))] + [(n, n) for n in selectors.series_names()]
        documents = [(str(pk), title) for pk, title in selectors.document_choices()]
        self.fields["document"].choices = [("", _("全部文献")), *documents]
        for name in ("date_after", "date_before"):
            if name in self.fields:
                self.fields[name].widget.attrs["placeholder"] = _("如 3月、2020年3月上旬")

    def _clean_date(self, name: str, bound: int):
        value = self.cleaned_data.get(name, "").strip()
        if not value:
            return None
        try:
            return read_user_date(value, year=self.year)[bound]
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None

    def clean_date_after(self):
        return self._clean_date("date_after", 0)

    def clean_date_before(self):
        return self._clean_date("date_before", 1)

    def filters(self) -> dict:
        """The valid filters, as `selectors.event_list` takes them."""
        self.is_valid()
        return {key: value for key, value in self.cleaned_data.items() if value not in ("", None)}

    def more_fields(self):
        return [self[name] for name in self.MORE if name in self.fields]

    def main_fields(self):
        return [self[name] for name in self.fields if name not in self.MORE]

    def params(self) -> dict[str, str]:
        """The valid filters as they were typed: for links that keep them (exports, other years)."""
        self.is_valid()
        return {name: self.data[name] for name in self.fields if name in self.cleaned_data
                and self.cleaned_data[name] not in ("", None)}


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


def _export_links(request, params: dict[str, str], *, year: int, month: int | None = None) -> dict:
    """The current filters as API exports: CSV, iCalendar, JSON Lines, a webcal:// subscription
    and the year's 大事记 (limited to the month on a calendar page)."""
    events = {**params, "year": str(year), **({"month": str(month)} if month else {})}
    base = reverse("api-event-list")
    book = {key: value for key, value in params.items()}
    if month:
        last = pycalendar.monthrange(year, month)[1]
        book.update(date_after=f"{year:04d}-{month:02d}-01", date_before=f"{year:04d}-{month:02d}-{last:02d}")
    book["year"] = str(year)

    def url(path: str, query: dict, format: str) -> str:  # noqa: A002 - the API's parameter
        return f"{path}?{urlencode({**query, 'format': format})}"

    ics = url(base, events, "ics")
    return {
        "csv": url(base, events, "csv"),
        "ics": ics,
        "jsonl": url(base, events, "jsonl"),
        "webcal": f"webcal://{request.get_host()}{ics}",
        "book": {kind: url(reverse("api-chronicle"), book, kind) for kind in ("docx", "md", "xlsx")},
    }


def _facet_context(facets: selectors.Facets, params: dict[str, str]) -> dict:
    """The facet panel: each facet's values with their counts and the link that toggles them."""
    type_labels = dict(EventType.choices)
    precision_labels = dict(Precision.choices)
    section = params.get("section", "")

    def link(name: str, value) -> str:
        chosen = {**params}
        if str(chosen.get(name)) == str(value):
            chosen.pop(name)
        else:
            chosen[name] = str(value)
        return "?" + urlencode(chosen) if chosen else "?"

    def group(name: str, title, values) -> dict:
        items = [
            {"label": label, "count": n, "url": link(name, value), "chosen": params.get(name) == str(value)}
            for value, label, n in values
        ]
        return {"name": name, "title": title, "items": items}

    groups = [
        group("type", _("类型"), [(v, type_labels.get(v, v), n) for v, n in facets.types]),
        group("person", _("人物"), [(v, v, n) for v, n in facets.people]),
        group("organization", _("机构"), [(v, v, n) for v, n in facets.organizations]),
        group("section", _("章节"), [(v, v.removeprefix(section + selectors.SECTION_SEPARATOR)
                                      if section else v, n) for v, n in facets.sections]),
        group("document", _("文献"), [(pk, title, n) for pk, title, n in facets.documents]),
        group("precision", _("精度"), [(v, precision_labels.get(v, v), n) for v, n in facets.precisions]),
    ]
    labels = {"type": type_labels, "precision": precision_labels,
              "document": {str(pk): title for pk, title, _n in facets.documents}}
    chosen = [
        {"name": name, "label": BrowseFilterForm.base_fields[name].label,
         "value": labels.get(name, {}).get(value, value), "url": link(name, value)}
        for name, value in params.items()
    ]
    return {"facet_groups": [g for g in groups if g["items"]], "chosen_filters": chosen}


def _year_groups(groups: list[selectors.YearGroup], titles: dict[int, str]) -> list[dict]:
    """Events grouped by year, each group's rows as HTML, for `includes/year_groups.html`."""
    urls = {"event_url": _prefix("events:event"), "document_url": _prefix("events:document")}
    return [
        {"year": g.year, "count": g.count, "shown": len(g.rows),
         "html": pages.event_list_html(g.rows, document_titles=titles, **urls)}
        for g in groups
    ]


def _years_nav(years: list[tuple[int, int]], current: int, *, around: int = 6) -> list[tuple[int, int]]:
    """The years that hold events nearest to `current`, for the strip under the title."""
    index = next((i for i, (y, _n) in enumerate(years) if y >= current), len(years))
    return years[max(0, index - around) : index + around + 1]


# -- reads that count every matching event, remembered per chronology version -----------------


def _year_counts(filters: dict | None = None) -> list[tuple[int, int]]:
    filters = filters or {}
    count = partial(selectors.year_counts, filters=filters)
    return caching.remembered("years", caching.filters_key(filters), count)


def _month_counts() -> list[tuple[int, int, int]]:
    return caching.remembered("months", (), selectors.month_counts)


def _facets(filters: dict) -> selectors.Facets:
    count = partial(selectors.event_facets, filters=filters)
    return caching.remembered("facets", caching.filters_key(filters), count)


def _name_index(field: str) -> list[tuple[str, int]]:
    return caching.remembered("names", field, partial(selectors.name_index, field=field))


def _events_by_year(filters: dict):
    return selectors.events_by_year(filters=filters, counts=_year_counts(filters))


@require_safe
def home(request):
    if request.GET.get("q", "").strip():  # the search box on a page without it still searches every year
        return redirect(f"{reverse('events:search')}?{request.GET.urlencode()}")
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
    form = BrowseFilterForm(request.GET, year=year)
    filters, params = form.filters(), form.params()
    urls = {"event_url": _prefix("events:event"), "document_url": _prefix("events:document")}

    def build_sections() -> dict:
        in_year = selectors.event_list(year=year, **filters)
        values, titles = selectors.timeline_rows(year=year, queryset=in_year)
        return pages.timeline_sections(year=year, values=values, document_titles=titles, **urls)

    with caching.one_version(caching.chronology_version()):
        # A busy year is 10,000 rows and 3 MB of HTML: built once per chronology version, language
        # and filters, so a reader's next visit costs a look-up (a write changes the version).
        key = (year, caching.filters_key(filters), get_language(), tuple(urls.values()))
        sections = caching.remembered("page:timeline", key, build_sections)
        years = _year_counts(filters)
        facets = _facets({**filters, "year": year})
    previous_year, next_year = selectors.neighbour_years(year, [y for y, _n in years])
    context = {
        "year": year,
        "previous_year": previous_year,
        "next_year": next_year,
        "years_nav": _years_nav(years, year),
        "all_years_total": sum(n for _y, n in years),
        "form": form,
        "filtered": bool(filters),
        "query": urlencode(params),
        "exports": _export_links(request, params, year=year),
        "section": "timeline",
        **_facet_context(facets, params),
        **sections,
    }
    return render(request, "events/timeline.html", context)


@require_safe
def search(request):
    form = BrowseFilterForm(request.GET)
    filters, params = form.filters(), form.params()
    context = {"form": form, "query": urlencode(params), "q": filters.get("q", ""), "section": "search"}
    if filters:
        with caching.one_version(caching.chronology_version()):
            groups, titles = _events_by_year(filters)
            facets = _facets(filters)
        context.update(_facet_context(facets, params))
        context["groups"] = _year_groups(groups, titles)
        context["total"] = sum(g.count for g in groups)
    return render(request, "events/search.html", context)


@require_safe
def years(request):
    counts = _year_counts()
    peak = max((n for _y, n in counts), default=1)
    decades: dict[int, list] = {}
    for year, n in counts:
        bar = round(100 * n / peak)
        decades.setdefault(year // 10 * 10, []).append({"year": year, "count": n, "bar": bar})
    context = {
        "decades": sorted(decades.items()),
        "total": sum(n for _y, n in counts),
        "year_total": len(counts),
        "overview": {
            "years": counts,
            "months": _month_counts(),
            "api": reverse("api-event-list"),
            "timeline": _prefix("events:timeline").removesuffix("timeline/") + "timeline/",
            "event": _prefix("events:event"),
        },
        "section": "years",
    }
    return render(request, "events/years.html", context)


@require_safe
def on_this_day_today(request):
    today = timezone.localdate()
    return on_this_day(request, today.month, today.day)


@require_safe
def on_this_day(request, month: int, day: int):
    if not 1 <= month <= 12 or not 1 <= day <= pycalendar.monthrange(2000, month)[1]:
        raise Http404(_("没有这一天。"))
    groups, titles = selectors.on_this_day(month=month, day=day, years=[y for y, _n in _year_counts()])
    this = datetime.date(2000, month, day)  # a leap year: 2月29日 has a page too
    context = {
        "month": month,
        "day": day,
        "groups": _year_groups(groups, titles),
        "total": sum(g.count for g in groups),
        "previous": this - datetime.timedelta(days=1),
        "next": this + datetime.timedelta(days=1) if (month, day) != (12, 31) else datetime.date(2000, 1, 1),
        "section": "on-this-day",
    }
    return render(request, "events/on_this_day.html", context)


@require_safe
def names(request):
    context = {
        "people": _name_index("people"),
        "organizations": _name_index("organizations"),
        "section": "names",
    }
    return render(request, "events/names.html", context)


def _name_page(request, *, field: str, name: str, kind: str):
    filters = {field: name}
    groups, titles = _events_by_year(filters)
    if not groups:
        raise Http404(_("没有记载“%(name)s”的事件。") % {"name": name})
    context = {
        "name": name,
        "kind": kind,
        "field": field,
        "groups": _year_groups(groups, titles),
        "total": sum(g.count for g in groups),
        "query": urlencode(filters),
        "section": "names",
    }
    return render(request, "events/name.html", context)


@require_safe
def person(request, name: str):
    return _name_page(request, field="person", name=name, kind=_("人物"))


@require_safe
def organization(request, name: str):
    return _name_page(request, field="organization", name=name, kind=_("机构"))


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
        try:
            found = read_user_date(wanted, year=year)
        except ValueError:
            found = None
        if found:
            return redirect("events:calendar", year=found[0].year, month=found[0].month)
        error = _("读不懂“%(value)s”。请输入像“2020年3月”“3月27日”“腊月二十七”或“March 2020”这样的日期。")
        error %= {"value": wanted}
    form = BrowseFilterForm(request.GET, year=year, dates=False)
    filters, params = form.filters(), form.params()
    with caching.one_version(caching.chronology_version()):
        events = selectors.event_list(**filters).prefetch_related(None)
        grid = selectors.calendar_month(year=year, month=month, queryset=events)
        facets = _facets({**filters, "year": year, "month": month})
        empty = not any(facets.types)
        nearest = selectors.neighbour_months(year, month, filters=filters) if empty else (None, None)
    context = {
        "form": form,
        "filtered": bool(filters),
        "query": urlencode(params),
        "exports": _export_links(request, params, year=year, month=month),
        "empty": empty,
        "nearest_previous": nearest[0],
        "nearest_next": nearest[1],
        **_facet_context(facets, params),
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
    in_document = selectors.document_neighbours(event=event)
    context = {
        "event": event,
        "date_full": event_date_label(event, full=True),
        "datetime": datetime_attr(event.start_date, event.precision) if event.year_known
        else event.date_label,
        "passages": [_passage(m, event, texts[m.document_id]) for m in event.mentions.all()],
        "readings": [
            {"label": date_label(r.start_date, r.end_date, r.precision, r.calendar, r.date_text, full=True),
             "date_text": r.date_text, "sources": r.sources}
            for r in selectors.event_readings(event=event)
        ],
        "series_previous": previous,
        "series_next": following,
        "document_previous": in_document[0],
        "document_next": in_document[1],
        "section": "timeline",
    }
    return render(request, "events/event_detail.html", context)


def _passage(mention, event, text: str) -> dict:
    """A passage of the event page, with the query that opens its document at the right part."""
    shown = pages.passage(mention, event, text)
    parts = pages.document_parts(text)
    shown["part_query"] = pages.part_query(parts, mention.start)
    if mention.page is not None:
        starts = [start for start, number in mention.document.pages if number == mention.page]
        shown["page_query"] = pages.part_query(parts, min(starts)) if starts else ""
    return shown


@require_safe
def document_list(request):
    return render(
        request,
        "events/document_list.html",
        {"documents": selectors.document_list(), "section": "documents"},
    )


@require_safe
def document_detail(request, pk: int):
    """The document in parts of about 20,000 characters (`?part=N`), with its table of contents
    and the reader's search (`?find=`). `?mention=ID` and `?page=N` (a printed page) lead to the
    part that holds them, for links made before the text was cut in parts."""
    document = selectors.document_detail(pk=pk)
    if document is None:
        raise Http404(_("没有这份文献。"))
    parts = pages.document_parts(document.text)
    target = _document_target(document, request.GET)
    if target is not None:
        offset, anchor = target
        url = reverse("events:document", args=[pk]) + pages.part_query(parts, offset)
        return redirect(f"{url}#{anchor}")
    number = request.GET.get("part", "1")
    if not number.isdigit() or not 1 <= int(number) <= len(parts):
        raise Http404(_("这份文献没有这一部分。"))
    number = int(number)
    find = request.GET.get("find", "").strip()[:100]
    finds = pages.find_all(document.text, find)
    part = parts[number - 1]
    event_url = _prefix("events:event")

    def build_part() -> tuple[list[dict], str, int]:
        toc = pages.table_of_contents(document.text, selectors.document_sections(document=document))
        dates = pages.document_dates(document=document)
        html = pages.document_html(
            document.text,
            dates=dates,
            statements=selectors.document_statements(document=document),
            event_url=event_url,
            pages=document.pages,
            part=part,
            finds=finds,
            anchors=[(entry["offset"], entry["id"]) for entry in toc],
        )
        return toc, html, len(dates)

    with caching.one_version(caching.chronology_version()):
        # The marked part of a long document is built once per version, language and search.
        key = (pk, number, find, get_language(), event_url)
        toc, html, date_count = caching.remembered("page:document-part", key, build_part)
    here = reverse("events:document", args=[pk])
    keep = {"find": find} if find else {}

    def part_url(n: int) -> str:
        query = urlencode({**({"part": n} if n > 1 else {}), **keep})
        return f"{here}?{query}" if query else here

    for entry in toc:
        entry["url"] = ("" if pages.part_number(parts, entry["offset"]) == number
                        else part_url(pages.part_number(parts, entry["offset"]))) + f"#{entry['id']}"
    text = document.text
    found = [
        {"n": n, "url": part_url(pages.part_number(parts, a)) + f"#f{n}",
         "before": text[max(0, a - 20) : a], "match": text[a:b], "after": text[b : b + 20]}
        for n, (a, b) in enumerate(finds[:200])
    ]
    context = {
        "document": document,
        "text_html": html,
        "date_count": date_count,
        "page_count": len({page for _, page in document.pages}),
        "source_file": selectors.document_source_file(document=document),
        "toc": toc,
        "parts": [{"number": n, "url": part_url(n), "current": n == number}
                  for n in range(1, len(parts) + 1)],
        "part": number,
        "previous_part": part_url(number - 1) if number > 1 else None,
        "next_part": part_url(number + 1) if number < len(parts) else None,
        "find": find,
        "finds": found,
        "find_count": len(finds),
        "finds_here": sum(1 for a, b in finds if a < part[1] and b > part[0]),
        "section": "documents",
    }
    return render(request, "events/document_detail.html", context)


def _document_target(document, query) -> tuple[int, str] | None:
    """(offset, anchor) that `?mention=ID` or `?page=N` asks for, or None."""
    mention, page = query.get("mention", ""), query.get("page", "")
    if mention.isdigit():
        start = selectors.mention_start(document=document, mention=int(mention))
        if start is not None:
            return start, f"m{mention}"
    if page.isdigit():
        starts = [start for start, number in document.pages if number == int(page)]
        if starts:
            return min(starts), f"p{page}"
    return None


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


@require_safe
def favicon(request):
    """Browsers ask for /favicon.ico whatever a page links: the icon in static files (its hashed
    name in production, so the answer is a redirect, not a permanent one)."""
    return redirect(static("img/favicon.ico"))


def not_found(request, exception):
    """The site's 404 page; our own Http404 messages ("没有这个事件。") say what was not found."""
    message = exception.args[0] if isinstance(exception, Http404) and exception.args else ""
    return render(request, "404.html", {"reason": message if isinstance(message, str) else ""}, status=404)


def _shift(year: int, month: int, step: int) -> dict | None:
    shifted_year, shifted_month = divmod(year * 12 + month - 1 + step, 12)
    return {"year": shifted_year, "month": shifted_month + 1} if bounds.year_in_range(shifted_year) else None
