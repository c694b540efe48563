"""Turning the bytes of an uploaded record into text, or saying in one line why not.

Detected without being told, in this order: a UTF-16 byte-order mark (LE or BE), a UTF-8
byte-order mark, strict UTF-8, then GB18030 (a superset of GBK and GB2312). Before that the
bytes are refused when they are empty, when they start with the magic number of a binary
format (PNG, JPEG, GIF, PDF, ZIP/DOCX, …) or hold NUL bytes outside UTF-16, and after it when
no encoding reads them or what was read is mostly control characters.

The text is not normalized: only the byte-order mark is dropped. Line ends stay as written
(`\\r\\n` included), so every offset the parser reports indexes `Decoded.text` exactly, which
is what the importer stores as `Document.text` and what the API returns.
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

_BINARY_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF file"),
    (b"PK\x03\x04", "a ZIP archive (DOCX/XLSX?)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document"),
    (b"{\\rtf", "an RTF document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"BM", None),  # too short to trust alone; NUL bytes catch real bitmaps
    (b"RIFF", "a RIFF media file"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")  # C0 controls other than \t \n \v \f \r
_MAX_CONTROL_SHARE = 0.01


class DecodeError(ValueError):
    """The bytes are not a text document; the message is one line naming the problem."""


@dataclass(frozen=True, slots=True)
class Decoded:
    """The text as read, and the name of the encoding it was read with."""

    text: str
    encoding: str


def decode_bytes(data: bytes, *, max_bytes: int | None = None) -> Decoded:
    """Read data as text in whichever supported encoding it is in; raise DecodeError if none."""
    if max_bytes is not None and len(data) > max_bytes:
        raise DecodeError(f"file too large: {len(data):,} bytes, the limit is {max_bytes:,}")
    if not data.strip():
        raise DecodeError("empty file: there is no text to import")
    decoded = _decode_with_bom(data) or _decode_without_bom(data)
    if not decoded.text.strip():
        raise DecodeError("empty file: there is no text to import")
    if _control_share(decoded.text) > _MAX_CONTROL_SHARE:
        raise DecodeError(
            f"binary data, not text: too many control characters once read as {decoded.encoding}"
        )
    return decoded


def _decode_with_bom(data: bytes) -> Decoded | None:
    for bom, codec, name in (
        (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return Decoded(data[len(bom) :].decode(codec), name)
            except UnicodeDecodeError as error:
                raise DecodeError(f"undecodable text: it starts with a {name} byte-order mark "
                                  f"but byte {error.start + len(bom)} is not {name}") from None
    return None


def _decode_without_bom(data: bytes) -> Decoded:
    _refuse_binary(data)
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return Decoded(data.decode("gb18030"), "gb18030")
    except UnicodeDecodeError as error:
        raise DecodeError(
            f"undecodable text: neither UTF-8, UTF-16 nor GB18030 (bad byte at offset {error.start})"
        ) from None


def _refuse_binary(data: bytes) -> None:
    for magic, kind in _BINARY_MAGIC:
        if kind and data.startswith(magic):
            raise DecodeError(f"binary file, not text: it is {kind}")
    if b"\x00" in data[:65536]:
        raise DecodeError("binary file, not text: it holds NUL bytes (UTF-16 without a byte-order mark?)")


def _control_share(text: str) -> float:
    sample = text[:65536]
    return len(_CONTROL.findall(sample)) / len(sample)
