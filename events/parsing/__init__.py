"""Pure-Python reading of Chinese local records: dates, document structure, event drafts.

Nothing in this package imports Django, so it can be tested and benchmarked on its own.
"""

from events.parsing.dates import DateMention, DateProblem, DateScan, find_dates, infer_year, scan_dates
from events.parsing.decoding import Decoded, DecodeError, decode_bytes
from events.parsing.drafts import EventDraft, Extraction, MentionDraft, extract_events
from events.parsing.segment import Block, Layout, segment

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
