"""Giving each phrase its full date from context: year headings, month headings, the entry above."""
from __future__ import annotations

import dataclasses
import datetime
import re

from events.parsing import lunar
from events.parsing.date_intervals import (
    Interval,
    day_interval,
    festival_interval,
    lunar_interval,
    month_interval,
    year_interval,
)
from events.parsing.date_phrases import DateParts, Phrase
from events.parsing.date_types import DateMention, DateProblem

_DAY = datetime.timedelta(days=1)
_PRECISION_ORDER = ("day", "xun", "month", "season", "quarter", "half", "year")
# A heading may end in a colon (1月：) or name the part it heads (2018年大事记).
_LINE_END = re.compile(r"[ \t\u3000:：]*(?:(?:大事记|大事纪要|大事年表|纪事)[ \t\u3000:：]*)?\r?(?:\n|$)")
# A year written where a clause starts dates the statement, so it dates the days after it too.
_CLAUSE_STARTS = set("\n。，,；;：:】)」”、")
_SAME_DAY = {"同日", "当日", "当天", "当晚", "是日", "△", "☆"}
_NEXT_DAY = {"次日", "翌日", "第二天"}
_NEXT_MONTH = {"次月", "翌月"}


class DateReader:
    """Walks the phrases of one text in order, keeping the context that dates the bare ones."""

    def __init__(self, text: str, scanned: str, doc_year: int):
        self.text, self.scanned, self.doc_year = text, scanned, doc_year
        self.heading_year: int | None = None
        self.heading_month: tuple[int, int] | None = None  # (year, month)
        self.paragraph_year: int | None = None
        self.paragraph_month: tuple[int, int] | None = None
        self.last_day: DateMention | None = None  # the latest day-precise date
        # The latest day-precise date that starts an entry (3日　…, 同日　…): what the next entry's
        # 同日/次日/△ follow, not a festival named inside the entry (…部署春节前后工作).
        self.last_entry_day: DateMention | None = None
        self.paragraph_last: DateMention | None = None  # the latest date in this paragraph
        self.position = 0
        self.mentions: list[DateMention] = []
        self.problems: list[DateProblem] = []

    # -- context -------------------------------------------------------------------------------
    @property
    def year(self) -> int:
        return self.paragraph_year or self.heading_year or self.doc_year

    def _enter(self, phrase: Phrase) -> None:
        """A new paragraph forgets the last one's dates; a sentence torn by a page break does not."""
        newline = self.scanned.find("\n", self.position, phrase.start)
        while newline != -1:
            if self._ends_paragraph(newline):
                self.paragraph_year = self.paragraph_month = self.paragraph_last = None
                break
            newline = self.scanned.find("\n", newline + 1, phrase.start)
        self.position = phrase.end

    def _ends_paragraph(self, newline: int) -> bool:
        """Whether the line break at newline ends a paragraph rather than tearing a sentence."""
        if newline < 0:
            return True
        before = self.scanned[max(0, newline - 200) : newline].rstrip()
        return not before or not ("\u4e00" <= before[-1] <= "\u9fff") or before[-1] in "年月日记"

    def _at_line_start(self, phrase: Phrase) -> bool:
        before = self.scanned[max(0, phrase.start - 4) : phrase.start].rstrip(" \t\u3000")
        return phrase.start == 0 or before.endswith("\n") or (before == "" and phrase.start <= 4)

    def _starts_entry(self, phrase: Phrase) -> bool:
        """At the start of a line that is not the rest of a sentence torn by a page break."""
        if not self._at_line_start(phrase):
            return False
        if self.scanned[phrase.end : phrase.end + 1] in (" ", "\t", "\u3000"):
            return True  # a chronicle entry: 同日　…, 3日　…
        return self._ends_paragraph(self.scanned.rfind("\n", 0, phrase.start))

    def _alone_on_line(self, phrase: Phrase) -> bool:
        return self._at_line_start(phrase) and _LINE_END.match(self.scanned, phrase.end) is not None

    def _starts_clause(self, phrase: Phrase) -> bool:
        # Print sets spaces around Arabic numbers (全区 2019 年…), so look past them.
        before = self.scanned[max(0, phrase.start - 4) : phrase.start].rstrip(" \t\u3000")
        return not before or before[-1] in _CLAUSE_STARTS

    def _remember(self, phrase: Phrase, mention: DateMention) -> None:
        parts = phrase.until or phrase.parts
        if self._alone_on_line(phrase) and phrase.parts.relative is None:
            if phrase.first_level == 0 and phrase.last_level == 0 and parts.year_part is None:
                self.heading_year, self.heading_month = mention.start_date.year, None
            elif phrase.first_level <= 1 and phrase.last_level == 1 and not parts.lunar:
                self.heading_year = mention.start_date.year if phrase.parts.year else self.heading_year
                self.heading_month = (mention.end_date.year, mention.end_date.month)
        elif phrase.parts.year is not None and self._starts_clause(phrase) and not self.scanned.startswith(
            "度", phrase.end
        ):
            self.paragraph_year = mention.end_date.year
        if parts.month is not None and not parts.lunar and phrase.parts.relative is None:
            self.paragraph_month = (mention.end_date.year, parts.month)
            if self._starts_entry(phrase):  # 1月1日　… then 3日　…: the entry's month runs on
                self.heading_month = self.paragraph_month
        if mention.precision == "day":
            self.last_day = mention
            if self._starts_entry(phrase):
                self.last_entry_day = mention
        self.paragraph_last = mention

    # -- reading -------------------------------------------------------------------------------
    def read(self, phrase: Phrase) -> None:
        self._enter(phrase)
        if phrase.parts.stamp:
            self._add(phrase, self._interval(phrase.parts, phrase.parts.year), role="stamp")
            return
        parts = self._with_month(phrase)
        if parts is None:
            return
        year = self._year_for(parts)
        first = self._relative(phrase) if parts.relative else self._interval(parts, year)
        if first is None or isinstance(first, str) or phrase.until is None:
            mention = self._add(phrase, first, role="relative" if parts.relative else "date")
        else:
            mention = self._add(phrase, self._range(first, phrase.until, parts))
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
        """(year, month) for a phrase without one: an entry's heading, else its sentence's month."""
        if self._starts_entry(phrase):
            return self.heading_month or self.paragraph_month
        return self.paragraph_month or self.heading_month

    def _year_for(self, parts: DateParts) -> int:
        if parts.year is not None:
            return parts.year
        if parts.year_offset is not None:
            return self.year + parts.year_offset
        if parts.ganzhi is not None:
            return lunar.ganzhi_year(parts.ganzhi, self.year) or self.year
        return self.year

    def _near(self, year: int) -> datetime.date:
        if self.last_day is not None and abs(self.last_day.start_date.year - year) <= 1:
            return self.last_day.start_date
        return datetime.date(year, 7, 1)

    def _interval(self, parts: DateParts, year: int) -> Interval | str | None:
        if not 1 <= year <= 9998:
            return None
        if parts.festival or parts.term:
            return festival_interval(year, parts, self._near(year))
        if parts.lunar:
            lunar_year = year if (parts.ganzhi or parts.year) and parts.month is not None else None
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
        last = (self.last_entry_day or self.last_day) if self._starts_entry(phrase) else self.paragraph_last
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

    def _add(self, phrase: Phrase, found: Interval | str | None, role: str = "date") -> DateMention | None:
        text = self.text[phrase.start : phrase.end]
        if isinstance(found, str):
            self.problems.append(DateProblem(phrase.start, phrase.end, text, found))
            return None
        if found is None:
            return None
        mention = DateMention(phrase.start, phrase.end, text, found.start, found.end, found.precision,
                              found.calendar, phrase.parts.time, found.fuzzy, role)
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
