"""Stage 1 and 3 of reading a document: the dates.

`tokens` finds the pieces of dates (2020年, 6月, 13日, 上午, 腊月二十七) with one compiled regex,
`phrases` joins adjacent pieces into phrases and ranges (`PhraseIndex`), `context` gives each phrase,
block by block of the layout, the year, month or day its context supplies, and `intervals` the
interval it means; `named_days` knows the commemorative days, `userdates` reads what an editor types.
`reading.read_dates` runs them with the layout stage in between.
"""
from events.parsing.dates.mentions import PRECISIONS, UNKNOWN_YEAR, DateMention, DateProblem, DateScan
from events.parsing.dates.reading import find_dates, infer_year, read_dates, scan_dates

__all__ = ["PRECISIONS", "UNKNOWN_YEAR", "DateMention", "DateProblem", "DateScan", "find_dates", "infer_year",
           "read_dates", "scan_dates"]
