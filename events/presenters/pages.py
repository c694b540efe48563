"""What the pages show, computed once in Python so the templates stay cheap.

A year's timeline can hold 10,000 events (800 in a month). A Django template spends about
eight microseconds per variable it prints, so the event rows are built here: labels with
`presenters.dates`, each row's HTML from `ROW_HTML` with every value escaped. Structure
(sections, headings, forms) stays in the templates.
"""

from __future__ import annotations

import datetime
from bisect import bisect_right
from html import escape

from django.core.cache import cache
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from events import selectors
from events.models import Document, EventType
from events.parsing import find_dates
from events.parsing import lunar as lunar_calendar

from .dates import date_label, datetime_attr, event_date_label
from .text import DateSpan, FindSpan, StatementSpan, highlight

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
    """The year's events placed in the month `selectors.month_of` says, as the API's timeline
    places them, except quarters, halves, seasons and
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
            by_month[selectors.month_of(start, year=year)].append((order, html))
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


def event_list_html(
    values: list[tuple], *, document_titles: dict[int, str], event_url: str, document_url: str
) -> SafeString:
    """Events from any years as list rows (`TIMELINE_FIELDS` tuples), each dated in full."""
    type_labels = {value: escape(str(label)) for value, label in EventType.choices}
    titles = {pk: escape(title) for pk, title in document_titles.items()}
    rows = []
    for pk, title, start, end, precision, calendar, date_text, time, type_, document_id in values:
        label = escape(date_label(start, end, precision, calendar, date_text, time, full=True))
        rows.append(_row_html(
            pk, title, label, datetime_attr(start, precision), escape(precision), escape(type_),
            type_labels.get(type_) or escape(type_), document_id, titles.get(document_id, ""),
            (event_url, document_url),
        ))  # fmt: skip
    return mark_safe("".join(rows))  # noqa: S308 - built from escaped values


def lunar_day(day: datetime.date) -> str:
    """What a Chinese wall calendar prints under a day: the solar term, the lunar month on its
    first day, else the lunar day (初五, 十五, 廿三)."""
    lunar_date = lunar_calendar.lunar_day(day)
    if lunar_date.term:
        return lunar_date.term
    if lunar_date.day == 1:
        return f"{lunar_date.month_name}月"
    return lunar_date.day_name


def calendar_weeks(weeks, *, event_url: str) -> list[list[dict]]:
    """The grid's days with their lunar label and each day's events as one escaped list, each
    event marked as its range's part (single, start, middle, end) so a range reads as one bar
    across its days. A busy month shows a thousand events: each is escaped once, not per day."""
    out, rows = [], {}
    continued = f'<span class="visually-hidden">{escape(_("（续）"))}</span>'
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
                if event.pk not in rows:  # the row around its part's class and the (续) mark
                    title, label = escape(event.title), escape(event_date_label(event))
                    url = escape(f"{event_url}{event.pk}/")
                    rows[event.pk] = (f' t-{escape(event.type)}"><a href="{url}" title="{label} {title}">',
                                      f"{title}</a></li>")  # fmt: skip
                mark = continued if part in ("middle", "end") else ""
                head, tail = rows[event.pk]
                items.append(f'<li class="part-{part}{head}{mark}{tail}')
            cells.append(
                {
                    "date": day.date,
                    "label": date_label(day.date, day.date, "day", full=True),
                    "in_month": day.in_month,
                    "lunar": lunar_day(day.date),
                    "count": len(items),
                    "html": mark_safe("".join(items)),  # noqa: S308 - built from escaped values
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


def document_html(
    text: str,
    *,
    dates,
    statements: list[tuple],
    event_url: str,
    pages=(),
    part: tuple[int, int] | None = None,
    finds: list[tuple[int, int]] = (),
    anchors: list[tuple[int, str]] = (),
) -> SafeString:
    """The document (or its `part`, a (start, end) slice) with dates marked, statements linked to
    their events, a mark with an anchor (`#p37`) where each printed page begins, the reader's
    search matches (`#f0`, `#f1` … counted over the whole document) and the table of contents'
    anchors."""
    start, end = part or (0, len(text))
    spans = [
        StatementSpan(a, b, mention_id, f"{event_url}{event_id}/", title)
        for mention_id, a, b, event_id, title in statements
        if a < end and b > start
    ]
    shown = [DateSpan(*date) for date in dates if date[0] < end and date[1] > start]
    found = [FindSpan(a, b, n) for n, (a, b) in enumerate(finds) if a < end and b > start]
    return highlight(
        text[start:end], offset=start, dates=shown, statements=spans, pages=pages, finds=found,
        anchors=anchors,
    )


# A yearbook is 100,000–400,000 characters: the page shows it in parts of about this many.
PART_CHARS = 20_000


def document_parts(text: str, *, size: int = PART_CHARS) -> list[tuple[int, int]]:
    """The text cut into (start, end) parts of about `size` characters, each ending after a line
    break where there is one in its second half."""
    parts, start = [], 0
    while start < len(text):
        end = min(len(text), start + size)
        if end < len(text):
            cut = text.rfind("\n", start + size // 2, end)
            end = cut + 1 if cut >= 0 else end
        parts.append((start, end))
        start = end
    return parts or [(0, 0)]


def part_number(parts: list[tuple[int, int]], offset: int) -> int:
    """Which part (from 1) holds this offset of the text."""
    return max(1, bisect_right([start for start, _end in parts], offset))


def part_query(parts: list[tuple[int, int]], offset: int) -> str:
    """`?part=N` for a link to the part that holds `offset`; empty for the first part."""
    number = part_number(parts, offset)
    return f"?part={number}" if number > 1 else ""


def find_all(text: str, word: str, *, limit: int = 2000) -> list[tuple[int, int]]:
    """(start, end) of each occurrence of `word` in `text` (ASCII case ignored), at most `limit`."""
    if not word:
        return []
    folded, needle = text.lower(), word.lower()
    if len(folded) != len(text) or len(needle) != len(word):  # lowering changed lengths: exact match
        folded, needle = text, word
    found, at = [], folded.find(needle)
    while at >= 0 and len(found) < limit:
        found.append((at, at + len(needle)))
        at = folded.find(needle, at + len(needle))
    return found


def table_of_contents(text: str, sections: list[tuple[str, int]], *, separator: str = " › ") -> list[dict]:
    """The document's headings as far as its events' section paths name them: one entry per
    path and per beginning of a path, in text order, each with its depth (1 for the top) and the
    offset of the line where its heading is written (the last occurrence of its name before its
    first event; the event's line when the name is not found). `sections` are (path, offset of
    the first mention in it)."""
    first: dict[tuple[str, ...], int] = {}
    for path, offset in sections:
        parts = tuple(part for part in path.split(separator) if part)
        for depth in range(1, len(parts) + 1):
            node = parts[:depth]
            first[node] = min(first.get(node, offset), offset)
    entries = []
    for node, offset in first.items():
        name = node[-1]
        at = text.rfind(name, 0, offset + len(name))
        at = at if at >= 0 else offset
        line = text.rfind("\n", 0, at) + 1
        entries.append({"path": node, "name": name.strip("【】 "), "depth": len(node), "offset": line})
    entries.sort(key=lambda entry: (entry["offset"], entry["depth"]))
    for number, entry in enumerate(entries):
        entry["id"] = f"s{number}"
    return entries


def document_dates(*, document: Document) -> list[tuple[int, int, str, str, str, str]]:
    """Every date the recognizer finds in the document as (start, end, start_date, end_date,
    precision, calendar), cached per content: the scan of a 300 KB yearbook is slow."""
    key = f"chronicle:document-dates:2:{document.pk}:{document.content_hash}:{document.year}"
    spans = cache.get(key)
    if spans is None:
        spans = []
        for mention in find_dates(document.text, year=document.year):
            row = mention.as_json()  # --03-05 where the year is unknown
            spans.append((mention.start, mention.end, row["start_date"], row["end_date"], mention.precision,
                          mention.calendar))
        cache.set(key, spans, timeout=24 * 3600)
    return spans
