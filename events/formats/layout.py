"""Printed pages back into running text: reading order, running heads, footnotes, paragraphs.

A PDF's text layer and an OCR engine both give lines of print with their boxes. This module
reads them as a person reads the page:

- **running heads, footers and page numbers** are dropped: a line alone in the outer tenth of
  the page, set apart from the text, that is a page number (`37`, `· 37 ·`, `第37页`) or
  that comes back on other pages (digits aside). The printed numbers become the pages' numbers
  when they run in step with the pages.
- **footnotes** (smaller print at the foot of a page, opened by ①, [1], 注, *) are kept apart:
  each is a paragraph of its own, put after the paragraph that the page break interrupted, so
  they never split a sentence of the text.
- **reading order**: the page is cut recursively at its widest empty stretch (an XY cut): a
  gutter between columns splits left from right, a band of white across the page (above a
  full-width title or photo) splits top from bottom. A narrow column of dates beside the text
  is no column: a cut must leave a third of the region (margins included) on each side.
- **paragraphs**: lines join while a line runs to the column's right edge and the next one is
  neither indented nor outdented nor in another size of print, across columns and pages too —
  unless the line ends a sentence and the next is a heading or a chronicle's dated entry.
  Chinese joins without a space; a Latin word hyphenated at a line end is joined whole. Where
  in doubt the text breaks the line, which the parser's own joining of torn paragraphs mends.

Paragraphs are separated by a line break, by a blank line where the print left extra space.
Coordinates are any unit with y growing downwards; sizes are in the same unit.
"""
from __future__ import annotations

import re
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass

from events.formats.reading import TextBuilder


@dataclass(frozen=True, slots=True)
class PrintLine:
    """A run of text on one baseline, and its box."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float  # the font size, or the height of the characters for OCR


@dataclass(frozen=True, slots=True)
class PrintPage:
    index: int  # the page's position in the file, from 1
    width: float
    height: float
    lines: tuple[PrintLine, ...]


@dataclass(frozen=True, slots=True)
class Flow:
    """The pages read as text."""

    text: str
    pages: tuple[tuple[int, int], ...]
    dropped: int  # running heads, footers and page numbers left out
    footnotes: int


_FOLIO_MARKS = r"\s\-–—·•・.。，,()（）\[\]\"“”'"
_PAGE_NUMBER = re.compile(rf"^[{_FOLIO_MARKS}第]*(\d{{1,4}})[{_FOLIO_MARKS}页]*$")
_FOOTNOTE_MARK = re.compile(
    r"^\s*(?:[①-⑳]|\[\d{1,3}\]|［\d{1,3}］|注\s*[:：\d①-⑳]|[*※＊]|\(\d{1,2}\)|（\d{1,2}）)"
)
_SENTENCE_END = "。！？!?；;"
# What opens a line of its own: a heading (short, unpunctuated) or a chronicle's dated entry.
_STARTS_ITEM = re.compile(
    r"^(?:[^，。；：、,.;:！？!?]{1,24}$|[△☆▲●◆]|【|[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)]"
    r"|(?:\d{1,2}\s*[日月]|同日|是月|[上中下]旬)(?:\s*[—–\-~～至]\s*\d{1,2}\s*日)?[\s　])"
)
_MARGIN = 0.12  # running heads and footers stand in the outer part of the page
_SMALL_PRINT = 0.85
_LATIN = re.compile(r"[A-Za-z0-9]")


@dataclass(slots=True)
class _Row:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    page: int
    column: tuple[int, int]  # the page and the region of the cut that holds the row


def flow(pages: list[PrintPage], *, slack: float = 0.6) -> Flow:
    """Read the pages in order into text; `slack` (in characters) is how short of the column's
    edge a line may end and still run on (more for OCR, whose boxes are rough)."""
    size = _body_size(pages)
    dropped, numbers = _running(pages, size)
    labels = _page_labels(pages, numbers)
    rows: list[_Row] = []
    notes: dict[int, list[_Row]] = {}
    for page in pages:
        lines = [line for i, line in enumerate(page.lines) if i not in dropped[page.index]]
        footnotes = _footnotes(lines, page, size)
        body = [line for line in lines if line not in footnotes]
        rows += _ordered_rows(body, page, size)
        notes[page.index] = _ordered_rows(footnotes, page, size)
    text, runs = _Writer(rows, notes, labels, slack).write()
    marks = sum(1 for page in notes.values() for note in page if _FOOTNOTE_MARK.match(note.text))
    return Flow(text, runs, sum(len(d) for d in dropped.values()), marks)


def _body_size(pages: list[PrintPage]) -> float:
    weights: Counter[float] = Counter()
    for page in pages:
        for line in page.lines:
            weights[round(line.size, 1)] += len(line.text)
    return weights.most_common(1)[0][0] if weights else 10.0


# -- running heads and footers --------------------------------------------------------------


def _running(pages: list[PrintPage], size: float) -> tuple[dict[int, set[int]], dict[int, int]]:
    """Which lines of each page are running heads, footers or page numbers; the printed numbers."""
    candidates: list[tuple[int, int, str]] = []
    for page in pages:
        for index in _edge_lines(page, size):
            shape = re.sub(r"\d+", "#", re.sub(r"\s", "", page.lines[index].text))
            candidates.append((page.index, index, shape))
    pages_with: dict[str, set[int]] = defaultdict(set)
    for page_index, _, shape in candidates:
        pages_with[shape].add(page_index)
    repeated = max(2, len(pages) // 5)
    dropped: dict[int, set[int]] = {page.index: set() for page in pages}
    numbers: dict[int, int] = {}
    by_index = {page.index: page for page in pages}
    for page_index, index, shape in candidates:
        number = _PAGE_NUMBER.match(by_index[page_index].lines[index].text)
        if number:
            numbers[page_index] = int(number.group(1))
        if number or len(pages_with[shape]) >= repeated:
            dropped[page_index].add(index)
    # Heads alternate (the book on even pages, the chapter on odd): one seen on too few pages to
    # repeat stands where the running heads of the other pages stand.
    places = [by_index[p].lines[i].top for p, lines in dropped.items() for i in lines]
    for page_index, index, _ in candidates:
        top = by_index[page_index].lines[index].top
        if len(places) >= 2 and any(abs(top - place) <= size / 2 for place in places):
            dropped[page_index].add(index)
    return dropped, numbers


def _edge_lines(page: PrintPage, size: float) -> list[int]:
    """Lines alone at the top or the foot of the page, set apart from the text by white space."""
    if len(page.lines) < 2:
        return []
    out = []
    first_top = min(line.top for line in page.lines)
    last_bottom = max(line.bottom for line in page.lines)
    for index, line in enumerate(page.lines):
        if line.top <= first_top + size / 2 and line.bottom <= page.height * _MARGIN:
            below = [other.top for other in page.lines if other.top > line.bottom]
            if below and min(below) - line.bottom >= 0.9 * size:
                out.append(index)
        elif line.bottom >= last_bottom - size / 2 and line.top >= page.height * (1 - _MARGIN):
            above = [other.bottom for other in page.lines if other.bottom < line.top]
            if above and line.top - max(above) >= 0.9 * size:
                out.append(index)
    return out


def _page_labels(pages: list[PrintPage], numbers: dict[int, int]) -> dict[int, int]:
    """The printed page numbers when most agree with the pages' order, else the positions."""
    if numbers:
        shift, agreeing = Counter(n - i for i, n in numbers.items()).most_common(1)[0]
        if agreeing >= max(1, 0.8 * len(numbers)) and shift + pages[0].index >= 1:
            return {page.index: page.index + shift for page in pages}
    return {page.index: page.index for page in pages}


# -- footnotes ------------------------------------------------------------------------------


def _footnotes(lines: list[PrintLine], page: PrintPage, size: float) -> list[PrintLine]:
    """Small print in the lower half of the page, from a line opened by a note mark down, with no
    text in body print below it."""
    small = [line for line in lines if line.size <= _SMALL_PRINT * size and line.top > page.height / 2]
    small.sort(key=lambda line: line.top)
    for mark in (line for line in small if _FOOTNOTE_MARK.match(line.text)):
        column = [line for line in lines if line.x0 < mark.x1 and line.x1 > mark.x0 - size]
        if any(line.top > mark.top and line.size > _SMALL_PRINT * size for line in column):
            continue
        return [line for line in small if line.top >= mark.top - size / 4 and line in column]
    return []


# -- reading order ----------------------------------------------------------------------------


def _ordered_rows(lines: list[PrintLine], page: PrintPage, size: float) -> list[_Row]:
    if not lines:
        return []
    rows = []
    for leaf, (left, right) in _cut(lines, (0.0, page.width), size):
        leaf.sort(key=lambda line: line.x0)
        text = leaf[0].text
        for before, line in zip(leaf, leaf[1:], strict=False):
            text += word_gap(text, line.text, line.x0 - before.x1, line.size) + line.text
        rows.append(_Row(
            text, leaf[0].x0, min(line.top for line in leaf), max(line.x1 for line in leaf),
            max(line.bottom for line in leaf), statistics.median(line.size for line in leaf), page.index,
            (page.index, round((left + right) / (4 * size))),
        ))
    return rows


def _cut(lines: list[PrintLine], region: tuple[float, float], size: float):
    """XY cut: yield rows (lines that share a baseline) in reading order, each with its column."""
    if len(lines) == 1:
        yield list(lines), region
        return
    # A stop hanging past the column's edge must not close the gutter: a line's last character and
    # a half are left out of where it reaches.
    across = _gaps([(line.x0, max(line.x0, line.x1 - 1.5 * line.size)) for line in lines])
    down = _gaps([(line.top, line.bottom) for line in lines])
    third = (region[1] - region[0]) / 3
    gutters = [g for g in across if g[1] - g[0] >= size and min(g[0] - region[0], region[1] - g[1]) >= third]
    gutter = max(gutters, key=lambda g: g[1] - g[0], default=None)
    band = max(down, key=lambda g: g[1] - g[0], default=None)
    if gutter and (band is None or 2 * (gutter[1] - gutter[0]) >= band[1] - band[0]):
        at = (gutter[0] + gutter[1]) / 2
        yield from _cut([line for line in lines if line.x0 + line.x1 <= 2 * at], (region[0], at), size)
        yield from _cut([line for line in lines if line.x0 + line.x1 > 2 * at], (at, region[1]), size)
        return
    if band is None:  # the lines overlap each way: one row
        yield list(lines), region
        return
    widest = band[1] - band[0]
    cuts = [(g[0] + g[1]) / 2 for g in down if g[1] - g[0] >= 0.8 * widest]
    bands: list[list[PrintLine]] = [[] for _ in range(len(cuts) + 1)]
    for line in lines:
        bands[sum(1 for at in cuts if line.top > at)].append(line)
    for part in bands:
        yield from _cut(part, region, size)


def _gaps(intervals: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """The empty stretches between the intervals' union."""
    gaps = []
    intervals = sorted(intervals)
    reach = intervals[0][1]
    for start, end in intervals[1:]:
        if start > reach:
            gaps.append((reach, start))
        reach = max(reach, end)
    return gaps


def word_gap(before: str, after: str, gap: float, size: float, *, wide: float = 0.8) -> str:
    """What stands between two pieces of a line `gap` apart: `　` for a wide gap, a space between
    Latin words, nothing between Chinese characters."""
    if gap >= wide * size:
        return "　"
    if gap >= 0.15 * size and _LATIN.match(before[-1:]) and _LATIN.match(after[:1]):
        return " "
    return ""


# -- paragraphs -----------------------------------------------------------------------------


class _Writer:
    """Joins the rows into paragraphs and the paragraphs into text, with each page's runs."""

    def __init__(self, rows: list[_Row], notes: dict[int, list[_Row]], labels: dict[int, int], slack: float):
        self.rows, self.notes, self.labels, self.slack = rows, notes, labels, slack
        self.bounds = _column_bounds(rows + [note for page in notes.values() for note in page])
        gaps = [b.top - a.bottom for a, b in zip(rows, rows[1:], strict=False)
                if a.column == b.column and b.top > a.bottom]
        self.leading = statistics.median(gaps) if gaps else 0.0
        self.out = TextBuilder()
        self.waiting: list[int] = []  # pages whose footnotes wait for the running paragraph to end
        self.queued: set[int] = set()

    def write(self) -> tuple[str, tuple[tuple[int, int], ...]]:
        previous = None
        for row in self.rows:
            if previous is None or row.page != previous.page:
                self._queue_notes(before=row.page)
            if previous is not None:
                if self._runs_on(previous, row):
                    self._join(previous, row)
                else:
                    self._write_notes()
                    self.out.add(self._separator(previous, row))
            self.out.add(row.text, page=self.labels[row.page])
            previous = row
        self._queue_notes(before=None)
        self._write_notes()
        return self.out.text(), tuple(self.out.pages)

    def _queue_notes(self, *, before: int | None) -> None:
        for page, notes in self.notes.items():
            if notes and page not in self.queued and (before is None or page < before):
                self.waiting.append(page)
                self.queued.add(page)

    def _write_notes(self) -> None:
        for page in self.waiting:
            notes = self.notes[page]
            for index, note in enumerate(notes):
                if index == 0 or _FOOTNOTE_MARK.match(note.text) or not self._full(notes[index - 1]):
                    if self.out.length:
                        self.out.add("\n")
                self.out.add(note.text, page=self.labels[page])
        self.waiting = []

    def _runs_on(self, a: _Row, b: _Row) -> bool:
        if _hyphenated(a.text, b.text):
            return True
        if abs(a.size - b.size) > 0.15 * a.size or not self._full(a):
            return False
        if a.text[-1:] in _SENTENCE_END and _STARTS_ITEM.match(b.text):
            return False  # a full line that ends a sentence, then a heading or a dated entry
        if abs(b.x0 - self.bounds[b.column][0]) > 0.8 * b.size:  # indented, or outdented
            return False
        return not (a.column == b.column and b.top - a.bottom > self.leading + 0.5 * a.size)

    def _full(self, row: _Row) -> bool:
        return row.x1 >= self.bounds[row.column][1] - self.slack * row.size

    def _join(self, a: _Row, b: _Row) -> None:
        if _hyphenated(a.text, b.text):
            self.out.drop_last()
        elif _LATIN.match(a.text[-1:]) and _LATIN.match(b.text[:1]) and not (
            a.text[-1].isdigit() and b.text[0].isdigit()
        ):
            self.out.add(" ")

    def _separator(self, a: _Row, b: _Row) -> str:
        if a.column != b.column or b.top - a.bottom > self.leading + 0.5 * a.size:
            return "\n\n"
        return "\n"


def _hyphenated(line: str, following: str) -> bool:
    """A Latin word cut at the line's end by a hyphen and going on in lower case."""
    return line.endswith("-") and line[-2:-1].isascii() and line[-2:-1].isalpha() and following[:1].islower()


def _column_bounds(rows: list[_Row]) -> dict[tuple[int, int], tuple[float, float]]:
    """Each column's left and right edge: where most of its lines start and end.

    A column with few lines on its page takes the edges its key has over the whole document."""
    by_column: dict[tuple[int, int], list[_Row]] = defaultdict(list)
    by_key: dict[int, list[_Row]] = defaultdict(list)
    for row in rows:
        by_column[row.column].append(row)
        by_key[row.column[1]].append(row)
    bounds = {}
    for column, members in by_column.items():
        if len(members) < 3 and len(by_key[column[1]]) >= 3:
            members = by_key[column[1]]
        bounds[column] = _edges(members)
    return bounds


def _edges(rows: list[_Row]) -> tuple[float, float]:
    if len(rows) < 3:
        return min(r.x0 for r in rows), max(r.x1 for r in rows)
    starts = sorted(r.x0 for r in rows)
    ends = sorted((r.x1 for r in rows), reverse=True)
    return starts[len(starts) // 4], ends[len(ends) // 4]
