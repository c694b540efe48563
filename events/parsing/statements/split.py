"""Cutting the paragraphs of a record into dated statements: one statement, one happening.

A statement starts at a *leading* date — a date that opens a paragraph, a caption or a
clause, i.e. stands after the start, after `。！？；：，` or after an entry title — and is not
followed by a word that makes it a reference point (`前`, `后`, `以来`, `期间`, `之际` …).
A date inside a clause (`传达学习1月29日市委…讲话精神`) is only referred to and never steals
the statement. Several leading dates in one paragraph (`7月3日，…；7月8日，…`) give one
statement each. A statement that opens its paragraph runs to the next leading date, so
meeting minutes keep their agenda; one that starts inside a paragraph ends with its sentence.
A sentence without a leading date whose date follows `于`/`在` (`会议于6月13日至15日举行`)
is a statement too.

Chronicles (大事记) are read with the year and month of their headings: day entries
(`7日　…`, `22—26日　…`), `同日`, `△`, `☆` (the date before), `是月` (the whole month)
and `次日` (the day after).

Plans (`预计…建成`, `届时将…`) are not happenings. Only dates to the day, a range of days (up
to two months: `1月至12月` is a period reported on), a xun or a single month start statements
that become events; a coarser leading date (`2020年，`, `上半年，`) still ends the statement before it.
"""
from __future__ import annotations

import bisect
import datetime
import re
from collections import Counter
from dataclasses import dataclass, replace

from events.parsing.dates.context import DAYS_BEFORE_PUBLICATION
from events.parsing.layout.segment import CHRONICLE_TITLE, Block, Pieced

EVENT_PRECISIONS = frozenset({"day", "xun", "month"})
MAX_RANGE_DAYS = 184
READABLE_KINDS = frozenset({"paragraph", "caption"})

_LEAD_BEFORE = set("。！？!?；;：:，,　】") | {"\u3000"}
_SENTENCE_END = "。！？!?"
_REFERENCE_AFTER = re.compile(
    r"^\s*(?:之?前|以前|前夕|前后|之?后|以后|以来|起|止|为止|期间|之际|来临之际|至今|以内|内|当天的|的|"
    r"[及和与、][^，。；]{0,6}?(?:前夕|期间|前后|之际)|、[^，。；]{0,12}?等)"  # 清明节、中秋节等节点: a list
)
_DATE_LIKE = re.compile(
    r"[\s\d０-９，。、；：,.;:—–\-~～至到年月日旬号上中下午晚早元正腊冬闰初廿卅一二三四五六七八九十〇零()（）﹐]"
)
_PLANNED = re.compile(r"预计|计划于|计划在|拟于|拟在|将于|届时")
_PREDICATE_BEFORE = ("于", "於", "在", "喺")  # 喺: Cantonese 在
_MARKERS = "△☆▲"
_ITEM_MARKERS = set("△☆▲甲乙丙丁戊己庚辛壬癸")
_LISTED = ("、", "和", "及", "与")
# A date whose year is written (1921年5月1日, 民國27年, 道光四年): what a narrated sentence may be dated by.
_YEAR_WRITTEN = re.compile(
    r"\d{3,4}\s*年|[〇零一二三四五六七八九十廿卅元]年|\d{4}[-./]\d|民[国國]\s?\d{1,3}\s?年")
# Words before a date that make it a reference: 根据2019年…, 截至2020年…, 自1950年起, 至1960年
_REFERRED_BEFORE = re.compile(r"(?:根据|依据|按照|截至|截止|直至|直到|至|到|自|从|比|较|与|同|于是)$")
_WIDE_GAP = 3
# The words that open a clause before its date: an enumeration (四是10月下旬，…), 自 (自8月28日开展…),
# and in a history 于/并于/並在/後於 (…校名改为…,并于四十二年九月奉准增设…, 並在1945年…遷至…).
_ENUMERATION_OR_SINCE = r"[一二三四五六七八九十]是|自"
_CLAUSE_WORDS = r"[并並又再]?[于於]|[并並又再]在|[后後][于於]"
_CLAUSE_OPENER = re.compile(rf"(?:{_ENUMERATION_OR_SINCE}|{_CLAUSE_WORDS})$")
# A clause of a history's sentence that opens with its own year: …,於1962年設立…
_CLAUSE_WITH_YEAR = re.compile(rf"[，,][ \t　]*(?:{_CLAUSE_WORDS})$")
# What a statement ending right before the next one's date leaves to that date (…,并于 | 四十二年九月).
_OPENER_AT_END = re.compile(rf"[，,；;][ \t　]*(?:{_ENUMERATION_OR_SINCE}|{_CLAUSE_WORDS}|在)[ \t　]*$")
# 至1968年8月始正名為…, 直到1975年才建成: 至 before a date and 始/才 after it date what finally happened.
_NOT_UNTIL = re.compile(r"(?:直至|直到|至|到)$")
_FINALLY_AFTER = re.compile(r"[ \t　,，]{0,2}(?:始|才|方|终于|終於)")
# A named day (爱耳日, “12·4”国家宪法日, 三八节) dates what is done on it: 在…的“爱耳日”活动中, 开展“…日”宣传
_NAMED_DAY = re.compile(r"[^\d年月]*[日节]|\d{1,2}[·•・]\d{1,2}")
_DONE_ON_DAY = re.compile(r"(?:在|于|开展|举办|组织|召开|庆祝|纪念|迎接|利用)(?:全国|\d{4}\s*年的?)?[“「]?$")
# A photo caption's opening words before its date: 图为2021年10月15日，区政府召开…
_CAPTION_OPENER = re.compile(r"(?:上|下|左|右)?图为[ \t　]*$")


@dataclass(frozen=True, slots=True)
class DatedSpan:
    """When a statement happened, as read from its leading date."""

    start_date: datetime.date
    end_date: datetime.date
    precision: str
    calendar: str = "gregorian"
    time: str | None = None
    date_text: str = ""
    date_start: int | None = None
    date_end: int | None = None
    year_known: bool = True


@dataclass(frozen=True, slots=True)
class Statement(Pieced):
    """One dated statement: exact pieces of the source, the text they join into, its date."""

    pieces: tuple[tuple[int, int], ...]
    text: str
    date: DatedSpan
    section: str
    block_kind: str


@dataclass(frozen=True, slots=True)
class _Lead:
    position: int  # index in the joined block text
    end: int
    date: DatedSpan
    opens_block: bool
    # A chronicle's entry by its form (1956年　全县…, a paragraph under its year heading): dated
    # by a year, it is a happening even in a document that reports that one year.
    entry: bool = False


class _Joined:
    """A block's pieces joined into one string, with the way back to source offsets."""

    def __init__(self, source: str, block: Block):
        self.pieces = block.pieces
        self.text = block.text(source)
        self.starts = []
        total = 0
        for start, end in self.pieces:
            self.starts.append(total)
            total += end - start
        self.stops = [i for i, char in enumerate(self.text) if char in _SENTENCE_END]
        self.first_word = len(self.text) - len(self.text.lstrip(" \t　"))

    def sentence_end(self, position: int) -> int:
        """Just after the first 。！？ at or after position (and its closing quotes), else the end."""
        index = bisect.bisect_left(self.stops, position)
        if index == len(self.stops):
            return len(self.text)
        end = self.stops[index] + 1
        while end < len(self.text) and self.text[end] in "”’」』）)":
            end += 1
        return end

    def sentence_start(self, position: int) -> int:
        index = bisect.bisect_left(self.stops, position) - 1
        return self.stops[index] + 1 if index >= 0 else 0

    def to_joined(self, offset: int) -> int | None:
        for (start, end), joined in zip(self.pieces, self.starts, strict=True):
            if start <= offset < end:
                return joined + offset - start
        return None

    def to_source(self, position: int) -> int:
        index = bisect.bisect_right(self.starts, position) - 1
        return self.pieces[index][0] + position - self.starts[index]

    def source_pieces(self, begin: int, end: int) -> tuple[tuple[int, int], ...]:
        spans = []
        for (start, stop), joined in zip(self.pieces, self.starts, strict=True):
            low, high = max(begin, joined), min(end, joined + stop - start)
            if low < high:
                spans.append((start + low - joined, start + high - joined))
        return tuple(spans)


def find_statements(source: str, blocks, mentions, *, year: int | None = None,
                    year_source: str = "given") -> list[Statement]:
    """Every dated statement of the readable blocks, in text order.

    blocks come from `layout.segment` and mentions from the date reader over that same layout
    (`dates.read_dates`): entries, headings and relative words are already dated there.
    """
    mentions = sorted((m for m in mentions if getattr(m, "role", "date") != "stamp"), key=lambda m: m.start)
    starts = [m.start for m in mentions]
    read, heading, items_of_year = [], None, False
    for block in blocks:
        low, high = bisect.bisect_left(starts, block.start), bisect.bisect_left(starts, block.end)
        if block.kind in ("year", "month"):  # a chronicle's title (青禾区2020年大事记) dates no paragraph
            heading = None if CHRONICLE_TITLE.search(block.text(source)) else next(
                (m for m in mentions[low:high] if m.precision == block.kind), None)
            items_of_year = False
        elif block.kind in READABLE_KINDS and _YEAR_ITEMS_HEAD.fullmatch(block.text(source)):
            # • 本年: ⏎ • …⏎ • …: an encyclopedia year page's happenings of the year, undated each
            heading = next((m for m in mentions[low:high] if m.precision == "year"), None)
            items_of_year = heading is not None
        elif block.kind in READABLE_KINDS:
            joined = _Joined(source, block)
            leads = _leads(joined, block, mentions[low:high])
            own_date = bool(leads) and leads[0].position == 0
            before = _DATE_LIKE.sub("", joined.text[: leads[0].position] if leads else joined.text)
            words = sum(1 for char in before if "\u4e00" <= char <= "\u9fff")  # not junk (% d2 O6 o, [*)
            if heading is not None and block.kind == "paragraph" and words >= _HEADED_WORDS:
                # 1855年(咸丰五年)⏎荡平…, 3月⏎根据上级要求…: what opens a paragraph under a heading
                # happened then; a year heading dates the paragraph below it, a month heading each
                # one below it until an entry writes its own date (after 5日　…, a note is no entry)
                opening = joined.to_joined(block.opening) if block.opening is not None else None
                leads = [_Lead(opening or 0, opening or 0, _dated(heading), True, True), *leads]
            year_heading = heading is not None and heading.precision == "year" and not items_of_year
            if block.kind == "paragraph" and (own_date or year_heading):
                heading, items_of_year = None, False
            read.append((joined, block, mentions[low:high], leads))
        elif block.kind == "title" and heading is not None and heading.precision == "month":
            heading = None
    all_leads = [lead for *_, leads in read for lead in leads]
    headed_years = {block.year for block in blocks if block.kind in ("year", "month") and block.year}
    one_year = len(headed_years) <= 1 and _reports_one_year(all_leads, year, year_source)
    chronicle = _Chronicle(year, one_year, _spans_many_years(all_leads))
    statements: list[Statement] = []
    for joined, block, block_mentions, leads in read:
        statements.extend(_block_statements(joined, block, block_mentions, leads, chronicle))
    return statements


_FEW_LEADS = 2
_YEAR_ITEMS_HEAD = re.compile(
    r"[ \t　•·●◆■\-*]*(?:本年|是年|全年|年内|年內|该年|該年|同年)[ \t　]*[:：][ \t　]*")
_ENTRY_YEARS = 10  # the most years one entry of a history may span (1941-45年 …)
_HEADED_WORDS = 5  # 春,旱,二月…: a season's two words before the first date state no happening of their own
_ONE_YEAR_SHARE = 0.7


@dataclass(frozen=True, slots=True)
class _Chronicle:
    """What the whole document says about its entries: its year, and whether they run over many years."""

    year: int | None
    one_year: bool
    many_years: bool


def _reports_one_year(leads: list[_Lead], year: int | None, year_source: str) -> bool:
    """Whether the document reports one year (a yearbook, a year's chronicle): its title or headings
    say which, or most of its entries fall in that year; a history's spread over its years."""
    if year_source in ("given", "yearbook", "title", "heading"):
        return True
    in_year = sum(1 for lead in leads if lead.date.year_known and lead.date.start_date.year == year)
    return len(leads) >= _FEW_LEADS and in_year >= _ONE_YEAR_SHARE * len(leads)


def _spans_many_years(leads: list[_Lead]) -> bool:
    """Whether the entries run over many years (a company's or a school's history: three years or
    more, none of them holding half the entries), where an entry dated only by its year is a
    happening too. A yearbook's entries mostly fall in its one year."""
    years = Counter(lead.date.start_date.year for lead in leads if lead.date.year_known)
    return len(years) >= 3 and max(years.values()) < 0.5 * sum(years.values())


def _block_statements(joined: _Joined, block: Block, mentions, leads,
                      chronicle: _Chronicle) -> list[Statement]:
    statements, covered = [], []
    for index, lead in enumerate(leads):
        following = leads[index + 1].position if index + 1 < len(leads) else len(joined.text)
        end = following if lead.opens_block else min(following, joined.sentence_end(lead.end))
        if lead.date.precision == "year":  # 1924年,…開學。…喺1933年9月份就成立咗…: the later date's own
            end = _finer_sentence(joined, mentions, lead, end)
        if _happening_date(lead.date, lead, chronicle) and not _planned(joined, lead.end, end) \
                and _says_something(joined.text[lead.position : end], ""):
            statements.append(_statement(joined, block, lead.position, end, _located(lead, joined)))
            covered.append((lead.position, end))
    statements.extend(_predicate_statements(joined, block, mentions, leads, covered, chronicle))
    if not chronicle.one_year:
        statements.extend(_narrated(joined, block, mentions, statements, chronicle))
    statements.extend(_distributed(joined, statements, mentions))
    return sorted(statements, key=lambda s: s.start)


def _narrated(joined: _Joined, block: Block, mentions, statements, chronicle: _Chronicle) -> list[Statement]:
    """A history told as prose (…最初為1921年5月1日經認可設立的…公學校): a sentence no date leads is
    dated by the first date in it that writes its year, unless it is only referred to."""
    text, found = joined.text, []
    taken = sorted((joined.to_joined(s.start), joined.to_joined(s.end - 1)) for s in statements)
    for mention in mentions:
        position, last = joined.to_joined(mention.start), joined.to_joined(mention.end - 1)
        if position is None or last is None or not _YEAR_WRITTEN.search(mention.text):
            continue
        begin, end = joined.sentence_start(position), joined.sentence_end(position)
        if any(a is not None and b is not None and a < end and b >= begin for a, b in taken):
            continue  # a dated statement already holds this sentence
        date = _dated(mention)
        lead = _Lead(position, last + 1, date, False, True)  # a history's: its year is a happening
        referred = _REFERENCE_AFTER.match(text[last + 1 : last + 7]) \
            or _REFERRED_BEFORE.search(text, max(begin, position - 4), position)
        if referred or not _happening_date(date, lead, chronicle) or _planned(joined, begin, end):
            continue
        statement = _statement(joined, block, begin, end, date)
        found.append(statement)
        taken.append((begin, end - 1))
    return found


def _finer_sentence(joined: _Joined, mentions, lead: _Lead, end: int) -> int:
    """Where a later sentence of a year's entry dates itself more finely (于/在 + a month or day)."""
    after = joined.sentence_end(lead.end)
    for mention in mentions:
        position, last = joined.to_joined(mention.start), joined.to_joined(mention.end - 1)
        if position is None or last is None or not after <= position < end:
            continue
        if mention.precision != "year" and _predicate_date(joined.text, mention, position, last):
            return joined.sentence_start(position)
    return end


def _distributed(joined: _Joined, statements: list[Statement], mentions) -> list[Statement]:
    """两组照片分别在2月5日、2月7日推广: one happening on each date listed after 分别."""
    found = []
    starts = [m.start for m in mentions]
    for statement in statements:
        date = statement.date
        index = bisect.bisect_left(starts, date.date_start) if date.date_start is not None else len(starts)
        if index >= len(mentions) or mentions[index].start != date.date_start:
            continue
        position = joined.to_joined(date.date_start)
        if position is None or "分别" not in joined.text[joined.sentence_start(position) : position]:
            continue
        while index + 1 < len(mentions) and _between(joined, mentions[index], mentions[index + 1]) in _LISTED:
            index += 1
            if _happening_date(mentions[index]):
                found.append(replace(statement, date=_dated(mentions[index])))
    return found


def _between(joined: _Joined, first, second) -> str | None:
    """The words of the block between two mentions, None where either lies outside it."""
    end, start = joined.to_joined(first.end - 1), joined.to_joined(second.start)
    return None if end is None or start is None else joined.text[end + 1 : start]


def _leads(joined: _Joined, block: Block, mentions) -> list[_Lead]:
    text = joined.text
    opening = joined.to_joined(block.opening) if block.opening is not None else None
    leads: list[_Lead] = []
    for mention in mentions:
        position = joined.to_joined(mention.start)
        end = joined.to_joined(mention.end - 1)
        if position is None or end is None or (leads and position < leads[-1].end):
            continue
        after_dated = bool(leads) and joined.sentence_start(position) <= leads[-1].position
        if position != opening and not _is_leading(text, position, end + 1, dated_clause_before=after_dated) \
                and not _glued_entry(text, mention, position, end + 1, leads):
            continue
        if position != opening and _referred_year(joined, mention, position, leads):
            continue
        if position == opening and _REFERENCE_AFTER.match(text[end + 1 : end + 7]):
            continue
        opens = position == opening or _opens(text, position)
        set_apart = _set_apart(text, position)  # …被撤職。   本年桑植县…发生地震: an entry of its own
        entry = mention.precision == "year" and (set_apart or (
            opens and end + 1 < len(text) and text[end + 1] in " \t　"))
        leads.append(_Lead(position, end + 1, _dated(mention), opens, entry))
    return leads


def _located(lead: _Lead, joined: _Joined) -> DatedSpan:
    """The lead's date with the source offsets of the words that state it (同日, △, 7日 …)."""
    if lead.date.date_start is not None and lead.date.date_text:
        own = joined.to_joined(lead.date.date_start)
        if own is not None and lead.position <= own < lead.end:
            return lead.date
    start, end = joined.to_source(lead.position), joined.to_source(lead.end - 1) + 1
    return replace(lead.date, date_text=joined.text[lead.position : lead.end], date_start=start, date_end=end)


def _set_apart(text: str, position: int) -> bool:
    """Whether a wide gap of spaces comes right before position, after a finished sentence."""
    before = position
    while before > 0 and text[before - 1] in " \t　":
        before -= 1
    return position - before >= _WIDE_GAP and before > 0 and text[before - 1] in "。！？!?；;"


def _opens(text: str, position: int) -> bool:
    return not text[:position].strip(" \t　" + _MARKERS)


def _is_leading(text: str, position: int, end: int, *, dated_clause_before: bool = False) -> bool:
    if text[position:end] in _ITEM_MARKERS:  # the tokens take them only where an item starts
        return True
    before = position - 1
    while before >= 0 and text[before] in " \t　":
        before -= 1
    caption = _CAPTION_OPENER.search(text, max(0, before - 5), before + 1)  # 图为2021年10月15日，…
    if caption is not None:
        before = caption.start() - 1
    opener = _CLAUSE_OPENER.search(text, max(0, before - 2), before + 1)  # 四是10月下旬，…  自8月28日开展…
    if opener is not None and opener.group() in ("于", "於") and not dated_clause_before:
        opener = None  # …於1946年改為…,於1947年8月設立…, not …会议，于2020年6月13日至15日举行
    if opener is None and _FINALLY_AFTER.match(text, end):  # 至1968年8月始正名為…: not until then
        opener = _NOT_UNTIL.search(text, max(0, before - 2), before + 1)
    if opener is not None and (opener.start() == 0 or text[opener.start() - 1] in _LEAD_BEFORE):
        before = opener.start() - 1
    if position - before > _WIDE_GAP:  # junk …  _    1月12日  市鼎泰公司…: a wide gap sets an entry apart
        return not _REFERENCE_AFTER.match(text[end : end + 6])
    if before >= 0 and text[before] not in _LEAD_BEFORE and text[before] not in _MARKERS:
        return False
    return not _REFERENCE_AFTER.match(text[end : end + 6])


def _dated(mention) -> DatedSpan:
    return DatedSpan(mention.start_date, mention.end_date, mention.precision, mention.calendar,
                     mention.time, re.sub(r"\s*\n\s*", "", mention.text), mention.start, mention.end,
                     getattr(mention, "year_known", True))


def _referred_year(joined: _Joined, mention, position: int, leads: list[_Lead]) -> bool:
    """三月七日,上年因…: a year inside a sentence dated more finely is referred to; it starts nothing."""
    return mention.precision == "year" and bool(leads) and leads[-1].date.precision != "year" \
        and joined.sentence_start(position) <= leads[-1].position \
        and not _CLAUSE_WITH_YEAR.search(joined.text, max(0, position - 4), position)  # …,於1962年設立…


def _glued_entry(text: str, mention, position: int, end: int, leads: list[_Lead]) -> bool:
    """Entries run together without a stop (…诞生1966年10月,离子交换树脂投产1991年5月,…): a date
    written in full like the entry before it, later than it, and followed by a comma, opens the next."""
    if end >= len(text) or text[end] not in ",，:： \t　" or "年" not in mention.text:
        return False
    if mention.precision == "year" and text[end] in " \t　" and position > 0 \
            and text[position - 1] not in " \t　":
        return True  # …停顿1969 年 学校遣散: print spaces a number on both sides, an entry its year on one
    if not leads:
        return False
    before = leads[-1].date
    return "年" in before.date_text and before.precision == mention.precision and before.year_known \
        and mention.start_date >= before.end_date


def _happening_date(date, lead: _Lead | None = None, chronicle: _Chronicle | None = None) -> bool:
    """A day, a range of days up to two months, a xun, or one month; not a period to report on.

    A whole year is a happening in a history (1963年医院继续建设。): where the entries run over many
    years, or where an entry opens with its year and the document is no report of that one year
    (a yearbook's 2020年，全区… is a summary of the year it reports).
    """
    if date.precision == "year" and lead is not None and chronicle is not None:
        if date.start_date.year != date.end_date.year:  # 1941-45年 會務停頓: a history's entry of years
            return chronicle.many_years and lead.entry and date.year_known \
                and date.end_date.year - date.start_date.year <= _ENTRY_YEARS
        return date.year_known and (
            chronicle.many_years or lead.entry or (lead.opens_block and (
                date.start_date.year != chronicle.year or not chronicle.one_year)))
    if date.precision not in EVENT_PRECISIONS:
        return False
    days = (date.end_date - date.start_date).days + 1
    if date.precision == "month":
        if date.calendar == "lunar":  # a lunar month runs over two of the Gregorian calendar
            return days <= 30
        return days <= MAX_RANGE_DAYS  # 6~7月 消灭…土匪: months in one stretch, as a range of days may be
    return days <= MAX_RANGE_DAYS


def _planned(joined: _Joined, begin: int, end: int) -> bool:
    """A plan (`预计2021年7月建成`, `届时将…`) is not a happening."""
    return bool(_PLANNED.search(joined.text, begin, min(end, joined.sentence_end(begin))))


def _predicate_statements(joined: _Joined, block: Block, mentions, leads, covered,
                          chronicle: _Chronicle) -> list[Statement]:
    """`…会议，于2020年6月13日至15日举行。`: a sentence dated by a date after 于/在. Opening an entry
    of a year's chronicle, it holds the entry up to the next date; in a history told as prose
    (…成立於1938年10月27日。…於民國33年遷至…), only its sentence."""
    text = joined.text
    found = []
    lead_positions = [lead.position for lead in leads]  # in text order
    covered = sorted(covered)
    for mention in mentions:
        position = joined.to_joined(mention.start)
        last = joined.to_joined(mention.end - 1)
        if position is None or last is None or not _predicate_date(text, mention, position, last):
            continue
        begin = joined.sentence_start(position)
        later = bisect.bisect_right(lead_positions, position)
        if _inside(covered, position) or bisect.bisect_left(lead_positions, begin) < later \
                or (later and lead_positions[later - 1] == position):
            continue
        following = lead_positions[later] if later < len(lead_positions) else len(text)
        whole_entry = begin <= joined.first_word and chronicle.one_year
        end = following if whole_entry else min(following, joined.sentence_end(position))
        found.append(_statement(joined, block, begin, end, _dated(mention)))
        bisect.insort(covered, (begin, end))
    return found


def _predicate_date(text: str, mention, position: int, last: int) -> bool:
    """于2020年6月13日举行, 在“爱耳日”活动中, 开展“全国科技工作者日”主题宣传: what is done on the day."""
    role = getattr(mention, "role", "date")
    # 公安部前天公佈…: a news report's days say when
    if role == "relative" and mention.text in DAYS_BEFORE_PUBLICATION:
        return _happening_date(mention) and not _REFERENCE_AFTER.match(text[last + 1 : last + 7])
    if not _happening_date(mention) or role != "date":
        return False
    if _REFERENCE_AFTER.match(text[last + 1 : last + 7]):
        return False
    if text[max(0, position - 1) : position] in _PREDICATE_BEFORE:
        return True
    return _NAMED_DAY.fullmatch(mention.text) is not None and _DONE_ON_DAY.search(text, max(0, position - 12),
                                                                                 position) is not None


def _inside(spans: list[tuple[int, int]], position: int) -> bool:
    """Whether position falls in one of the sorted, non-overlapping spans."""
    index = bisect.bisect_right(spans, (position, float("inf"))) - 1
    return index >= 0 and spans[index][0] <= position < spans[index][1]


def _says_something(text: str, date_text: str) -> bool:
    """A statement needs words besides its dates: a bare list of dates states nothing."""
    words = _DATE_LIKE.sub("", text.replace(date_text, "", 1))
    return len(words) >= 2


def _statement(joined: _Joined, block: Block, begin: int, end: int, date: DatedSpan) -> Statement:
    text = joined.text
    opener = _OPENER_AT_END.search(text, begin, end)  # …校名改为…,并于 | 四十二年九月…: the next date's
    if opener is not None and opener.start() > begin:
        end = opener.start()
    while end > begin and text[end - 1] in "，,；;、 \t　":
        end -= 1
    while begin < end and text[begin] in " \t　":
        begin += 1
    pieces = joined.source_pieces(begin, end)
    return Statement(pieces, re.sub(r"\s*\n\s*", "", text[begin:end]), date, block.section_path, block.kind)
