"""Word (DOCX) files, read with python-docx: paragraphs and headings in order, and tables.

A table whose header names a date and an entry column (日期 | 事项 | 来源) is a chronicle and
becomes chronicle lines (`chronicle.chronicle_lines`); any other table is read row by row,
its cells set apart by `　`. Each paragraph is a line of the text.
"""
from __future__ import annotations

import io
import zipfile

from events.formats.chronicle import chronicle_lines
from events.formats.reading import FormatError, Reading


def read_docx(data: bytes) -> Reading:
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table
    from lxml.etree import XMLSyntaxError

    try:
        document = docx.Document(io.BytesIO(data))
        blocks = list(document.iter_inner_content())
    except (PackageNotFoundError, KeyError, ValueError, XMLSyntaxError, zipfile.BadZipFile) as error:
        raise FormatError(f"damaged Word file: python-docx cannot read it ({_first_line(error)})") from None
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, Table):
            lines += table_lines([[cell.text for cell in row.cells] for row in block.rows])
        else:
            lines += [line.strip() for line in block.text.splitlines() if line.strip()]
    return Reading("\n".join(lines), "docx")


def table_lines(rows: list[list[str]]) -> list[str]:
    """A table as chronicle lines when it is a chronicle, else one line a row."""
    chronicle = chronicle_lines(rows)
    if chronicle is not None:
        return chronicle
    out = []
    for row in rows:
        # a merged cell comes back once for each column it spans
        cells = list(dict.fromkeys(cell.strip() for cell in row if cell and cell.strip()))
        if cells:
            out.append("　".join(cells))
    return out


def _first_line(error: Exception) -> str:
    text = str(error).strip() or type(error).__name__
    return text.splitlines()[0][:120]
