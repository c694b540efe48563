"""Pure-Python reading of Chinese local records: dates, document structure, event drafts.

Nothing in this package imports Django, so it can be tested and benchmarked on its own.
"""

from events.parsing.dates.reading import (
    DateMention,
    DateProblem,
    DateScan,
    find_dates,
    infer_year,
    scan_dates,
)
from events.parsing.decoding import Decoded, DecodeError, decode_bytes
from events.parsing.layout.segment import Block, Layout, segment
from events.parsing.statements.drafts import EventDraft, Extraction, MentionDraft, extract_events

__all__ = [
    # dates
    "DateMention",
    "DateProblem",
    "DateScan",
    "find_dates",
    "infer_year",
    "scan_dates",
    # whole documents: decoding, layout, statements, event drafts
    "DecodeError",
    "Decoded",
    "decode_bytes",
    "EventDraft",
    "Extraction",
    "MentionDraft",
    "extract_events",
    "Block",
    "Layout",
    "segment",
]
