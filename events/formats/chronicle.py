"""Tables kept as chronicles (日期 | 事项 | 来源) written out as the lines a chronicle prints.

Editors keep a chronicle as rows: a date, what happened, where it is recorded. The parser
reads chronicles as lines that open with their date, so each row becomes `3月5日　事项（来源）`:
the source in brackets at the end, where the parser reads it as part of the entry and never
as a date of its own. Dates come as Excel dates or as text (`2020-03-05`, `2020/3/5`, `2020.3.5`,
`3.5`, `3月5日`, `3月上旬`); numeric ones are written the Chinese way, the others kept as they
are. A row without a date (a merged date cell) takes the date of the row above.
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


def chronicle_lines(rows: list[list[object]]) -> list[str] | None:
    """The rows as chronicle lines, or None when they are no chronicle (no date and entry columns)."""
    rows = [[_cell(value) for value in row] for row in rows]
    found = _header(rows)
    if found is None:
        return None
    first, date_column, entry_column, source_column = found
    lines, previous = [], ""
    for row in rows[first:]:
        entry = row[entry_column] if entry_column < len(row) else ""
        if not entry:
            continue
        date = date_text(row[date_column]) if date_column < len(row) else ""
        date = date or previous
        previous = date
        source = row[source_column] if source_column is not None and source_column < len(row) else ""
        line = f"{date}　{entry}" if date else entry
        if source:
            line += source if source.startswith(("（", "(")) else f"（{source}）"
        lines.append(" ".join(line.split("\n")))
    return lines


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
