"""Reading the files records ship as: plain text, PDF (text layer or scanned), images, Word,
web pages and spreadsheets. Pure Python, no Django, like `events.parsing`.

`read_document(data, max_bytes=…)` decides the format from the bytes, never from a file name —
magic numbers (`%PDF-`, PNG, JPEG, TIFF), a ZIP's contents (`word/document.xml` is DOCX,
`xl/workbook.xml` XLSX), markup for HTML, a delimited table with a date column for CSV, else
text — and returns a `Reading`: the text the parser reads, its format and encoding, the page
map, and notes for an editor. A file it cannot read raises `FormatError` with one line.
"""
from __future__ import annotations

import zipfile
from collections.abc import Callable
from io import BytesIO

from events.formats.reading import FormatError, Reading, page_at
from events.parsing.decoding import DecodeError, decode_bytes

__all__ = ["FormatError", "Reading", "page_at", "read_document", "sniff"]

_IMAGES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")  # PNG, JPEG, TIFF
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_MAX_UNPACKED = 256 * 2**20  # a DOCX or XLSX that unpacks to more is a ZIP bomb, not a record


def read_document(data: bytes, *, max_bytes: int | None = None,
                  on_page: Callable[[int, int], None] | None = None) -> Reading:
    """Read a file's bytes as whatever format they are in; raise FormatError if they are no record.

    `on_page(done, total)`, when given, is called as a PDF's pages are read (for a progress bar)."""
    if max_bytes is not None and len(data) > max_bytes:
        raise FormatError(f"file too large: {len(data):,} bytes, the limit is {max_bytes:,}")
    if not data.strip():
        raise FormatError("empty file: there is no text to import")
    kind = sniff(data)
    if kind == "pdf":
        from events.formats.pdf import read_pdf

        reading = read_pdf(data, on_page=on_page)
    elif kind == "image":
        from events.formats.images import read_image

        reading = read_image(data)
    elif kind == "docx":
        from events.formats.office import read_docx

        reading = read_docx(data)
    elif kind == "xlsx":
        from events.formats.sheets import read_xlsx

        reading = read_xlsx(data)
    elif kind == "html":
        from events.formats.web import read_html

        reading = read_html(data)
    else:
        reading = _read_text(data, max_bytes)
    if not reading.text.strip():
        what = "file" if kind == "text" else kind.upper()
        raise FormatError(f"no text in this {what}: there is nothing to import")
    return reading


def sniff(data: bytes) -> str:
    """The format of the bytes: pdf, image, docx, xlsx, html or text (CSV is text until read)."""
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(_IMAGES):
        return "image"
    if data.startswith(b"PK\x03\x04"):
        return _office_kind(data)
    if data.startswith(_OLE):
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise FormatError("encrypted Office file: it cannot be opened without its password; "
                              "import a copy saved without protection")
        raise FormatError("an old Word or Excel file (.doc/.xls): save it as .docx or .xlsx and import that")
    from events.formats.web import looks_like_html

    return "html" if looks_like_html(data) else "text"


def _office_kind(data: bytes) -> str:
    try:
        members = zipfile.ZipFile(BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError):
        raise FormatError("damaged ZIP file: it cannot be opened (a truncated DOCX or XLSX?)") from None
    unpacked = sum(member.file_size for member in members)
    if unpacked > _MAX_UNPACKED:
        raise FormatError(
            f"Office file too large once unpacked: {unpacked:,} bytes, the limit is {_MAX_UNPACKED:,}"
        )
    names = {member.filename for member in members}
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    raise FormatError("a ZIP archive that is neither a Word (.docx) nor an Excel (.xlsx) file")


def _read_text(data: bytes, max_bytes: int | None) -> Reading:
    try:
        decoded = decode_bytes(data, max_bytes=max_bytes)
    except DecodeError as error:
        raise FormatError(str(error)) from None
    from events.formats.sheets import read_csv

    return read_csv(decoded.text, decoded.encoding) or Reading(decoded.text, "text", decoded.encoding)
