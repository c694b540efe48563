"""The values the date recognizer returns: a date mention, a problem, one scan's result."""
from __future__ import annotations

import datetime
from dataclasses import dataclass

PRECISIONS = ("day", "xun", "month", "quarter", "half", "season", "year")
# Where nothing gives a date's year, it keeps its month and day in this leap year (so 2月29日
# exists) and says year_known=False. No real record is dated in the year 4; an event so dated
# stays out of the chronology until an editor or a re-import with a year dates it.
UNKNOWN_YEAR = 4


@dataclass(frozen=True, slots=True)
class DateMention:
    """One temporal expression: where it stands in the text and the interval it means."""

    start: int
    end: int
    text: str
    start_date: datetime.date
    end_date: datetime.date
    precision: str
    calendar: str = "gregorian"
    time: str | None = None
    fuzzy: bool = False
    role: str = "date"
    # False when nothing in the text gives the year: only the month and day of the dates are read.
    year_known: bool = True

    def as_json(self) -> dict:
        row = {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "start_date": _iso(self.start_date, self.year_known),
            "end_date": _iso(self.end_date, self.year_known),
            "precision": self.precision,
            "calendar": self.calendar,
        }
        if self.time is not None:
            row["time"] = self.time
        if not self.year_known:
            row["year_known"] = False
        return row


def _iso(date: datetime.date, year_known: bool) -> str:
    """ISO 8601: 2020-03-05, or --03-05 (a month and day of no known year)."""
    return date.isoformat() if year_known else f"--{date.month:02d}-{date.day:02d}"


@dataclass(frozen=True, slots=True)
class DateProblem:
    """Something written as a date that cannot be one (2月30日, a lunar day a month lacks)."""

    start: int
    end: int
    text: str
    message: str


@dataclass(frozen=True, slots=True)
class DateScan:
    """Everything one scan found, plus the document year it used for dates without one and the clue
    that gave it (see layout.year_evidence.YearGuess)."""

    mentions: tuple[DateMention, ...]
    problems: tuple[DateProblem, ...]
    year: int | None
    year_source: str = "given"
