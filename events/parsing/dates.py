"""Public API of the date recognizer: the mention, problem and scan value types and find_dates."""
from __future__ import annotations

import datetime
import re
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


_MONTH_DAY = re.compile(r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)年")


def infer_year(text: str) -> int | None:
    """The year a document reports: the most frequent explicit year."""
    counts: dict[int, int] = {}
    for match in _YEAR.finditer(text):
        year = int(match.group(1))
        counts[year] = counts.get(year, 0) + 1
    return max(counts, key=lambda y: (counts[y], y)) if counts else None


def scan_dates(text: str, *, year: int | None = None) -> DateScan:
    """Find every date in text; dates without a year take the document year."""
    doc_year = year or infer_year(text) or datetime.date.today().year
    mentions, problems = [], []
    for match in _MONTH_DAY.finditer(text):
        y = int(match.group(1) or doc_year)
        try:
            day = datetime.date(y, int(match.group(2)), int(match.group(3)))
        except ValueError as error:
            problems.append(DateProblem(match.start(), match.end(), match.group(), str(error)))
            continue
        mentions.append(DateMention(match.start(), match.end(), match.group(), day, day, "day"))
    return DateScan(tuple(mentions), tuple(problems), doc_year)


def find_dates(text: str, *, year: int | None = None) -> list[DateMention]:
    """Every date mention in text, in text order, non-overlapping."""
    return list(scan_dates(text, year=year).mentions)
