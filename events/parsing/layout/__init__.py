"""Stage 2 of reading a document: its layout and its year.

`segment` reads titles, headings, entries, paragraphs, captions and bylines with the date phrases
found once (`dates.phrases.PhraseIndex`); `year_evidence` weighs every clue to the year(s) the
document reports.
"""
from events.parsing.layout.segment import Block, Layout, segment
from events.parsing.layout.year_evidence import YearGuess, document_year

__all__ = ["Block", "Layout", "YearGuess", "document_year", "segment"]
