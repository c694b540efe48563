"""The layout of a printed record exported to text: titles, entries, paragraphs, captions.

A yearbook that went through PDF arrives as lines. This module reads them back into blocks:

- `title`: a short line without punctuation (`组织工作`, `综 述`); a run of titles with only
  blank lines between replaces as many levels of the section path (`中共魏都区区委` then
  `综 述`), and a column of one-character lines (`政`/`协`/…) is read as one title.
- `year` / `month`: chronicle headings (`2020年`, `一月`, `2020年3月`) — titles that also set
  the year and month of the day entries below them.
- entries: `【区委常委会议纪要】` at the start of a line names the entry its paragraph opens.
- `paragraph`: text lines; a line that does not end a sentence (no `。！？；：`) was torn by a
  page break, so the next text line continues it even across captions and titles that the
  layout dropped in between. A paragraph is a tuple of pieces, each an exact span.
- `caption` and `credit`: a photo caption is the text just before a credit (`组织部供图`,
  `王蕊 摄`), on its own line or at the end of the caption's line.
- `byline` (`（韩雪 李明洋）`), `source` (`——摘自《…》`) and the `quote` it closes.
- `stamp`: a web page's publication line at the top (`发布时间：2021-03-05`).
- `garbled`: lines that interleave two printed columns; reported in `Layout.problems`
  and never read for events.

Offsets index the text exactly as given; `\\r\\n` line ends are allowed and left alone.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from events.parsing.numerals import ERA_YEAR_NUMERAL, era_year_number

SECTION_SEPARATOR = " › "
SENTENCE_END = "。！？!?；;：:…"
_CLOSERS = "”’」』）)》"

_NAME = r"[\u4e00-\u9fff·]{2,5}"
_PHOTOGRAPHERS = rf"(?:{_NAME}[\s　/、]+){{1,4}}摄影?|[\u4e00-\u9fff·]{{2,4}}摄影?"
_CREDIT_TEXT = (
    rf"[\u4e00-\u9fff·]{{1,14}}供图|{_PHOTOGRAPHERS}|"
    rf"(?:摄影|图片|图)\s*[:：/]\s*{_NAME}(?:[\s　、]+{_NAME}){{0,3}}"
)
_CREDIT_ALONE = re.compile(rf"^[（(]?(?:{_CREDIT_TEXT})[）)]?$")
_CREDIT_AT_END = re.compile(
    rf"(?:[\s　]+((?:[\u4e00-\u9fff·]{{1,14}}供图|(?:{_NAME}[\s　]+){{1,4}}摄影?))"
    rf"|([（(](?:{_CREDIT_TEXT})[）)]))$"
)
_BYLINE_OPEN = re.compile(r"^[（(][\u4e00-\u9fff·\s　]{1,80}[）)]?$")
_BYLINE_CLOSE = re.compile(r"^[\u4e00-\u9fff·\s　]{1,80}[）)]$")
_SOURCE = re.compile(r"^[—\-－]{1,3}\s*摘自")
_ENTRY = re.compile(r"^【[^【】\n]{1,60}】")
_PUNCTUATION = re.compile(r"[，。；：！？、,.;:!?“”‘’《》【】\[\]<>%％/\\|]|^[（(]")
# 2019年, 二〇一九年, and a Republic year as Taiwan chronicles head theirs (民國一百一十年).
_YEAR_HEADING = re.compile(
    rf"^(?:((?:19|20)\d\d|[一二][〇零一二三四五六七八九]{{3}})|民[国國]({ERA_YEAR_NUMERAL}))\s*年$"
)
_MONTH_HEADING = re.compile(
    r"^(?:((?:19|20)\d\d|[一二][〇零一二三四五六七八九]{3})\s*年\s*)?(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月(?:份)?$"
)
_STAMP = re.compile(
    r"(发布|发表|更新|上传|录入)(时间|日期|于)|^(时间|日期)[:：]|来源[:：]|浏览(次数|量)|点击(数|量|率)|作者[:：]|"
    r"^\d{4}-\d{1,2}-\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$"
)
_DAY_ENTRY_START = re.compile(r"^(?:\d{1,2}\s*[—–\-~～至]\s*)?\d{1,2}\s*日|^[△☆▲]|^同日|^是月")
_DATED_LINE_START = re.compile(
    r"^(?:(?:19|20)\d\d\s*年\s*)?\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?"
    r"(?:\s*[—–\-~～至]\s*\d{1,2}\s*日)?[\s　，,、：:]"
)
_EXPECTS_MORE = "于在至到从自和及与、，,"
_LIST_LEAD = "：:；;"
_PARAGRAPH_END = "。！？!?…"
_ENUMERATED = re.compile(
    r"^(?:[（(][\d一二三四五六七八九十]{1,3}[）)]|\d{1,2}\s*[.、．]|[一二三四五六七八九十]{1,3}(?:是|、))"
)
_CN_MONTHS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
              "十一": 11, "十二": 12}
_MAX_TITLE_CHARS = 24
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_EDGE_SPACE = " \t　\ufeff\f\v"  # \f: pdftotext starts each page with a form feed
_STAMP_LINES = 8  # a web page's header: breadcrumbs, title, publication line
_CAPTION_MAX_LINES = 3
_CAPTION_MAX_CHARS = 120


class Pieced:
    """Made of pieces of the source, `(start, end)` pairs in text order; spans the first to the last."""

    __slots__ = ()
    pieces: tuple[tuple[int, int], ...]

    @property
    def start(self) -> int:
        return self.pieces[0][0]

    @property
    def end(self) -> int:
        return self.pieces[-1][1]


@dataclass(frozen=True, slots=True)
class Block(Pieced):
    """A unit of the layout: its kind, its exact pieces of text, and where it stands."""

    kind: str
    pieces: tuple[tuple[int, int], ...]
    section: tuple[str, ...] = ()
    year: int | None = None
    month: int | None = None

    def text(self, source: str) -> str:
        return "".join(source[s:e] for s, e in self.pieces)

    @property
    def section_path(self) -> str:
        return SECTION_SEPARATOR.join(self.section)


@dataclass(frozen=True, slots=True)
class LayoutProblem:
    """A region the importer could not read reliably and an editor should look at."""

    start: int
    end: int
    kind: str
    message: str


@dataclass(frozen=True, slots=True)
class Layout:
    blocks: tuple[Block, ...]
    problems: tuple[LayoutProblem, ...]


@dataclass(slots=True)
class _Line:
    start: int
    end: int
    text: str
    gap: int  # blank lines before this one
    number: int  # 1-based line number in the text
    kind: str = "text"
    body_start: int = -1  # for entries and inline credits: where the body or credit begins
    credit_start: int = -1
    entry: str = ""


@dataclass(slots=True)
class _State:
    path: list[str] = field(default_factory=list)
    entry: str = ""
    year: int | None = None
    month: int | None = None
    title_run: list[str] = field(default_factory=list)
    path_before_run: list[str] = field(default_factory=list)
    gluing: bool = False


def segment(text: str) -> Layout:
    """Read text back into titles, entries, paragraphs, captions, credits and bylines."""
    lines = _classify(_split_lines(text))
    garbled, problems = _find_interleaved_columns(lines)
    return Layout(tuple(_assemble(lines, garbled)), tuple(problems))


def _split_lines(text: str) -> list[_Line]:
    """Non-blank lines with their exact spans; \n, \r\n and a lone \r (old Mac files) all end a line."""
    lines, gap, pos = [], 0, 0
    breaks = [*(match.span() for match in _LINE_BREAK.finditer(text)), (len(text), len(text))]
    for number, (stop, after) in enumerate(breaks, start=1):
        start, end = pos, stop
        pos = after
        while end > start and text[end - 1] in _EDGE_SPACE:
            end -= 1
        while start < end and text[start] in _EDGE_SPACE:
            start += 1
        if start == end:
            gap += 1
            continue
        lines.append(_Line(start, end, text[start:end], gap, number))
        gap = 0
    return lines


def _classify(lines: list[_Line]) -> list[_Line]:
    for index, line in enumerate(lines):
        line.kind = _line_kind(line, index)
    _mark_captions(lines)
    _mark_titles(lines)
    return lines


def _line_kind(line: _Line, index: int) -> str:
    text = line.text
    if index < _STAMP_LINES and _STAMP.search(text) and len(text) < 160:
        return "stamp"
    if _CREDIT_ALONE.match(text):
        return "credit"
    if _SOURCE.match(text):
        return "source"
    if _BYLINE_OPEN.match(text) and not re.search(r"[\d一二三四五六七八九十]\s*[）)]", text[:4]):
        return "byline"
    entry = _ENTRY.match(text)
    if entry:
        line.entry = entry.group()
        body = entry.end()
        while body < len(text) and text[body] in " \t　":
            body += 1
        line.body_start = line.start + body
        return "entry"
    if _YEAR_HEADING.match(text):
        return "year"
    if _MONTH_HEADING.match(text):
        return "month"
    credit = _CREDIT_AT_END.search(text)
    if credit and credit.start() > 0 and len(text) <= _CAPTION_MAX_CHARS + 20 \
            and text[credit.start() - 1] not in SENTENCE_END:
        line.credit_start = line.start + credit.start(1 if credit.group(1) else 2)
        return "captioned"
    return "text"


def _mark_captions(lines: list[_Line]) -> None:
    """The short lines just before a credit are its caption; a closing `）` line ends a byline."""
    for index, line in enumerate(lines):
        if line.kind == "byline" and not line.text.endswith(("）", ")")) and index + 1 < len(lines) \
                and lines[index + 1].gap == 0 and _BYLINE_CLOSE.match(lines[index + 1].text):
            lines[index + 1].kind = "byline"
        if line.kind == "credit":
            _mark_caption_lines(lines, index - 1, always_first=True)
        elif line.kind == "captioned" and line.gap == 0:
            _mark_caption_lines(lines, index - 1, always_first=False)


def _mark_caption_lines(lines: list[_Line], index: int, *, always_first: bool) -> None:
    """Walk back from index over the caption's lines: short, unfinished, single-spaced."""
    for back in range(index, max(-1, index - _CAPTION_MAX_LINES), -1):
        candidate = lines[back]
        if candidate.kind != "text" or len(candidate.text) > _CAPTION_MAX_CHARS \
                or candidate.text[-1] in "。；;":
            return
        if back != index or not always_first:
            if lines[back + 1].gap != 0:
                return
        candidate.kind = "caption"
        if candidate.gap >= 2:
            return


def _mark_titles(lines: list[_Line]) -> None:
    for line in lines:
        if line.kind == "text" and _is_title(line.text):
            line.kind = "title"


def _is_title(text: str) -> bool:
    compact = re.sub(r"[\s　]", "", text)
    return 0 < len(compact) <= _MAX_TITLE_CHARS and not _PUNCTUATION.search(text) \
        and (not compact[:1].isdigit() or bool(re.match(r"(?:19|20)\d\d年\D", compact))) \
        and not _DAY_ENTRY_START.match(compact) and not _DATED_LINE_START.match(text)


def _find_interleaved_columns(lines: list[_Line]) -> tuple[set[int], list[LayoutProblem]]:
    """Regions where two printed columns were mixed: reported, and kept out of the reading."""
    garbled: set[int] = set()
    problems: list[LayoutProblem] = []
    for run in _runs(lines):
        if not (_is_interleaved([lines[i] for i in run]) or _is_side_by_side([lines[i] for i in run])):
            continue
        garbled.update(run)
        first, last = lines[run[0]], lines[run[-1]]
        problems.append(LayoutProblem(
            first.start, last.end, "interleaved-columns",
            f"lines {first.number}–{last.number} (characters {first.start}–{last.end}) look like two printed "
            "columns mixed line by line; no events were read from them, please check the page",
        ))
    return garbled, problems


def _runs(lines: list[_Line]):
    """Consecutive text lines that follow each other closely: single-spaced, or short ones one blank apart."""
    run: list[int] = []
    for index, line in enumerate(lines):
        readable = line.kind in ("text", "title")
        both_short = len(line.text) <= 30 and bool(run) and len(lines[run[-1]].text) <= 30
        close = run and (line.gap == 0 or (line.gap == 1 and both_short))
        if readable and close:
            run.append(index)
            continue
        if run:
            yield run
        run = [index] if readable else []
    if run:
        yield run


def _is_interleaved(run: list[_Line]) -> bool:
    """Short unfinished lines whose day entries go back and forth: one column's line, then the other's."""
    if len(run) < 6:
        return False
    short = sum(1 for line in run if len(line.text) <= 30)
    unfinished = sum(1 for line in run if line.text[-1] not in SENTENCE_END + _CLOSERS)
    days = [int(m.group(1)) for line in run if (m := re.match(r"^(\d{1,2})\s*日", line.text))]
    backwards = sum(1 for a, b in zip(days, days[1:], strict=False) if b < a)
    return short >= 0.7 * len(run) and unfinished >= 0.4 * len(run) and backwards >= 1 and len(days) >= 3


_COLUMN_GAP = re.compile(r"[\u4e00-\u9fff，。；、\d](?: {3,}|\u3000{2,}|\t+)[\u4e00-\u9fff\d（(《“]")


def _is_side_by_side(run: list[_Line]) -> bool:
    """Lines that each hold a left and a right column, set apart by a wide gap of spaces."""
    split = sum(1 for line in run if _COLUMN_GAP.search(line.text))
    return split >= 3 and split >= 0.6 * len(run)


def _assemble(lines: list[_Line], garbled: set[int]) -> list[Block]:
    assembler = _Assembler()
    for index, line in enumerate(lines):
        if index in garbled:
            assembler.blocks.append(Block("garbled", ((line.start, line.end),), tuple(assembler.state.path)))
        elif line.kind in ("text", "entry"):
            assembler.add_text(line)
        else:
            assembler.add_other(line)
    assembler.close()
    return assembler.blocks


class _Assembler:
    """Builds blocks line by line, holding the paragraph that a page break may still continue."""

    def __init__(self):
        self.blocks: list[Block] = []
        self.state = _State()
        self.paragraph: list[tuple[int, int]] | None = None
        self.context: tuple = ()
        self.last_char = ""

    def add_text(self, line: _Line) -> None:
        self.state.title_run = []
        piece = (line.start, line.end)
        if line.kind == "entry":
            self.close()
            self.state.entry = line.entry
            entry_span = ((line.start, line.start + len(line.entry)),)
            self.blocks.append(Block("entry", entry_span, tuple(self.state.path)))
            if line.body_start >= line.end:
                return
            piece = (line.body_start, line.end)
        if self.paragraph and _continues(self.last_char, line.text if line.kind == "text" else ""):
            self.paragraph.append(piece)
        else:
            self.close()
            self.paragraph, self.context = [piece], _context(self.state)
        self.last_char = line.text[-1]
        if self.last_char in _PARAGRAPH_END:
            self.close()

    def add_other(self, line: _Line) -> None:
        if line.kind not in ("title", "year", "month"):
            self.state.title_run = []
        if line.kind in ("source", "byline", "stamp"):  # an article's end: nothing tears across it
            self.close()
        if line.kind == "source":
            _mark_last_paragraph_as_quote(self.blocks)
        _emit_other(self.blocks, line, self.state)

    def close(self) -> None:
        if self.paragraph:
            section, year, month = self.context
            self.blocks.append(Block("paragraph", tuple(self.paragraph), section, year, month))
        self.paragraph = None


def _continues(last_char: str, next_text: str) -> bool:
    """A torn paragraph goes on in the next text line, unless that line opens an entry or a dated
    item; after `：` or `；` only an enumerated item (`（1）`, `2.`, `三是`) goes on, so an agenda
    stays with its meeting."""
    if not next_text or _ENTRY.match(next_text) or _DAY_ENTRY_START.match(next_text):
        return False
    if last_char in _LIST_LEAD:
        return bool(_ENUMERATED.match(next_text))
    return last_char in _EXPECTS_MORE or not _DATED_LINE_START.match(next_text)


def _context(state: _State) -> tuple:
    section = tuple(state.path) + ((state.entry,) if state.entry else ())
    return section, state.year, state.month


def _mark_last_paragraph_as_quote(blocks: list[Block]) -> None:
    for position in range(len(blocks) - 1, -1, -1):
        block = blocks[position]
        if block.kind == "paragraph":
            blocks[position] = Block("quote", block.pieces, block.section, block.year, block.month)
            return
        if block.kind not in ("caption", "credit"):
            return


def _emit_other(blocks: list[Block], line: _Line, state: _State) -> None:
    kind = line.kind
    span = ((line.start, line.end),)
    if kind == "captioned":
        caption = Block("caption", ((line.start, _strip_end(line.text, line.start, line.credit_start)),),
                        *_context(state))
        previous = blocks[-1] if blocks else None
        if previous is not None and previous.kind == "caption" and line.gap == 0:
            caption = Block("caption", previous.pieces + caption.pieces, previous.section, previous.year,
                            previous.month)
            blocks.pop()
        blocks.append(caption)
        blocks.append(Block("credit", ((line.credit_start, line.end),), *_context(state)))
    elif kind == "caption":
        _extend_or_add_caption(blocks, line, state)
    elif kind in ("title", "year", "month"):
        _enter_title(state, line, kind)
        blocks.append(Block(kind, span, tuple(state.path), state.year, state.month))
    else:
        blocks.append(Block(kind, span, *_context(state)))


def _strip_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - start - 1] in " \t　":
        end -= 1
    return end


def _extend_or_add_caption(blocks: list[Block], line: _Line, state: _State) -> None:
    previous = blocks[-1] if blocks else None
    if previous is not None and previous.kind == "caption" and line.gap <= 1:
        blocks[-1] = Block("caption", previous.pieces + ((line.start, line.end),), previous.section,
                           previous.year, previous.month)
        return
    blocks.append(Block("caption", ((line.start, line.end),), *_context(state)))


def _enter_title(state: _State, line: _Line, kind: str) -> None:
    text = line.text
    if kind == "year":
        heading = _YEAR_HEADING.match(text)
        if heading.group(1):
            state.year = _year_number(heading.group(1))
        else:
            state.year = 1911 + (era_year_number(heading.group(2)) or 0)
        state.month = None
    elif kind == "month":
        match = _MONTH_HEADING.match(text)
        if match.group(1):
            state.year = _year_number(match.group(1))
        state.month = _month_number(match.group(2))
    else:
        state.month = None  # a new section: its day entries need a month heading of their own
    state.entry = ""
    if len(text) == 1 and state.title_run and state.gluing:
        state.title_run[-1] += text  # a title printed as a column, one character a line
    else:
        if not state.title_run:
            state.path_before_run = list(state.path)
        state.title_run.append(text)
        state.gluing = len(text) == 1
    keep = max(0, len(state.path_before_run) - len(state.title_run))
    state.path = (state.path_before_run[:keep] + state.title_run)[-_MAX_DEPTH:]


_MAX_DEPTH = 4


def _year_number(text: str) -> int:
    if text.isdigit():
        return int(text)
    return int("".join(str("〇一二三四五六七八九".find(c)) if c != "零" else "0" for c in text))


def _month_number(text: str) -> int:
    return int(text) if text.isdigit() else _CN_MONTHS[text]
