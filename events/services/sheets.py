"""An edited 大事记 spreadsheet back into the chronology: only what an editor changed is written.

The spreadsheet is the one `chronicle_files.book_xlsx` exports: a row per entry, its event's id
in 编号. `chronicle_sheet_import` compares each row's editable columns (日期, 事项, 标题, 类型,
地点, 人物, 机构, and 来源 for events without a document) with the event as it is now and
corrects only the events whose cells differ, through `editing.event_correct` (so each change
is validated and recorded in the history as 表格导入, with who made it). A row without an id
becomes an event an editor added. The whole file is one transaction: a row that cannot be read
(an unknown id, a date that is no date, an event changed in chronicle since the export) refuses
the file with one line naming the row, and nothing is stored.
"""

from __future__ import annotations

import datetime
import io
import re
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from events.chronicle_book import date_in_words, entry_text
from events.chronicle_files import NOTES_NAME, SHEET_NAME, history_versions
from events.formats import FormatError, sniff
from events.models import Event, EventType

from .compiling import event_add
from .editing import event_correct

REQUIRED = ("编号", "日期", "事项")
_NAMES = re.compile(r"[、，,；;\n]+")
_TYPES = {**{str(label): value for value, label in EventType.choices}, **{v: v for v in EventType.values}}


class SheetRejected(Exception):
    """The spreadsheet cannot be imported; str() is one line naming the problem and the row."""


@dataclass(frozen=True)
class SheetResult:
    updated: int
    added: int
    unchanged: int
    fields: int
    summary: str


@dataclass(frozen=True)
class _Row:
    number: int  # the row's number in the sheet, as Excel shows it
    cells: dict[str, str]


def chronicle_sheet_import(*, data: bytes, user) -> SheetResult:
    """Apply an edited 大事记 spreadsheet; raise SheetRejected (nothing stored) if any row is wrong."""
    rows, year = _read(data)
    ids = [int(row.cells["编号"]) for row in rows if row.cells["编号"]]
    repeated = sorted({pk for pk in ids if ids.count(pk) > 1})
    if repeated:
        raise SheetRejected(f"编号 {repeated[0]} 出现了不止一次：每个条目只能有一行")
    updated = added = unchanged = fields = 0
    with transaction.atomic():
        events = Event.everything.select_related("document").in_bulk(ids)
        versions = history_versions(ids)
        for row in rows:
            try:
                if not row.cells["编号"]:
                    added += _add(row, user=user, year=year)
                    continue
                changes = _changes(row, events.get(int(row.cells["编号"])), versions)
                if changes:
                    event_correct(
                        event=events[int(row.cells["编号"])], user=user, changes=changes, reason="表格导入"
                    )
                    updated, fields = updated + 1, fields + len(changes)
                else:
                    unchanged += 1
            except ValidationError as error:
                raise SheetRejected(f"第 {row.number} 行{_which(row)}：{_messages(error)}") from None
    summary = f"表格导入：更新 {updated} 个事件（{fields} 处改动），新增 {added} 个，{unchanged} 个未改"
    return SheetResult(updated, added, unchanged, fields, summary)


def _read(data: bytes) -> tuple[list[_Row], int | None]:
    if len(data) > settings.CHRONICLE_MAX_DOCUMENT_BYTES:
        raise SheetRejected(f"文件太大：{len(data):,} 字节，上限 {settings.CHRONICLE_MAX_DOCUMENT_BYTES:,}")
    try:
        kind = sniff(data) if data.strip() else "empty"
    except FormatError as error:
        raise SheetRejected(f"不是可读的 XLSX 文件：{error}") from None
    if kind != "xlsx":
        raise SheetRejected("不是 XLSX 表格：请上传从“大事记”导出的 Excel 文件")
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds on a damaged file
        raise SheetRejected(
            f"XLSX 文件已损坏：{str(error).splitlines()[0][:120] if str(error) else type(error).__name__}"
        ) from None
    try:
        sheet = book[SHEET_NAME] if SHEET_NAME in book.sheetnames else book.worksheets[0]
        table = [list(row) for row in sheet.iter_rows(values_only=True)]
        year = _year(book[NOTES_NAME]) if NOTES_NAME in book.sheetnames else None
    finally:
        book.close()
    if not table:
        raise SheetRejected("表格是空的")
    header = [_text(value) for value in table[0]]
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise SheetRejected(f"第 1 行缺少列：{'、'.join(missing)}（请用从“大事记”导出的表格）")
    columns = {name: header.index(name) for name in header if name}
    rows = []
    for number, values in enumerate(table[1:], start=2):
        cells = {name: _text(values[index]) if index < len(values) else "" for name, index in columns.items()}
        if not any(cells.values()):
            continue
        if cells["编号"] and not re.fullmatch(r"\d+(?:\.0)?", cells["编号"]):
            raise SheetRejected(f"第 {number} 行：编号“{cells['编号'][:20]}”不是事件编号")
        cells["编号"] = cells["编号"].removesuffix(".0")
        rows.append(_Row(number, cells))
    return rows, year


def _year(notes) -> int | None:
    for row in notes.iter_rows(values_only=True):
        if row and _text(row[0]) == "年份" and len(row) > 1 and re.fullmatch(r"\d{1,4}", _text(row[1])):
            return int(_text(row[1]))
    return None


def _text(value) -> str:
    """A cell as text: numbers as written, dates as ISO, whitespace runs as one space."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = value.date() if value.time() == datetime.time() else value
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def _same(a: str, b: str) -> bool:
    return " ".join((a or "").split()) == " ".join((b or "").split())


def _names(text: str) -> list[str]:
    return list(dict.fromkeys(name.strip() for name in _NAMES.split(text or "") if name.strip()))


def _changes(row: _Row, event: Event | None, versions: dict[int, int]) -> dict:
    """The fields whose cells differ from the event as it is now."""
    pk = int(row.cells["编号"])
    if event is None:
        raise ValidationError(f"编号 {pk} 的事件已不存在{_merged_into(pk)}；请重新导出后再改")
    cells, changes = row.cells, {}
    if "日期" in cells:
        if not cells["日期"]:
            raise ValidationError({"date": "日期是空的"})
        if not _same(cells["日期"], date_in_words(event)):
            changes["date"] = cells["日期"]
    if "事项" in cells and not _same(cells["事项"], entry_text(event)):
        if not cells["事项"]:
            raise ValidationError({"description": "事项是空的"})
        changes["description"] = cells["事项"]
    if cells.get("标题") and not _same(cells["标题"], event.title):
        changes["title"] = cells["标题"]
    if cells.get("类型"):
        kind = _TYPES.get(cells["类型"])
        if kind is None:
            raise ValidationError(
                {"type": f"类型“{cells['类型'][:20]}”不在 {'、'.join(map(str, EventType.labels))} 之中"}
            )
        if kind != event.type:
            changes["type"] = kind
    if "地点" in cells and not _same(cells["地点"], event.place):
        changes["place"] = cells["地点"]
    for column, name in (("人物", "people"), ("机构", "organizations")):
        if column in cells and _names(cells[column]) != list(getattr(event, name)):
            changes[name] = _names(cells[column])
    if "来源" in cells and event.document_id is None and not _same(cells["来源"], event.source):
        changes["source"] = cells["来源"]
    if changes and "版本" in cells and cells["版本"] and cells["版本"] != str(versions.get(pk, 0)):
        raise ValidationError(f"#{pk} 在导出这份表格之后又在系统里被改过；请重新导出，在新表格里再改")
    return changes


def _merged_into(pk: int) -> str:
    deleted = Event.history.filter(id=pk, history_type="-").order_by("-history_id").first()
    reason = (deleted.history_change_reason or "") if deleted else ""
    return f"（已{reason}）" if reason.startswith("合并入") else ""


def _add(row: _Row, *, user, year: int | None) -> int:
    cells = row.cells
    if not cells.get("日期") or not (cells.get("事项") or cells.get("标题")):
        raise ValidationError("新增的条目须填写日期和事项")
    values = {
        "date": cells["日期"],
        "description": cells.get("事项", ""),
        "title": cells.get("标题") or _title_of(cells.get("事项", "")),
    }
    if cells.get("类型"):
        values["type"] = _TYPES.get(cells["类型"], cells["类型"])
    if cells.get("地点"):
        values["place"] = cells["地点"]
    for column, name in (("人物", "people"), ("机构", "organizations")):
        if cells.get(column):
            values[name] = _names(cells[column])
    event_add(user=user, values=values, source=cells.get("来源", ""), year=year)
    return 1


def _title_of(text: str) -> str:
    """A title for a new row that has none: its first clause, at most 40 characters."""
    return re.split(r"[，。；,;]", text, maxsplit=1)[0][:40]


def _which(row: _Row) -> str:
    return f"（编号 {row.cells['编号']}）" if row.cells.get("编号") else "（新增条目）"


def _messages(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        return "；".join(" ".join(messages) for messages in error.message_dict.values())
    return "；".join(error.messages)
