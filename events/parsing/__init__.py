"""Pure-Python reading of Chinese local records: dates, document structure, event drafts.

Nothing in this package imports Django, so it can be tested and benchmarked on its own.
"""

from events.parsing.dates import DateMention, DateProblem, DateScan, find_dates, scan_dates

__all__ = ["DateMention", "DateProblem", "DateScan", "find_dates", "scan_dates"]
