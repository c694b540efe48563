"""Finding the dates in Chinese local records: the public entry points read_dates, scan_dates,
find_dates, infer_year.

One pass in four steps: dates.tokens finds the pieces (2020年, 6月, 13日, 上午, 腊月二十七) with one
compiled regex and dates.phrases joins adjacent pieces into phrases and ranges (`PhraseIndex`);
layout.segment reads the layout — headings, paragraphs, entries — with those phrases;
layout.year_evidence weighs the document's year; dates.context gives each phrase, block by block,
the year, month or day its context supplies and dates.intervals the interval it means.
"""
from __future__ import annotations

from events.parsing.dates.context import DateReader
from events.parsing.dates.mentions import PRECISIONS, DateMention, DateProblem, DateScan
from events.parsing.dates.phrases import PhraseIndex
from events.parsing.layout.segment import Layout, segment
from events.parsing.layout.year_evidence import document_year

__all__ = ["PRECISIONS", "DateMention", "DateProblem", "DateScan", "find_dates", "infer_year", "read_dates",
           "scan_dates"]


def read_dates(text: str, *, year: int | None = None) -> tuple[Layout, DateScan]:
    """The layout of text and every date in it, read once: what the statement splitter works from."""
    dates = PhraseIndex.of(text)
    layout = segment(text, dates)
    guess = document_year(text, layout, dates, given=year)
    reader = DateReader(text, dates.scanned, guess.year, layout.on_this_day)
    reader.read_layout(layout.blocks, dates.phrases)
    return layout, DateScan(tuple(reader.mentions), tuple(reader.problems), guess.year, guess.source)


def scan_dates(text: str, *, year: int | None = None) -> DateScan:
    """Every date in text with the problems met on the way; dates without a year take it from context."""
    return read_dates(text, year=year)[1]


def find_dates(text: str, *, year: int | None = None) -> list[DateMention]:
    """Every date mention in text, in text order, non-overlapping."""
    return list(scan_dates(text, year=year).mentions)


def infer_year(text: str) -> int | None:
    """The year a document reports (see layout.year_evidence), None when nothing in it says."""
    dates = PhraseIndex.of(text)
    return document_year(text, segment(text, dates), dates).year
