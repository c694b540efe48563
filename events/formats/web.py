"""Web pages: the article, not the navigation, the related links or the footer (trafilatura).

The page is decoded as it declares itself (a byte-order mark, `<meta charset>`, or the
`http-equiv` Content-Type of older sites; gb2312 and gbk are read as GB18030, their superset),
else as UTF-8, else GB18030. A table kept as a chronicle (日期 | 事项) becomes chronicle lines
before the extractor sees it. The text starts with the page's title and its publication stamp
(`发布时间：2021-03-05`), which the parser takes as evidence of the year and never as an event.
"""
from __future__ import annotations

import codecs
import re

from events.formats.chronicle import chronicle_lines
from events.formats.reading import FormatError, Reading
from events.parsing.decoding import DecodeError, decode_bytes

_DECLARED = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030"}
_STAMP = re.compile(
    r"(?:发布|发表|更新)(?:时间|日期)\s*[:：]\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})"
)


def looks_like_html(data: bytes) -> bool:
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head.decode("utf-16", "ignore").encode("ascii", "ignore").lower().lstrip()
    return head.startswith((b"<!doctype html", b"<html")) or (
        head.startswith(b"<") and any(tag in head for tag in (b"<head", b"<body", b"<meta", b"<title")))


def decode_html(data: bytes) -> tuple[str, str]:
    """The page as text and the encoding it was read in: a byte-order mark first, then the
    charset the page declares, then what any text file is read as (UTF-8, else GB18030)."""
    declared = _DECLARED.search(data[:4096])
    if declared and not data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        name = declared.group(1).decode("ascii").lower()
        try:
            return data.decode(_SUPERSETS.get(name, name), "replace"), name
        except LookupError:  # a charset Python does not know: read the page as any text
            pass
    try:
        decoded = decode_bytes(data)
    except DecodeError as error:
        raise FormatError(f"unreadable web page: {error}") from None
    return decoded.text, decoded.encoding


def read_html(data: bytes) -> Reading:
    import lxml.html
    import trafilatura

    page, encoding = decode_html(data)
    try:
        tree = lxml.html.fromstring(page)
    except (ValueError, lxml.etree.ParserError) as error:
        raise FormatError(f"unreadable web page: {error}") from None
    _chronicle_tables(tree)
    # Precision first: on a short article the default falls back to the whole page, menus and
    # related links (dated headlines!) included.
    body = trafilatura.extract(tree, output_format="txt", include_tables=True, include_comments=False,
                               deduplicate=False, include_links=False, favor_precision=True)
    if not body or not body.strip():
        raise FormatError("no article in this web page: only navigation, links or scripts")
    metadata = trafilatura.extract_metadata(tree)
    head = []
    title = (metadata.title or "").strip() if metadata else ""
    if title and not body.lstrip().startswith(title):
        head.append(title)
    stamp = _stamp(metadata.date if metadata else None, tree.text_content())
    if stamp:
        head.append(f"发布时间：{stamp}")
    return Reading("\n".join([*head, body.strip()]), "html", encoding)


def _stamp(found: str | None, text: str) -> str | None:
    """The publication date: the one printed on the page, else the one in its metadata."""
    printed = _STAMP.search(text)
    if printed:
        year, month, day = printed.groups()
        return f"{year}-{int(month):02d}-{int(day):02d}"
    return found[:10] if found and re.match(r"\d{4}-\d\d-\d\d", found) else None


def _chronicle_tables(tree) -> None:
    """Replace each table kept as a chronicle by one paragraph a line."""
    import lxml.html

    for table in tree.iter("table"):
        rows = [[cell.text_content().strip() for cell in row.iter("td", "th")] for row in table.iter("tr")]
        lines = chronicle_lines(rows)
        if lines is None:
            continue
        replacement = lxml.html.fragment_fromstring("<div></div>")
        for line in lines:
            paragraph = lxml.etree.SubElement(replacement, "p")
            paragraph.text = line
        table.getparent().replace(table, replacement)
