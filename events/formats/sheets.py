"""Chronicles kept as spreadsheets: XLSX (openpyxl) and CSV (the csv module).

Every sheet is read for a chronicle (`chronicle.chronicle_lines`: a header row naming the date
and entry columns, or a first column of dates); a sheet named for a year (`2020`, `2020年`)
heads its lines with that year. A sheet that is no chronicle is read row by row. CSV text is
decoded like any text file (UTF-8 with or without BOM, GB18030/GBK, UTF-16) and its delimiter
(comma, tab, semicolon) found by the csv module's sniffer.
"""
from __future__ import annotations

import csv
import io
import re
import zipfile

from events.formats.chronicle import chronicle_lines
from events.formats.office import table_lines
from events.formats.reading import FormatError, Reading

_YEAR_SHEET = re.compile(r"^\s*((?:1[0-9]|20)\d\d)\s*年?\s*$")


def read_xlsx(data: bytes) -> Reading:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (KeyError, ValueError, OSError, zipfile.BadZipFile) as error:
        reason = (str(error).strip() or type(error).__name__).splitlines()[0][:120]
        raise FormatError(f"damaged Excel file: openpyxl cannot read it ({reason})") from None
    lines: list[str] = []
    try:
        for sheet in book.worksheets:
            rows = [list(row) for row in sheet.iter_rows(values_only=True)]
            year = _YEAR_SHEET.match(sheet.title or "")
            chronicle = chronicle_lines(rows, year=year.group(1) if year else None)
            lines += chronicle if chronicle is not None else table_lines(
                [["" if value is None else str(value) for value in row] for row in rows])
    finally:
        book.close()
    if not lines:
        raise FormatError("empty spreadsheet: no sheet holds any text")
    return Reading("\n".join(lines), "xlsx")


def csv_rows(text: str) -> list[list[str]] | None:
    """The text's rows when it is delimited (at least two columns on most lines), else None."""
    sample = "\n".join(text.splitlines()[:20])
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",\t;")
    except csv.Error:
        return None
    rows = [row for row in csv.reader(io.StringIO(text), dialect) if any(cell.strip() for cell in row)]
    if not rows or sum(1 for row in rows if len(row) >= 2) < 0.8 * len(rows):
        return None
    return rows


def read_csv(text: str, encoding: str) -> Reading | None:
    """A CSV chronicle as chronicle lines, or None when the text is no such table."""
    rows = csv_rows(text)
    lines = chronicle_lines(rows) if rows else None
    if not lines:
        return None
    return Reading("\n".join(lines), "csv", encoding)
