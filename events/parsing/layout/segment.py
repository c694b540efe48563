"""The layout of a printed record exported to text: titles, entries, paragraphs, captions.

A yearbook that went through PDF arrives as lines. This module reads them back into blocks:

- `title`: a short line without punctuation (`组织工作`, `综 述`); a run of titles with only
  blank lines between replaces as many levels of the section path (`中共魏都区区委` then
  `综 述`), and a column of one-character lines (`政`/`协`/…) is read as one title.
- `year` / `month`: chronicle headings (`2020年`, `一月`, `2020年3月`, `民国36 年(1947)`,
  `2003年10月大事记`) — lines that hold one date and nothing else but a chronicle's name; they
  set the year and month of the entries below them. Headings are read with the date phrases
  (`PhraseIndex`), so any form the date reader knows heads a chronicle.
- each paragraph knows its `opening`: where its text starts after a bullet or list number
  (`●`, `1.`, `（一）`, `◎`); a date there is the entry's own date.
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

from events.parsing.dates.phrases import Phrase, PhraseIndex

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
# What may follow the one date of a heading line: the Gregorian year of an era year
# (民国36 年(1947)), a chronicle's name (2018年大事记, 2003年10月大事记(杂志版)), a colon.
_CHRONICLE_NAME = (r"(?:大事记|大事紀|大事記|大事纪要|大事紀要|大事要览|大事要覽|大事年表|大事|纪事|紀事|纪要"
                   r"|日志|日誌|月报|月報|年表)")
_HEADING_TAIL = re.compile(
    r"[\s　]*(?:[(（][\s　]*(?:公元)?[\s　]*\d{3,4}[\s　]*年?[\s　]*[)）])?[\s　]*"
    rf"(?:{_CHRONICLE_NAME}[^，。；,;：:]{{0,12}})?[\s　:：—\-]*$"
)
CHRONICLE_TITLE = re.compile(_CHRONICLE_NAME)
_STAMP = re.compile(
    r"(发布|发表|發布|發表|更新|上传|录入)(时间|日期|于|時間|日期|於)|^(时间|日期|時間)[:：]|来源[:：]|來源[:：]|"
    r"浏览(次数|量)|點擊|点击(数|量|率)|作者[:：]|"
    r"^\d{4}-\d{1,2}-\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$|"
    r"^(?:今天是)?\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:星期|周|週)[一二三四五六日天]\s*$"
)
# A web page of what happened on one day in every year: 历史上的今天 4月20日, 【校史上的今天】7月15日.
_ON_THIS_DAY = re.compile(r"(?:历史|歷史|校史|院史|党史|黨史)上的今[天日]|今日(?:历史|歷史)|那年今日")
_BULLETS = "●◆■★◇□○•▪▶►◎※➢✦⊙"  # ○ is a bullet here; the date scan folds it to 〇
# What opens a list item before its date: a bullet, or a number (●, ◆, 1., 1、, （1）, 一、, ①).
LIST_ITEM = re.compile(
    rf"[ \t　]*(?:[{_BULLETS}·‧]|\d{{1,2}}(?:[.．](?!\d)|、|[.．](?=(?:1[6-9]|20)\d\d\s*年))"
    r"|(?:\[[编編][辑輯]\]\s*)?[-–](?=\s)|[\[［](?=\s?(?:1[6-9]|20)\d\d\s?年)"
    r"|[（(](?:\d{1,2}|[一二三四五六七八九十]{1,3})[)）]"
    r"|[一二三四五六七八九十]{1,3}、|[①-⑳])[ \t　]*"
)
# A bullet at a line's start opens an item of its own, never the rest of the line above.
_BULLET = re.compile(rf"[ \t　]*[{_BULLETS}]")
# The separators after an entry's date: 3月1日，…  2019年：…  5日　…
_AFTER_LEAD = " \t　，,、：:|—–-"
_CLOSED = set("。！？!?；;)）」』”】]")  # what ends a sentence or an aside
_EXPECTS_MORE = "于在至到从自和及与、，,"
_LIST_LEAD = "：:；;"
_PARAGRAPH_END = "。！？!?…|"
_ENUMERATED = re.compile(
    r"^(?:[（(][\d一二三四五六七八九十]{1,3}[）)]|\d{1,2}\s*[.、．]|[一二三四五六七八九十]{1,3}(?:是|、))"
)
_MAX_TITLE_CHARS = 24
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# Markup left in a text (a forum's archive shows <P><STRONG>…</STRONG></P>): it ends a line too.
_MARKUP = re.compile(r"</?[A-Za-z][A-Za-z0-9]{0,9}(?:\s[^<>\n]{0,200})?/?>|&nbsp;|&#160;")
_LINE_BREAK_OR_MARKUP = re.compile(rf"\r\n|\r|\n|{_MARKUP.pattern}")
_MARKUP_TAGS = 3  # a text with fewer is read as it stands
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
    opening: int | None = None  # a paragraph's first offset after its bullet or list number

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
    """The blocks of a text in order, what could not be read, and the day an "on this day" page is about."""

    blocks: tuple[Block, ...]
    problems: tuple[LayoutProblem, ...]
    on_this_day: tuple[int, int] | None = None  # (month, day): 历史上的今天 4月20日


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
    opening: int = -1  # after a bullet or list number
    lead: Phrase | None = None  # the date that opens the line, if one does
    others: tuple[Phrase, ...] = ()  # the line's other dates
    heading: tuple[int | None, int | None] = (None, None)  # a heading's (year, month)

    @property
    def opens_entry(self) -> bool:
        """A chronicle's day entry or marker (3日　…, 2 — 4 日　…, 同日　…, △…, 是月…): never the rest
        of a sentence."""
        lead = self.lead
        return lead is not None and lead.start == self.start and (
            lead.parts.relative is not None or (lead.first_level == 2 and lead.parts.month is None))

    def dated_start(self, source: str) -> bool:
        """Opens with a date and a separator (3月1日，…  2019年：…): a new entry, unless the line before
        plainly goes on (ends in 于, 至, 、 …)."""
        lead = self.lead
        if lead is None or lead.parts.stamp:
            return False
        if lead.first_level == 0 and lead.parts.year is None:
            return False
        if lead.last_level == 0 and lead.start == self.start and not lead.parts.year_part:
            return True  # 1997年光宇電源廠…: a line opening with its year is an entry of a history
        return lead.end >= self.end or source[lead.end] in _AFTER_LEAD


@dataclass(slots=True)
class _State:
    path: list[str] = field(default_factory=list)
    entry: str = ""
    year: int | None = None
    month: int | None = None
    title_run: list[str] = field(default_factory=list)
    path_before_run: list[str] = field(default_factory=list)
    gluing: bool = False


def segment(text: str, dates: PhraseIndex | None = None) -> Layout:
    """Read text back into titles, headings, entries, paragraphs, captions, credits and bylines.

    dates: the text's date phrases, when the caller has them already (they are found otherwise).
    """
    dates = dates or PhraseIndex.of(text)
    lines = _split_glued_stamps(_split_lines(text), dates)
    for line in lines:
        _find_lead(line, dates)
    on_this_day = _on_this_day(lines)
    _classify(lines, text, on_this_day=on_this_day is not None)
    garbled, problems = _find_interleaved_columns(lines)
    return Layout(tuple(_assemble(lines, garbled, text)), tuple(problems), on_this_day)


def _split_glued_stamps(lines: list[_Line], dates: PhraseIndex) -> list[_Line]:
    """A publication stamp that runs straight into the first entry (…18:23:541月1日，…) is two lines."""
    result = []
    for line in lines:
        stamp = next((p for p in dates.within(line.start, line.end) if p.parts.stamp), None)
        after = stamp.end if stamp else line.end
        while after < line.end and line.text[after - line.start] in _EDGE_SPACE:
            after += 1
        rest = dates.starting_at(after) if after < line.end else None
        if rest is None or rest.parts.stamp:
            result.append(line)
            continue
        stamp_text = line.text[: stamp.end - line.start]
        result.append(_Line(line.start, stamp.end, stamp_text, line.gap, line.number))
        result.append(_Line(after, line.end, line.text[after - line.start :], 0, line.number))
    return result


def _find_lead(line: _Line, dates: PhraseIndex) -> None:
    """The date that opens the line: at its start, or after a bullet or list number."""
    line.opening = line.start
    item = LIST_ITEM.match(line.text)
    if item and item.end() < len(line.text):
        line.opening = line.start + item.end()
    line.lead = dates.starting_at(line.start) or dates.starting_at(line.opening)
    line.others = tuple(p for p in dates.within(line.start, line.end) if p is not line.lead)
    if line.lead is not None and line.lead.start == line.start:
        line.opening = line.start


def _on_this_day(lines: list[_Line]) -> tuple[int, int] | None:
    for line in lines[:_STAMP_LINES]:
        if _ON_THIS_DAY.search(line.text):
            day = re.search(r"(\d{1,2})\s*月\s*(\d{1,2})\s*日", line.text)
            if day and 1 <= int(day.group(1)) <= 12 and 1 <= int(day.group(2)) <= 31:
                return int(day.group(1)), int(day.group(2))
    return None


def _split_lines(text: str) -> list[_Line]:
    """Non-blank lines with their exact spans; \n, \r\n and a lone \r (old Mac files) all end a line,
    and so do HTML tags where a text still holds them."""
    lines, gap, pos, number = [], 0, 0, 1
    has_markup = len(_MARKUP.findall(text, 0, 20_000)) >= _MARKUP_TAGS
    found = (_LINE_BREAK_OR_MARKUP if has_markup else _LINE_BREAK).finditer(text)
    breaks = [*(match.span() for match in found), (len(text), len(text))]
    for stop, after in breaks:
        start, end = pos, stop
        pos = after
        line_number = number
        if text[stop:after] in ("\n", "\r\n", "\r"):
            number += 1
        while end > start and text[end - 1] in _EDGE_SPACE:
            end -= 1
        while start < end and text[start] in _EDGE_SPACE:
            start += 1
        if start == end:
            gap += 1
            continue
        lines.append(_Line(start, end, text[start:end], gap, line_number))
        gap = 0
    return lines


def _classify(lines: list[_Line], source: str, *, on_this_day: bool = False) -> list[_Line]:
    for index, line in enumerate(lines):
        line.kind = _line_kind(line, index, source)
        if on_this_day and line.kind == "year":  # 民國46年(1957年)⏎奉令…: that day of 1957 heads the entry
            line.kind = "text"
        elif on_this_day and (_ON_THIS_DAY.search(line.text) or (
                line.lead is not None and line.lead.end >= line.end and line.lead.first_level == 1)):
            line.kind = "title"  # the page's title, or its day (6月12日) standing alone
    _mark_captions(lines)
    _mark_titles(lines, source)
    return lines


def _heading(line: _Line, source: str) -> tuple[str, int | None, int | None] | None:
    """A line that is one date and nothing else but a chronicle's name: ("year" | "month", year, month)."""
    lead = line.lead
    if lead is None or lead.start != line.start or lead.until is not None or lead.parts.stamp:
        return None
    parts = lead.parts
    if parts.relative or parts.lunar or parts.festival or parts.term or parts.day is not None \
            or parts.year_part or parts.month_part or parts.year_to or parts.month_to:
        return None
    if not _HEADING_TAIL.fullmatch(_without_same_year(source, lead, line)):
        return None
    if parts.month is not None:
        return "month", parts.year, parts.month
    if parts.year is not None:
        return "year", parts.year, None
    return None


def _titled_heading(line: _Line) -> tuple[str, int | None, int | None] | None:
    """A chronicle's title that names its year and month among other words (2021年广州市1月大事要览,
    《青溪》2019年第3期·3月纪事): a heading of that month."""
    if len(line.text) > _TITLE_MAX_CHARS or _SENTENCE_MARKS.search(line.text) or not CHRONICLE_TITLE.search(
            line.text):
        return None
    phrases = [p for p in (line.lead, *line.others) if p is not None and not p.parts.stamp]
    years = {p.parts.year for p in phrases if p.parts.year is not None}
    months = [p.parts.month for p in phrases if p.parts.month is not None]
    if len(years) != 1 or len(months) > 1 or any(p.parts.day is not None or p.parts.year_to for p in phrases):
        return None
    year = years.pop()
    return ("month", year, months[0]) if months else ("year", year, None)


_TITLE_MAX_CHARS = 40
_SENTENCE_MARKS = re.compile(r"[，。；！？,;!?]")
_STEM_BRANCH = re.compile(r"[甲乙丙丁戊己庚辛壬癸][子丑寅卯辰巳午未申酉戌亥](?:年)?|[(（)）]")


def _without_same_year(source: str, lead: Phrase, line: _Line) -> str:
    """The rest of a heading line without the same year written again: 1855年(咸丰五年),
    一七九三年癸丑清乾隆五十八年 are one year heading."""
    rest, position = [], lead.end
    for other in line.others:
        if other.start < lead.end:
            continue
        same = other.parts.year == lead.parts.year and other.last_level == 0 and not other.parts.year_part
        if not same:
            break
        rest.append(source[position : other.start])
        position = other.end
    rest.append(source[position : line.end])
    return _STEM_BRANCH.sub("", "".join(rest))


def _line_kind(line: _Line, index: int, source: str) -> str:
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
    heading = _heading(line, source) or _titled_heading(line)
    if heading is not None:
        line.heading = heading[1:]
        return heading[0]
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


def _mark_titles(lines: list[_Line], source: str) -> None:
    for line in lines:
        if line.kind == "text" and _is_title(line, source):
            line.kind = "title"


def _is_title(line: _Line, source: str) -> bool:
    text = line.text
    compact = re.sub(r"[\s　]", "", text)
    if not 0 < len(compact) <= _MAX_TITLE_CHARS or _PUNCTUATION.search(text):
        return False
    if compact[:1].isdigit() and not re.match(r"(?:19|20)\d\d年\D", compact):
        return False
    lead = line.lead
    if lead is None or lead.parts.stamp:
        return True
    if line.opens_entry or (lead.first_level > 0 and line.dated_start(source)):
        return False
    # ◎道光四年(1824 年)…, ● 2019年3月…: a bulleted date, or an era year with its Gregorian year,
    # opens an entry
    return lead.start == line.start and source[lead.end : lead.end + 1] not in "(（"


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


def _assemble(lines: list[_Line], garbled: set[int], source: str) -> list[Block]:
    assembler = _Assembler(source)
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

    def __init__(self, source: str):
        self.source = source
        self.blocks: list[Block] = []
        self.state = _State()
        self.paragraph: list[tuple[int, int]] | None = None
        self.context: tuple = ()
        self.opening: int | None = None
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
        if self.paragraph and line.kind == "text" and _continues(self.last_char, line, self.source):
            self.paragraph.append(piece)
        else:
            self.close()
            self.paragraph, self.context = [piece], _context(self.state)
            self.opening = _opening(line, piece[0], self.source)
        self.last_char = line.text[-1]
        if self.last_char in _PARAGRAPH_END:
            self.close()

    def add_other(self, line: _Line) -> None:
        if line.kind not in ("title", "year", "month"):
            self.state.title_run = []
        if line.kind in ("source", "byline", "stamp", "year", "month"):
            self.close()  # an article's end or a chronicle's heading: no paragraph tears across it
        if line.kind == "source":
            _mark_last_paragraph_as_quote(self.blocks)
        _emit_other(self.blocks, line, self.state)

    def close(self) -> None:
        if self.paragraph:
            section, year, month = self.context
            self.blocks.append(Block("paragraph", tuple(self.paragraph), section, year, month, self.opening))
        self.paragraph = None


def _opening(line: _Line, start: int, source: str) -> int:
    """Where a paragraph's own text starts: after its entry title, bullet or list number."""
    if start != line.start:  # 【会议】 3月2日，…: after the entry's title
        item = LIST_ITEM.match(source, start, line.end)
        return item.end() if item and item.end() < line.end else start
    return line.opening


def _continues(last_char: str, line: _Line, source: str) -> bool:
    """A torn paragraph goes on in the next text line, unless that line opens an entry or a dated
    item; after `：` or `；` only an enumerated item (`（1）`, `2.`, `三是`) goes on, so an agenda
    stays with its meeting."""
    if _ENTRY.match(line.text) or line.opens_entry or _BULLET.match(line.text):
        return False
    if last_char in _LIST_LEAD:
        return bool(_ENUMERATED.match(line.text))
    lead = line.lead
    if last_char in _CLOSED and lead is not None and lead.start == line.start and lead.first_level <= 1 \
            and lead.last_level >= 2 and not lead.parts.stamp:
        return False  # …(《公报》第13号)⏎2月12日隆裕太后…: a day's entry, its text glued to its date
    return last_char in _EXPECTS_MORE or not line.dated_start(source)


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
    if kind in ("year", "month"):
        year, month = line.heading
        state.year, state.month = year or state.year, month
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

