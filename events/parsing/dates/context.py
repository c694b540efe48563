"""Giving each phrase its full date from context: year headings, month headings, the entry above."""
from __future__ import annotations

import bisect
import dataclasses
import datetime
import re

from events.parsing import lunar
from events.parsing.dates.intervals import (
    Interval,
    day_interval,
    festival_interval,
    lunar_interval,
    month_interval,
    year_interval,
)
from events.parsing.dates.mentions import UNKNOWN_YEAR, DateMention, DateProblem
from events.parsing.dates.phrases import DateParts, Phrase
from events.parsing.layout.segment import Block

_DAY = datetime.timedelta(days=1)
_PRECISION_ORDER = ("day", "xun", "month", "season", "quarter", "half", "year")
# A heading may end in a colon (1月：) or name the part it heads (2018年大事记).
_LINE_END = re.compile(r"[ \t\u3000:：]*(?:(?:大事记|大事纪要|大事年表|纪事)[ \t\u3000:：]*)?\r?(?:\n|$)")
# A year written where a clause starts dates the statement, so it dates the days after it too.
# A list's bullet (○ is read as 〇 by the folding) starts one too.
_CLAUSE_STARTS = set("\n。，,；;：:】)」”、") | set("〇●◆■★◇□•▪◎※·") | set("|｜")  # and a table's cell
_MARKERS = {"△", "☆", "甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"}
_SAME_DAY = {"同日", "当日", "当天", "当晚", "是日", "本日", *_MARKERS}
# Before the Republic (1912) records counted months in the lunar calendar; GB/T 15835 has them
# written in Chinese numerals (三月), and Gregorian ones in Arabic numerals.
LUNAR_BEFORE = 1912
_GLUED_DAYS_SPAN = 3  # 2829日: two days run together are a few days apart
_NEXT_DAY = {"次日", "翌日", "第二天"}
_NEXT_MONTH = {"次月", "翌月"}
# A news report's days, counted back from its publication date.
DAYS_BEFORE_PUBLICATION = {"今天": 0, "今日": 0, "昨天": 1, "昨日": 1, "前天": 2}


class DateReader:
    """Walks the phrases of one text block by block, keeping the context that dates the bare ones.

    The layout says what is a heading, a paragraph and an entry (`segment.Layout`); this reader
    keeps what dates say: the year and month a heading or an entry set, the paragraph's own year
    and month, and the day the entry above stood on (for 同日, 次日, △).
    """

    def __init__(self, text: str, scanned: str, doc_year: int | None,
                 on_this_day: tuple[int, int] | None = None):
        self.text, self.scanned, self.doc_year = text, scanned, doc_year
        self.on_this_day = on_this_day
        self.block: Block | None = None
        self.heading: tuple[int | None, int | None] = (None, None)  # the block's (year, month) from headings
        self.running_month: tuple[int, int] | None = None  # (year, month) of a heading or the entry above
        self.entry_year: int | None = None  # the year of the dated entry above (2019年1月5日　…)
        self.written_year: int | None = None  # the year written last where a clause starts: what 是年 means
        self.era_start: int | None = None  # the reign the text counts in (民国三十九年…四十二年九月)
        self.paragraph_year: int | None = None
        self.paragraph_month: tuple[int, int] | None = None
        self.paragraph_last: DateMention | None = None  # the latest date in this paragraph
        self.paragraphs: dict[int, tuple] = {}  # a paragraph torn around a caption: its context, kept
        self.last_day: DateMention | None = None  # the latest day-precise date
        # The latest day-precise date that starts an entry (3日　…, 同日　…): what the next entry's
        # 同日/次日/△ follow, not a festival named inside the entry (…部署春节前后工作).
        self.last_entry_day: DateMention | None = None
        self.published: datetime.date | None = None
        self.mentions: list[DateMention] = []
        self.problems: list[DateProblem] = []

    def read_layout(self, blocks, phrases) -> None:
        """Read every phrase in text order, each with the context of the block it stands in."""
        owners = _block_of_offsets(blocks)
        stamp = next((p.parts for p in phrases if p.parts.stamp), None)
        if stamp is not None:  # a news page's publication date: what 昨天 and 11日讯 count from
            self.published = _valid_date(stamp.year, stamp.month, stamp.day)
        for phrase in phrases:
            index = owners(phrase.start)
            self._enter(blocks[index] if index is not None else None, index)
            try:
                self.read(phrase)
            except Exception as error:  # noqa: BLE001 - lunar-python raises bare Exception; one bad date must not stop a scan
                written, why = self.text[phrase.start : phrase.end], f"cannot read this date: {error}"
                self.problems.append(DateProblem(phrase.start, phrase.end, written, why))
        self._enter(None, None)

    # -- context -------------------------------------------------------------------------------
    @property
    def year(self) -> int | None:
        return self.paragraph_year or self.heading[0] or self.entry_year or self.doc_year

    def _enter(self, block: Block | None, index: int | None) -> None:
        """A new block starts a paragraph's context afresh; its headings may change the month."""
        if block is self.block:
            return
        if self.block is not None:
            self.paragraphs[id(self.block)] = (self.paragraph_year, self.paragraph_month, self.paragraph_last)
        self.block = block
        self.paragraph_year, self.paragraph_month, self.paragraph_last = self.paragraphs.get(
            id(block), (None, None, None))
        heading = (block.year, block.month) if block is not None else (None, None)
        if heading != self.heading:
            self.heading = heading
            year = heading[0] or self.entry_year or self.doc_year
            self.running_month = (year, heading[1]) if heading[1] is not None and year else None
            if heading[0] is not None:
                self.entry_year = self.written_year = None

    def _starts_entry(self, phrase: Phrase) -> bool:
        """The date an entry opens with: at its paragraph's opening (after a bullet or list number)."""
        block = self.block
        return block is not None and block.kind == "paragraph" and phrase.start == block.opening

    def _after_sentence(self, phrase: Phrase) -> bool:
        """A date that opens a sentence inside a paragraph (…。1﹐17　…): what items after it follow."""
        before = self.scanned[max(0, phrase.start - 4) : phrase.start].rstrip(" \t\u3000")
        return bool(before) and before[-1] in "。！？!?；;"

    def _is_heading(self) -> bool:
        return self.block is not None and self.block.kind in ("year", "month")

    def _starts_clause(self, phrase: Phrase) -> bool:
        # Print sets spaces around Arabic numbers (全区 2019 年…), so look past them.
        before = self.scanned[max(0, phrase.start - 4) : phrase.start].rstrip(" \t\u3000")
        return not before or before[-1] in _CLAUSE_STARTS

    def _remember(self, phrase: Phrase, mention: DateMention) -> None:
        parts = phrase.until or phrase.parts
        entry = self._starts_entry(phrase)
        if phrase.parts.era_start is not None:
            self.era_start = phrase.parts.era_start
        if self._is_heading():
            pass  # the layout gives a heading's year and month to the blocks below it
        elif self._writes_year(phrase):
            self.paragraph_year = mention.end_date.year
            if mention.year_known and not phrase.parts.back_reference:
                self.written_year = mention.start_date.year
            if entry and parts.month is not None and mention.year_known:
                self.entry_year = mention.end_date.year  # 2019年1月5日　… dates the entries after it
        month = mention.end_date.month if phrase.parts.glued else parts.month  # 119日 is January 19
        if month is not None and not parts.lunar and phrase.parts.relative is None:
            self.paragraph_month = (mention.end_date.year, month)
            if entry or self._is_heading():  # 1月1日　… then 3日　…: the entry's month runs on
                self.running_month = self.paragraph_month
        if mention.precision == "day":
            self.last_day = mention
            if entry or self._after_sentence(phrase):
                self.last_entry_day = mention
        self.paragraph_last = mention

    def _writes_year(self, phrase: Phrase) -> bool:
        """A year written where a clause starts (2019年…, 四十九年七月… in a reign), not 2019年度."""
        written = phrase.parts.year is not None or phrase.parts.era_number is not None
        return written and self._starts_clause(phrase) and not self.scanned.startswith("度", phrase.end)

    # -- reading -------------------------------------------------------------------------------
    def read(self, phrase: Phrase) -> None:
        if phrase.parts.stamp:
            self._add(phrase, self._interval(phrase.parts, phrase.parts.year), role="stamp")
            return
        if phrase.parts.bare_entry and not self._bare_entry_fits(phrase):
            return
        parts = self._with_month(phrase)
        if parts is None:
            return
        parts = self._on_this_day(phrase, parts)
        if parts.glued is not None:
            parts = self._unglued(phrase, parts)
            if parts is None:
                return
        if parts.era_number is not None:  # 四十二年九月: only where a reign is named above
            if self.era_start is None:
                return
            parts = dataclasses.replace(parts, year=self.era_start + parts.era_number - 1)
        year = self._year_for(parts)
        known = year is not None or parts.relative is not None
        if year is None:  # nothing gives the year: the month and day stand, the year stays unknown
            if parts.lunar or parts.festival or parts.term or parts.named_day or parts.month is None:
                return
            year = UNKNOWN_YEAR
        first = self._relative(phrase) if parts.relative else self._interval(parts, year)
        if first is None or isinstance(first, str) or phrase.until is None:
            role = "relative" if parts.relative else "date"
            mention = self._add(phrase, first, role=role, year_known=known)
        else:
            mention = self._add(phrase, self._range(first, phrase.until, parts), year_known=known)
        if mention is not None:
            self._check_parenthetical(mention)
            self._remember(phrase, mention)

    def _with_month(self, phrase: Phrase) -> DateParts | None:
        """A bare day (3日) takes its month from a month heading or the date before it."""
        parts = phrase.parts
        if phrase.first_level != 2 or parts.day is None or parts.lunar:
            return parts
        source = self._month_in_context(phrase)
        if source is None:
            return None
        return dataclasses.replace(parts, year=parts.year or source[0], month=source[1])

    def _month_in_context(self, phrase: Phrase) -> tuple[int, int] | None:
        """(year, month) for a phrase without one: an entry's heading, else its sentence's month;
        on a news page with neither, the month it was published in (11日讯)."""
        if self._starts_entry(phrase):  # a chronicle's entry never counts from the page's stamp
            dateline = self.scanned.startswith(("讯", "电"), phrase.end)
            return self.running_month or self.paragraph_month or (
                self._publication_month(phrase) if dateline else None)
        return self.paragraph_month or self.running_month or self._publication_month(phrase)

    def _publication_month(self, phrase: Phrase) -> tuple[int, int] | None:
        """A bare day on a news page is in the month it was published, or the one before (a 30日 in a
        report published on the 2nd)."""
        if self.published is None or phrase.parts.day is None:
            return None
        year, month = self.published.year, self.published.month
        if phrase.parts.day > self.published.day:
            year, month = (year, month - 1) if month > 1 else (year - 1, 12)
        return year, month

    def _bare_entry_fits(self, phrase: Phrase) -> bool:
        """A number opening an entry (28  …) is a day only in a chronicle that runs under a month, and
        only in order: a list's numbers (1  …, 2  …) under a dated entry come after a later day."""
        if not self._starts_entry(phrase) or self.running_month is None:
            return False
        last = self.last_entry_day
        if phrase.parts.day is None or last is None or last.start_date.month != self.running_month[1]:
            return True
        return phrase.parts.day > last.start_date.day

    def _unglued(self, phrase: Phrase, parts: DateParts) -> DateParts | None:
        """119日 at an entry's start: the month and day that follow the entry above most closely."""
        if not self._starts_entry(phrase):
            return None
        digits = parts.glued
        if parts.month is not None:  # 4月2829日: the days of the month written
            return self._glued_days(parts, digits, (parts.year, parts.month))
        if self.heading[1] is not None:  # 1213日 under 5月: the 12th and 13th of the heading's month
            days = self._glued_days(parts, digits, self.running_month)
            if days is not None:
                return days
        splits = [(int(digits[:cut]), int(digits[cut:])) for cut in range(1, len(digits))]
        splits = [(month, day) for month, day in splits if 1 <= month <= 12 and 1 <= day <= 31
                  and not digits[len(str(month)) :].startswith("0")]
        if not splits:
            return self._glued_days(parts, digits, self.running_month)
        after = self.running_month[1] if self.running_month else 1
        month, day = min(splits, key=lambda split: (split[0] < after, split[0] - after))
        year = self.running_month[0] if self.running_month else None
        return dataclasses.replace(parts, glued=None, year=parts.year or year, month=month, day=day)

    @staticmethod
    def _glued_days(parts: DateParts, digits: str, month_of: tuple | None) -> DateParts | None:
        """4月2829日, 2829日 under April: the 28th and 29th, their 、 lost (no month is 28 or 2)."""
        first, last = int(digits[:2]), int(digits[2:]) if len(digits) == 4 else 0
        if month_of is None or not 1 <= first < last <= min(31, first + _GLUED_DAYS_SPAN):
            return None
        year, month = month_of
        return dataclasses.replace(parts, glued=None, year=parts.year or year, month=month,
                                   day=first, day_to=last)

    def _on_this_day(self, phrase: Phrase, parts: DateParts) -> DateParts:
        """On a page of what happened on one day in every year, an entry's year is that day of it."""
        if self.on_this_day is None or parts.year is None or phrase.until is not None:
            return parts
        if phrase.last_level != 0 or parts.year_part or parts.year_to or not self._starts_entry(phrase):
            return parts
        month, day = self.on_this_day
        return dataclasses.replace(parts, month=month, day=day)

    def _year_for(self, parts: DateParts) -> int | None:
        if parts.year is not None:
            return parts.year
        year = self.year
        if parts.back_reference:  # 是年, 同年: the year the entries above wrote
            year = self.paragraph_year or self.written_year or year
        if year is None:
            return None
        if parts.year_offset is not None:
            return year + parts.year_offset
        if parts.ganzhi is not None:
            return lunar.ganzhi_year(parts.ganzhi, year) or year
        return year

    def _near(self, year: int) -> datetime.date:
        """The date a festival or a lunar date is looked for near: the last day read, else mid-year."""
        if self.last_day is not None and abs(self.last_day.start_date.year - year) <= 1:
            return self.last_day.start_date
        return datetime.date(year, 7, 1)

    def _interval(self, parts: DateParts, year: int) -> Interval | str | None:
        if not 1 <= year <= 9998:
            return None
        if parts.festival or parts.term or parts.named_day or parts.vacation:
            return festival_interval(year, parts, self._near(year))
        old = year < LUNAR_BEFORE and year != UNKNOWN_YEAR
        if parts.chinese_numerals and old and not parts.lunar:  # 乾隆五十八年 … 二月: a Qing record's, lunar
            parts = dataclasses.replace(parts, lunar=True)
        if parts.lunar:
            lunar_year = year if ((parts.ganzhi or parts.year) and parts.month is not None) or old else None
            return lunar_interval(year, parts, self._near(year), lunar_year)
        if parts.day is not None and parts.month is not None:
            return day_interval(year, parts)
        if parts.month is not None:
            return month_interval(year, parts)
        return year_interval(year, parts)

    def _relative(self, phrase: Phrase) -> Interval | None:
        """同日/次日/△ follow the day above; 是月 is the month of the heading or the day above.

        An entry that starts a line (a chronicle's 同日　…) follows the entry above; in running prose
        (当天, 次日) only a day written earlier in the same paragraph counts: 每天…当天 dates nothing.
        """
        parts = phrase.parts
        if parts.relative in DAYS_BEFORE_PUBLICATION:
            if self.published is None:
                return None
            day = self.published - datetime.timedelta(days=DAYS_BEFORE_PUBLICATION[parts.relative])
            return Interval(day, day, "day")
        marker = parts.relative in _MARKERS
        if marker or self._starts_entry(phrase) or self._after_sentence(phrase):  # …。 是日,… is an entry too
            last = self.last_entry_day or self.last_day
        else:
            last = self.paragraph_last
        if marker and self.running_month is not None and (
                last is None or (last.end_date.year, last.end_date.month) != self.running_month):
            # △ right under a new month heading, before any day of it: the month
            return month_interval(self.running_month[0], DateParts(month=self.running_month[1]))
        if parts.relative in _SAME_DAY or parts.relative in _NEXT_DAY:
            if last is None or last.precision != "day":
                return None
            if parts.relative in _NEXT_DAY:  # the day after the last day of what came before
                return Interval(last.end_date + _DAY, last.end_date + _DAY, "day")
            return Interval(last.start_date, last.end_date, "day")  # 同日 itself is in no lunar form
        month = self._month_in_context(phrase)
        if month is None and last is not None:
            month = (last.start_date.year, last.start_date.month)
        if month is None:
            return None
        if parts.relative in _NEXT_MONTH:  # 次月10日: the month after the one in context
            month = (month[0] + month[1] // 12, month[1] % 12 + 1)
        if parts.day is not None:  # 当月20日, 同月5日至8日: a day of that month
            return day_interval(month[0], DateParts(month=month[1], day=parts.day, day_to=parts.day_to))
        return month_interval(month[0], DateParts(month=month[1], month_part=parts.month_part))

    def _range(self, first: Interval, until: DateParts, parts: DateParts) -> Interval | str | None:
        """6月13日至15日: the second date borrows what it leaves out from the first."""
        # The month it leaves out: the first date's as written, or as context gave it (同月20日至22日).
        month = parts.month or (None if parts.lunar else first.start.month)
        filled = dataclasses.replace(until, month=until.month or (month if until.day else None))
        second = self._interval(filled, until.year or first.end.year)
        if isinstance(second, Interval) and second.end < first.start and until.year is None:
            second = self._interval(filled, first.end.year + 1)
        if not isinstance(second, Interval):
            return second
        if second.end < first.start:
            return f"the range ends ({second.end}) before it starts ({first.start})"
        precision = max(first.precision, second.precision, key=_PRECISION_ORDER.index)
        return Interval(first.start, second.end, precision, first.calendar, first.fuzzy or second.fuzzy)

    def _add(self, phrase: Phrase, found: Interval | str | None, role: str = "date",
             year_known: bool = True) -> DateMention | None:
        text = self.text[phrase.start : phrase.end]
        if isinstance(found, str):
            self.problems.append(DateProblem(phrase.start, phrase.end, text, found))
            return None
        if found is None:
            return None
        if role == "relative":  # 同日 knows its year when the day it follows does
            base = self.paragraph_last or self.last_day
            year_known = base.year_known if base is not None else True
        mention = DateMention(phrase.start, phrase.end, text, found.start, found.end, found.precision,
                              found.calendar, phrase.parts.time, found.fuzzy, role, year_known)
        self.mentions.append(mention)
        return mention

    def _check_parenthetical(self, mention: DateMention) -> None:
        """18日（农历腊月廿七）and 民国三十八年（1949年）name one date twice: they must agree."""
        if len(self.mentions) < 2:
            return
        before = self.mentions[-2]
        between = self.scanned[before.end : mention.start]
        if between.strip() not in ("(", "(公历", "(阳历", "(即") or before.role == "stamp":
            return
        if before.precision == mention.precision == "day":
            agree = before.start_date == mention.start_date
        else:
            agree = before.start_date.year == mention.start_date.year
        if not agree:
            self.problems.append(DateProblem(
                before.start, mention.end, self.text[before.start : mention.end],
                f"{before.text} is {before.start_date} but {mention.text} is {mention.start_date}",
            ))


def _block_of_offsets(blocks):
    """A function from a text offset to the index of the block whose pieces hold it, else None."""
    spans = sorted((start, end, index) for index, block in enumerate(blocks) for start, end in block.pieces)
    starts = [span[0] for span in spans]

    def owner(offset: int) -> int | None:
        position = bisect.bisect_right(starts, offset) - 1
        if position >= 0 and spans[position][0] <= offset < spans[position][1]:
            return spans[position][2]
        return None

    return owner


def _valid_date(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None
