"""Finding the dates in Chinese local records: the public entry points scan_dates, find_dates, infer_year.

One left-to-right pass in three steps: date_tokens finds the pieces (2020年, 6月, 13日, 上午, 腊月二十七)
with one compiled regex; date_phrases joins adjacent pieces into phrases and ranges; date_context
gives each phrase the year, month or day its context supplies and date_intervals the interval it means.
"""
from __future__ import annotations

import datetime
import re
from collections import Counter

from events.parsing.date_context import DateReader
from events.parsing.date_phrases import phrases
from events.parsing.date_tokens import tokenize
from events.parsing.date_types import PRECISIONS, DateMention, DateProblem, DateScan
from events.parsing.numerals import ERA_YEAR_NUMERAL, era_year_number, fold

__all__ = ["PRECISIONS", "DateMention", "DateProblem", "DateScan", "find_dates", "infer_year", "scan_dates"]

# A yearbook is named for the year it is published and reports the year before (年鉴（2021）is 2020).
_YEARBOOK_TITLE = re.compile(r"年\s*鉴\s*[(（]?\s*(?P<year>(?:19|20)\d\d)\s*(?:年\s*)?[)）]?|"
                             r"(?P<year2>(?:19|20)\d\d)\s*年?\s*[^\n，。,；;、]{0,12}?年\s*鉴")
# A chronicle is named for the year it records (2019年大事记, 大事记（2019年）).
_CHRONICLE_TITLE = re.compile(r"(?P<year>(?:19|20)\d\d)\s*年度?\s*(?:大事记|大事纪要|大事年表|纪事)|"
                              r"(?:大事记|大事纪要|大事年表|纪事)\s*[(（]\s*(?P<year2>(?:19|20)\d\d)\s*年?\s*[)）]")
_WRITTEN_YEAR = re.compile(r"(?<![\d.])((?:19|20)\d\d)\s{0,3}年(?![代鉴])")
_REPUBLIC_YEAR = re.compile(rf"民[国國]({ERA_YEAR_NUMERAL})年")


def infer_year(text: str) -> int | None:
    """The year a document reports: from its title (a yearbook's year minus one, a chronicle's year),
    else the year it writes most often."""
    return _year_of_folded(fold(text))


def _year_of_folded(folded: str) -> int | None:
    for line in _title_lines(folded):
        if title := _YEARBOOK_TITLE.search(line):
            return int(title.group("year") or title.group("year2")) - 1
        if title := _CHRONICLE_TITLE.search(line):
            return int(title.group("year") or title.group("year2"))
    counts = Counter(int(year) for year in _WRITTEN_YEAR.findall(folded))
    if not counts:  # a Taiwan chronicle may write only Republic years: 民國一百一十年
        counts = Counter(1911 + (era_year_number(number) or 0) for number in _REPUBLIC_YEAR.findall(folded))
        counts.pop(1911, None)
    if not counts:
        return None
    return max(counts, key=lambda year: (counts[year], year))


def _title_lines(folded: str) -> list[str]:
    """The first few short lines: where a title stands (a sentence naming a yearbook is no title)."""
    lines = [line.strip() for line in folded[:400].splitlines() if line.strip()]
    return [line for line in lines[:3] if len(line) <= 30]


def scan_dates(text: str, *, year: int | None = None) -> DateScan:
    """Every date in text with the problems met on the way; dates without a year take it from context."""
    folded = fold(text)
    doc_year = year or _year_of_folded(folded) or datetime.date.today().year
    tokens, scanned = tokenize(folded)
    reader = DateReader(text, scanned, doc_year)
    for phrase in phrases(tokens, scanned):
        try:
            reader.read(phrase)
        except Exception as error:  # noqa: BLE001 - lunar-python raises bare Exception; one bad date must not stop a scan
            reader.problems.append(DateProblem(phrase.start, phrase.end, text[phrase.start : phrase.end],
                                               f"cannot read this date: {error}"))
    return DateScan(tuple(reader.mentions), tuple(reader.problems), doc_year)


def find_dates(text: str, *, year: int | None = None) -> list[DateMention]:
    """Every date mention in text, in text order, non-overlapping."""
    return list(scan_dates(text, year=year).mentions)
