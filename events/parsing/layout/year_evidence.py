"""The year a document reports, weighed from every clue it gives; never from the clock.

A yearbook's title names the year it is published (魏都年鉴2021 reports 2020); a chronicle's
title names the year it records (2019年大事记, 2003年10月大事记, 中华民国史事日志 - 1934). Below
the title, year headings, the years that open entries and the years written in the text each
add their weight; a publication stamp adds a little (a page may be published years later).
A year range in the title (1947年-1949年) names several years, not one. When no clue is
found the year stays unknown: the dates keep their month and day and say so.
"""
from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass

from events.parsing.dates.phrases import Phrase, PhraseIndex
from events.parsing.layout.segment import CHRONICLE_TITLE, Layout
from events.parsing.numerals import fold

# A yearbook is named for the year it is published and reports the year before (年鉴（2021）is 2020).
_YEARBOOK_TITLE = re.compile(r"年\s*鉴\s*[(（]?\s*(?P<year>(?:19|20)\d\d)\s*(?:年\s*)?[)）]?|"
                             r"(?P<year2>(?:19|20)\d\d)\s*年?\s*[^\n，。,；;、]{0,12}?年\s*鉴")
_TITLE_LINES = 6
_TITLE_MAX_CHARS = 40
_SENTENCE = re.compile(r"[，。；！？,;!?]")
WEIGHTS = {"title": 50.0, "heading": 5.0, "entry": 2.0, "text": 1.0, "stamp": 0.5}


@dataclass(frozen=True, slots=True)
class YearGuess:
    """The document's year and the clue that weighed most ("given", "yearbook", "title", "heading",
    "entry", "text", "stamp"), or None and "none"."""

    year: int | None
    source: str


def document_year(text: str, layout: Layout, dates: PhraseIndex, *, given: int | None = None) -> YearGuess:
    if given:
        return YearGuess(given, "given")
    titles = _title_lines(text, layout)
    for start, end in titles:
        if yearbook := _YEARBOOK_TITLE.search(fold(text[start:end])):
            return YearGuess(int(yearbook.group("year") or yearbook.group("year2")) - 1, "yearbook")
    weights: Counter = Counter()
    sources: dict[int, Counter] = {}

    def add(year: int, kind: str) -> None:
        weights[year] += WEIGHTS[kind]
        sources.setdefault(year, Counter())[kind] += WEIGHTS[kind]

    for start, end in titles:
        if CHRONICLE_TITLE.search(text, start, end):
            years = {year for phrase in dates.within(start, end) if (year := _one_year(phrase)) is not None}
            if len(years) == 1 and not any(p.parts.year_to for p in dates.within(start, end)):
                add(years.pop(), "title")
    owners = _kinds_by_offset(layout)
    for phrase in dates.phrases:
        year = phrase.parts.year
        if year is None or phrase.parts.year_to or dates.scanned.startswith("度", phrase.end):
            continue
        add(year, "stamp" if phrase.parts.stamp else owners(phrase.start))
    if not weights:
        return YearGuess(None, "none")
    year = max(weights, key=lambda y: (weights[y], y))
    return YearGuess(year, sources[year].most_common(1)[0][0])


def _one_year(phrase: Phrase) -> int | None:
    if phrase.parts.stamp or phrase.parts.year_to:
        return None
    return phrase.parts.year


def _title_lines(text: str, layout: Layout) -> list[tuple[int, int]]:
    """The first few short lines that are no sentence: where a title stands."""
    lines = []
    for block in layout.blocks[: _TITLE_LINES * 2]:
        for start, end in block.pieces:
            if end - start <= _TITLE_MAX_CHARS and not _SENTENCE.search(text, start, end) \
                    and block.kind != "stamp":
                lines.append((start, end))
    return lines[:_TITLE_LINES]


def _kinds_by_offset(layout: Layout):
    """A function from an offset to the kind of clue a year written there is."""
    spans = []
    for block in layout.blocks:
        kind = {"year": "heading", "month": "heading", "stamp": "stamp"}.get(block.kind, "text")
        for index, (start, end) in enumerate(block.pieces):
            opening = block.opening if block.kind == "paragraph" and index == 0 else None
            spans.append((start, end, kind, opening))
    spans.sort()
    starts = [span[0] for span in spans]

    def kind_at(offset: int) -> str:
        position = bisect.bisect_right(starts, offset) - 1
        if position < 0 or offset >= spans[position][1]:
            return "text"
        _, _, kind, opening = spans[position]
        return "entry" if opening == offset else kind

    return kind_at
