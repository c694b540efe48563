"""Tables kept as chronicles (日期 | 事项 | 来源) written out as the lines a chronicle prints.

Editors keep a chronicle as rows: a date, what happened, where it is recorded. The parser
reads chronicles as year and month headings over entries that open with their day, so the
rows are written that way: `3月` then `5日　事项。`, and the source in brackets on the line below,
`（区委办）`, where the parser reads it as the entry's byline, never as part of the entry or as a
date of its own. Dates come as
Excel dates or as text (`2020-03-05`, `2020/3/5`, `2020.3.5`, `3.5`, `3月5日`, `3月上旬`);
numeric ones are written the Chinese way, the others kept as they are. A row without a date (a
merged date cell) takes the date of the row above.
"""
from __future__ import annotations

import datetime
import re

DATE_WORDS = ("日期", "时间", "年月日", "日子", "date")
ENTRY_WORDS = ("事项", "内容", "事件", "大事", "摘要", "纪事", "记事", "事由", "event")
SOURCE_WORDS = ("来源", "出处", "资料来源", "source")
_HEADER_ROWS = 5
_NUMERIC = re.compile(r"^(?:(\d{4})\s*[-/.年]\s*)?(\d{1,2})(?:\s*[-/.月]\s*(\d{1,2})\s*日?)?$")
_DATE_LIKE = re.compile(
    r"^(?:\d{4}\s*[-/.年]|\d{1,2}\s*[-/.月]\s*\d|\d{1,2}\s*月|[一二三四五六七八九十]{1,3}月|同日|是月|△)"
)
_EXCEL_EPOCH = datetime.datetime(1899, 12, 30)


def chronicle_lines(rows: list[list[object]], *, year: str | None = None) -> list[str] | None:
    """The rows as chronicle lines, or None when they are no chronicle (no date and entry columns);
    `year` heads them (a sheet named for its year)."""
    rows = [[_cell(value) for value in row] for row in rows]
    found = _header(rows)
    if found is None:
        return None
    first, date_column, entry_column, source_column = found
    writer = _Chronicle()
    if year:
        writer.lines.append(f"{year}年")
        writer.year = year
    for row in rows[first:]:
        entry = row[entry_column] if entry_column < len(row) else ""
        if not entry:
            continue
        date = date_text(row[date_column]) if date_column < len(row) else ""
        source = row[source_column] if source_column is not None and source_column < len(row) else ""
        writer.add(date, " ".join(entry.split("\n")))
        if source:
            writer.lines.append(source if source.startswith(("（", "(")) else f"（{source}）")
    return writer.lines


_SPLIT_DATE = re.compile(r"^(?:(\d{4})年)?(?:(\d{1,2})月(?!份))?(.*)$")


class _Chronicle:
    """Writes entries under year and month headings, as a chronicle prints them: a row dated
    `2020年3月5日` becomes the headings `2020年` and `3月` (when they change) and `5日　…`; a
    row dated by its month alone is `是月`; a row without a date keeps the one above."""

    def __init__(self):
        self.lines: list[str] = []
        self.year: str | None = None
        self.month: str | None = None
        self.previous = ""

    def add(self, date: str, entry: str) -> None:
        date = date or self.previous
        self.previous = date
        year, month, rest = _SPLIT_DATE.match(date).groups()
        if year and year != self.year:
            self.lines.append(f"{year}年")
            self.year, self.month = year, None
        if month and month != self.month:
            self.lines.append(f"{int(month)}月")
            self.month = month
        rest = rest.strip() or ("是月" if month else "")
        self.lines.append(f"{rest}　{entry}" if rest else entry)


def _header(rows: list[list[str]]) -> tuple[int, int, int, int | None] | None:
    """Where the data starts and which columns hold the date, the entry and the source."""
    for index, row in enumerate(rows[:_HEADER_ROWS]):
        date, entry, source = (_column(row, words) for words in (DATE_WORDS, ENTRY_WORDS, SOURCE_WORDS))
        if date is not None and entry is not None and date != entry:
            return index + 1, date, entry, source
    filled = [row for row in rows if len(row) >= 2 and row[0] and row[1]]
    dated = sum(1 for row in filled if _DATE_LIKE.match(date_text(row[0])))
    if len(filled) >= 2 and dated >= 0.6 * len(filled):
        return 0, 0, 1, 2 if any(len(row) > 2 and row[2] for row in filled) else None
    return None


def _column(row: list[str], words: tuple[str, ...]) -> int | None:
    for index, value in enumerate(row):
        name = value.replace(" ", "").replace("　", "").lower()
        if name and len(name) <= 8 and any(word in name for word in words):
            return index
    return None


def _cell(value: object) -> str | datetime.date:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime | datetime.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(int(value)) if float(value).is_integer() else str(value)
    return str(value).strip()


def date_text(value: str | datetime.date) -> str:
    """A date cell as a chronicle writes it: `2020年3月5日`, `3月5日`, or the text as it stands."""
    if isinstance(value, datetime.datetime):
        return f"{value.year}年{value.month}月{value.day}日"
    if isinstance(value, datetime.date):
        return f"{value.year}年{value.month}月{value.day}日"
    if re.fullmatch(r"\d{5}", value) and 20000 <= int(value) <= 80000:  # an Excel date without its format
        day = _EXCEL_EPOCH + datetime.timedelta(days=int(value))
        return f"{day.year}年{day.month}月{day.day}日"
    if re.fullmatch(r"(?:1[0-9]|20)\d\d", value):
        return f"{value}年"
    match = _NUMERIC.match(value)
    if match and (match.group(1) or match.group(3)):
        year, month, day = match.groups()
        if 1 <= int(month) <= 12 and (day is None or 1 <= int(day) <= 31):
            return (f"{int(year)}年" if year else "") + f"{int(month)}月" + (f"{int(day)}日" if day else "")
    return value
