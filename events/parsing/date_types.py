"""The values the date recognizer returns: a date mention, a problem, one scan's result."""
from __future__ import annotations

import datetime
from dataclasses import dataclass

PRECISIONS = ("day", "xun", "month", "quarter", "half", "season", "year")


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

    def as_json(self) -> dict:
        row = {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "start_date": self.start_date.isoformat(),
            "end_date": self.end_date.isoformat(),
            "precision": self.precision,
            "calendar": self.calendar,
        }
        if self.time is not None:
            row["time"] = self.time
        return row


@dataclass(frozen=True, slots=True)
class DateProblem:
    """Something written as a date that cannot be one (2月30日, a lunar day a month lacks)."""

    start: int
    end: int
    text: str
    message: str


@dataclass(frozen=True, slots=True)
class DateScan:
    """Everything one scan found, plus the document year it used for dates without one."""

    mentions: tuple[DateMention, ...]
    problems: tuple[DateProblem, ...]
    year: int | None
