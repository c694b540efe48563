"""Source text with its dates and statements marked up, escaped piece by piece.

A document page shows the whole decoded text (a yearbook is ~300 KB) with every recognized
date in a `<mark>` and every statement that states an event as a link to that event. The
two layers may overlap in any way, so the text is cut at every boundary and each piece is
escaped on its own. Tags are built by `_tag`, which escapes every value it puts in (what
`format_html` does, at a fraction of the cost: a yearbook has thousands of spans); nothing
from the document reaches the page unescaped.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from html import escape

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from events.models import Calendar, Precision


@dataclass(frozen=True, slots=True)
class DateSpan:
    """A recognized date: absolute offsets into the document text and what it means."""

    start: int
    end: int
    start_date: str = ""
    end_date: str = ""
    precision: str = ""
    calendar: str = ""


@dataclass(frozen=True, slots=True)
class StatementSpan:
    """A Mention: the span of text that states an event, linked to the event's page."""

    start: int
    end: int
    mention_id: int
    event_url: str
    event_title: str = ""


def _tag(template: str, *values) -> str:
    """`template` with each `{}` filled by an escaped value (quotes included, for attributes)."""
    return template.format(*(escape(str(value)) for value in values))


def _date_title(span: DateSpan, memo: dict) -> str:
    key = (span.start_date, span.end_date, span.precision, span.calendar)
    if key not in memo:
        interval = (
            span.start_date if span.start_date == span.end_date else f"{span.start_date} — {span.end_date}"
        )
        parts = [interval]
        if span.precision in Precision.values:
            parts.append(str(Precision(span.precision).label))
        if span.calendar in Calendar.values:
            parts.append(str(Calendar(span.calendar).label))
        memo[key] = " · ".join(part for part in parts if part)
    return memo[key]


def _open_date(span: DateSpan, memo: dict) -> str:
    if not span.start_date:
        return '<mark class="date">'
    key = ("tag", span.start_date, span.end_date, span.precision, span.calendar)
    if key not in memo:
        memo[key] = _tag(
            '<mark class="date" title="{}" data-start="{}" data-end="{}" data-precision="{}"'
            ' data-calendar="{}">',
            _date_title(span, memo),
            span.start_date,
            span.end_date,
            span.precision,
            span.calendar,
        )
    return memo[key]


def _open_statement(span: StatementSpan, anchored: set) -> str:
    if not span.event_url:  # on the event's own page the statement is emphasized, not linked
        if span.mention_id in anchored:
            return '<span class="stmt">'
        anchored.add(span.mention_id)
        return _tag('<span class="stmt" id="m{}">', span.mention_id)
    if span.mention_id in anchored:
        return _tag('<a class="stmt" href="{}" title="{}">', span.event_url, span.event_title)
    anchored.add(span.mention_id)
    return _tag(
        '<a class="stmt" id="m{}" href="{}" title="{}">', span.mention_id, span.event_url, span.event_title
    )


def _close_statement(span: StatementSpan) -> str:
    return "</a>" if span.event_url else "</span>"


def _also_link(span: StatementSpan, anchored: set) -> str:
    """A second event stated by the same words: a small numbered link where its span begins."""
    anchored.add(span.mention_id)
    return _tag(
        '<a class="also" id="m{}" href="{}" title="{}" aria-label="{}">{}</a>',
        span.mention_id,
        span.event_url,
        span.event_title,
        span.event_title,
        _("另一事件"),
    )


def _page_mark(page: int, anchored: set) -> str:
    """Where a printed page begins: "p. 37", the anchor `#p37` on the first run of that page."""
    if page in anchored:
        return _tag('<span class="page-mark" aria-hidden="true">p. {}</span>', page)
    anchored.add(page)
    return _tag('<span class="page-mark" id="p{}">p. {}</span>', page, page)


@dataclass(frozen=True, slots=True)
class FindSpan:
    """A match of the reader's search within the text; `number` counts the matches of the whole
    document (the anchor `#f{number}`)."""

    start: int
    end: int
    number: int


def highlight(
    text: str,
    *,
    offset: int = 0,
    dates: Iterable[DateSpan] = (),
    statements: Iterable[StatementSpan] = (),
    pages: Iterable[tuple[int, int]] = (),
    finds: Iterable[FindSpan] = (),
    anchors: Iterable[tuple[int, str]] = (),
) -> SafeString:
    """`text` (which starts at `offset` in its document) with dates and statements marked up,
    a mark where each printed page begins (`pages`: (start, page number) runs), the reader's
    search matches (`finds`) and empty anchors (`anchors`: (offset, id), for a table of contents).

    Spans use document offsets; the parts outside the text are clipped away. The layers nest
    statement link > date mark > search mark, each closed and reopened where an outer one changes.
    """
    end_of_text = offset + len(text)
    edges: dict[int, list] = {offset: [], end_of_text: []}
    page_starts: dict[int, int] = {}
    for start, page in pages:
        if offset <= start < end_of_text:
            page_starts[start] = page
            edges.setdefault(start, [])
    anchored_at: dict[int, list[str]] = {}
    for start, name in anchors:
        if offset <= start < end_of_text:
            anchored_at.setdefault(start, []).append(name)
            edges.setdefault(start, [])
    for kind, spans in (("d", dates), ("s", statements), ("f", finds)):
        for span in spans:
            start, end = max(span.start, offset), min(span.end, end_of_text)
            if start < end:
                edges.setdefault(start, []).append((1, kind, span))
                edges.setdefault(end, []).append((0, kind, span))

    out: list[str] = []
    memo: dict = {}
    anchored: set = set()
    pages_marked: set = set()
    finds_marked: set = set()
    active = {"d": [], "s": [], "f": []}
    open_date = open_statement = open_find = None
    positions = sorted(edges)
    for here, there in zip(positions, positions[1:], strict=False):
        for opening, kind, span in sorted(edges[here], key=lambda e: e[0]):
            if opening:
                active[kind].append(span)
            else:
                active[kind].remove(span)
        statement = min(active["s"], key=lambda s: (s.start, -s.end, s.mention_id), default=None)
        date = active["d"][0] if active["d"] else None
        found = active["f"][0] if active["f"] else None
        others = [s for s in active["s"] if s is not statement and s.mention_id not in anchored]
        if statement is not open_statement or others:
            # Links cannot nest: close what is open, then link the other events stated here.
            if open_find is not None:
                out.append("</mark>")
                open_find = None
            if open_date is not None:
                out.append("</mark>")
                open_date = None
            if open_statement is not None:
                out.append(_close_statement(open_statement))
            out.extend(_also_link(other, anchored) for other in others)
            open_statement = statement
            if statement is not None:
                out.append(_open_statement(statement, anchored))
        if date is not open_date:
            if open_find is not None:
                out.append("</mark>")
                open_find = None
            if open_date is not None:
                out.append("</mark>")
            open_date = date
            if date is not None:
                out.append(_open_date(date, memo))
        if found is not open_find:
            if open_find is not None:
                out.append("</mark>")
            open_find = found
            if found is not None:
                out.append(_open_find(found, finds_marked))
        for name in anchored_at.get(here, ()):
            out.append(_tag('<span class="anchor" id="{}"></span>', name))
        if here in page_starts:
            out.append(_page_mark(page_starts[here], pages_marked))
        out.append(escape(text[here - offset : there - offset]))
    if open_find is not None:
        out.append("</mark>")
    if open_date is not None:
        out.append("</mark>")
    if open_statement is not None:
        out.append(_close_statement(open_statement))
    return mark_safe("".join(out))  # every piece above is escaped or built by _tag


def _open_find(span: FindSpan, marked: set) -> str:
    if span.number in marked:
        return '<mark class="find">'
    marked.add(span.number)
    return _tag('<mark class="find" id="f{}">', span.number)
