"""What the pages show, computed once in Python so the templates stay cheap.

A year's timeline can hold 10,000 events (800 in a month). A Django template spends about
eight microseconds per variable it prints, so the event rows are built here: labels with
`chronicle_dates`, each row's HTML from `ROW_HTML` with every value escaped. Structure
(sections, headings, forms) stays in the templates.
"""

from __future__ import annotations

import datetime
from functools import lru_cache
from html import escape

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from lunar_python import Solar

from events.models import EventType

from .chronicle_dates import date_label, datetime_attr, event_date_label
from .chronicle_text import DateSpan, StatementSpan, highlight

MONTH_NAMES = [
    gettext_lazy("1月"),
    gettext_lazy("2月"),
    gettext_lazy("3月"),
    gettext_lazy("4月"),
    gettext_lazy("5月"),
    gettext_lazy("6月"),
    gettext_lazy("7月"),
    gettext_lazy("8月"),
    gettext_lazy("9月"),
    gettext_lazy("10月"),
    gettext_lazy("11月"),
    gettext_lazy("12月"),
]
WEEKDAYS = [
    (gettext_lazy("星期一"), pgettext_lazy("weekday", "一")),
    (gettext_lazy("星期二"), pgettext_lazy("weekday", "二")),
    (gettext_lazy("星期三"), pgettext_lazy("weekday", "三")),
    (gettext_lazy("星期四"), pgettext_lazy("weekday", "四")),
    (gettext_lazy("星期五"), pgettext_lazy("weekday", "五")),
    (gettext_lazy("星期六"), pgettext_lazy("weekday", "六")),
    (gettext_lazy("星期日"), pgettext_lazy("weekday", "日")),
]
COARSE = frozenset({"quarter", "half", "season", "year"})
CONTEXT_CHARS = 120


def _row_html(pk, title, label, when, precision, type_, type_label, document_id, document_title, urls) -> str:
    """One event in a list. Every value is escaped here or comes escaped (labels, titles)."""
    source = f'<a class="src" href="{urls[1]}{document_id}/">{document_title}</a>' if document_id else ""
    return (
        f'<li class="ev p-{precision}"><time datetime="{when}">{label}</time> '
        f'<div class="ev-body"><a class="ev-title" href="{urls[0]}{pk}/">{escape(title)}</a> '
        f'<span class="ev-meta"><span class="tag t-{type_}">{type_label}</span> '
        f'{source}</span></div></li>\n'
    )


def _sort_key(start: datetime.date, end: datetime.date, precision: str, year: int) -> tuple[int, float]:
    """Month-level events head the month; a xun follows the days it covers; days in order.
    Events begun before the year sit at the head of January's days."""
    if precision == "month":
        return (0, 0.0)
    if start.year < year:
        return (1, 0.0)
    if precision == "xun":
        return (1, (end.day if end.month == start.month else 31) + 0.5)
    return (1, float(start.day))


def timeline_sections(
    *, year: int, values: list[tuple], document_titles: dict[int, str], event_url: str, document_url: str
) -> dict:
    """The year's events placed like `selectors.timeline_months` places them (once, in the
    month they start; January for those begun earlier), except quarters, halves, seasons and
    whole years, which head the page; each month ordered the way a reader expects.

    `values` are `selectors.TIMELINE_FIELDS` tuples in date order. Labels repeat (a year has
    366 days), so each is computed and escaped once."""
    type_labels = {value: escape(str(label)) for value, label in EventType.choices}
    titles = {pk: escape(title) for pk, title in document_titles.items()}
    urls = (event_url, document_url)
    labels: dict[tuple, tuple[str, str, tuple, str]] = {}
    kinds: dict[str, tuple[str, str]] = {}
    by_month: dict[int, list[tuple]] = {month: [] for month in range(1, 13)}
    coarse: list[tuple] = []
    for pk, title, start, end, precision, calendar, date_text, time, type_, document_id in values:
        key = (start, end, precision, calendar, date_text, time)
        if key not in labels:
            label = escape(date_label(start, end, precision, calendar, date_text, time))
            for opening in ("（", " (lunar"):  # the lunar date goes on a line under the solar one
                if opening in label:
                    label = label.replace(opening, f'<span class="alt">{opening}', 1) + "</span>"
            order = _sort_key(start, end, precision, year)
            labels[key] = (label, datetime_attr(start, precision), order, escape(precision))
        label, when, order, precision_class = labels[key]
        if type_ not in kinds:  # the type's class name and label, escaped once per type
            kinds[type_] = (escape(type_), type_labels.get(type_) or escape(type_))
        kind, kind_label = kinds[type_]
        html = _row_html(
            pk, title, label, when, precision_class, kind, kind_label, document_id,
            titles.get(document_id, ""), urls,
        )  # fmt: skip
        if precision in COARSE:
            coarse.append(html)
        else:
            by_month[1 if start.year < year else start.month].append((order, html))
    months = []
    for month, rows in by_month.items():
        rows.sort(key=lambda row: row[0])  # stable: date order holds within a day
        html = mark_safe("".join(row[1] for row in rows))  # noqa: S308 - built from escaped values
        months.append({"number": month, "name": MONTH_NAMES[month - 1], "count": len(rows), "html": html})
    peak = max(m["count"] for m in months) or 1
    for m in months:
        m["bar"] = round(100 * m["count"] / peak)
    sections = list(months)
    if coarse:
        html = mark_safe("".join(coarse))  # noqa: S308 - built from escaped values
        sections.insert(0, {"number": 0, "name": _("全年、半年与季度"), "count": len(coarse), "html": html})
    return {"months": months, "sections": sections, "total": len(values)}


@lru_cache(maxsize=4096)
def lunar_day(day: datetime.date) -> str:
    """What a Chinese wall calendar prints under a day: the solar term, the lunar month on its
    first day, else the lunar day (初五, 十五, 廿三)."""
    lunar = Solar.fromYmd(day.year, day.month, day.day).getLunar()
    if lunar.getJieQi():
        return lunar.getJieQi()
    if lunar.getDay() == 1:
        return f"{lunar.getMonthInChinese()}月"
    return lunar.getDayInChinese()


def calendar_weeks(weeks, *, event_url: str) -> list[list[dict]]:
    """The grid's days with their lunar label and each event's part of a range
    (single, start, middle, end) so a range reads as one bar across its days."""
    out, labels = [], {}
    for week in weeks:
        cells = []
        for day in week:
            items = []
            for event in day.events:
                if event.start_date == event.end_date:
                    part = "single"
                else:
                    part = (
                        "start"
                        if day.date == event.start_date
                        else "end"
                        if day.date == event.end_date
                        else "middle"
                    )
                if event.pk not in labels:
                    labels[event.pk] = event_date_label(event)
                url = f"{event_url}{event.pk}/"
                items.append({"event": event, "part": part, "label": labels[event.pk], "url": url})
            cells.append(
                {
                    "date": day.date,
                    "label": date_label(day.date, day.date, "day", full=True),
                    "in_month": day.in_month,
                    "lunar": lunar_day(day.date),
                    "items": items,
                }
            )
        out.append(cells)
    return out


def passage(mention, event, text: str) -> dict:
    """The mention with some text around it, within its paragraph, its date marked.

    The date is where the mention's date offsets say; without them, the event's date as
    written is looked for inside the mention."""
    begin = max(0, mention.start - CONTEXT_CHARS)
    newline = text.rfind("\n", begin, mention.start)
    begin = newline + 1 if newline >= 0 else begin
    end = min(len(text), mention.end + CONTEXT_CHARS)
    newline = text.find("\n", mention.end, end)
    end = newline if newline >= 0 else end
    date_start, date_end = mention.date_start, mention.date_end
    if date_start is None or date_end is None or not begin <= date_start < date_end <= end:
        found = mention.text.find(event.date_text) if event.date_text else -1
        date_start = mention.start + found if found >= 0 else None
        date_end = date_start + len(event.date_text) if found >= 0 else None
    dates = []
    if date_start is not None:
        iso = (event.start_date.isoformat(), event.end_date.isoformat())
        dates.append(DateSpan(date_start, date_end, *iso, event.precision, event.calendar))
    statement = StatementSpan(mention.start, mention.end, mention.pk, "", event.title)
    return {
        "mention": mention,
        "html": highlight(text[begin:end], offset=begin, dates=dates, statements=[statement]),
        "cut_before": begin > 0 and text[begin - 1] != "\n",
        "cut_after": end < len(text) and text[end] != "\n",
    }


def document_html(text: str, *, dates, statements: list[tuple], event_url: str, pages=()) -> SafeString:
    """The whole document with dates marked, statements linked to their events, and a mark with
    an anchor (`#p37`) where each printed page begins."""
    spans = [
        StatementSpan(start, end, mention_id, f"{event_url}{event_id}/", title)
        for mention_id, start, end, event_id, title in statements
    ]
    return highlight(text, dates=[DateSpan(*date) for date in dates], statements=spans, pages=pages)
