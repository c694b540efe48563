"""Pure-Python reading of Chinese local records: dates, document structure, event drafts.

Nothing in this package imports Django, so it can be tested and benchmarked on its own.
"""

from events.parsing.dates import DateMention, DateProblem, DateScan, find_dates, infer_year, scan_dates

__all__ = ["DateMention", "DateProblem", "DateScan", "find_dates", "infer_year", "scan_dates"]

# Reading whole documents: decoding, layout, statements, event drafts.
from events.parsing.decoding import DecodeError, Decoded, decode_bytes  # noqa: E402
from events.parsing.drafts import EventDraft, Extraction, MentionDraft, extract_events  # noqa: E402
from events.parsing.segment import Block, Layout, segment  # noqa: E402

__all__ += ["DecodeError", "Decoded", "decode_bytes", "EventDraft", "Extraction", "MentionDraft", "extract_events",
            "Block", "Layout", "segment"]
