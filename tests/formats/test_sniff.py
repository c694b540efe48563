"""The format is decided by the bytes, never by the file's name; what cannot be read says so in one line."""
import pytest

from events.formats import FormatError, read_document, sniff
from tests.formats import documents
from tests.formats.texts import TITLE, chronicle_lines, entries

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"%PDF-1.7\n...", "pdf"),
        (b"\r\n%PDF-1.4\n...", "pdf"),  # junk before the header, which readers allow
        (b"\x89PNG\r\n\x1a\n...", "image"),
        (b"\xff\xd8\xff\xe0...", "image"),
        (b"II*\x00...", "image"),
        (b"MM\x00*...", "image"),
        (b"<!DOCTYPE html><html>", "html"),
        (b"\xef\xbb\xbf  <html lang='zh'><head>", "html"),
        ("<html><head><meta charset=gbk>".encode("utf-16"), "html"),
        ("1月3日，区委召开常委会议。".encode(), "text"),
        (b"<note>not a page</note>", "text"),
    ],
)
def test_the_format_is_read_from_the_bytes(data, kind):
    assert sniff(data) == kind


def test_office_files_are_told_apart_by_what_their_zip_holds():
    assert sniff(documents.docx(title=TITLE, paragraphs=[], entries=entries()[:1])) == "docx"
    assert sniff(documents.xlsx(entries()[:1])) == "xlsx"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", r"^empty file"),
        (b"PK\x03\x04" + bytes(200), r"^damaged ZIP file"),
        (OLE + bytes(500), r"^an old Word or Excel file \(\.doc/\.xls\): save it as \.docx or \.xlsx"),
        (OLE + bytes(100) + "EncryptedPackage".encode("utf-16-le") + bytes(100), r"^encrypted Office file"),
        (b"GIF89a" + bytes(100), r"binary file, not text: it is a GIF image"),
        (b"x" * 1001, r"^file too large"),
    ],
    ids=["empty", "damaged zip", "old office", "encrypted office", "gif", "too large"],
)
def test_what_cannot_be_read_is_refused_in_one_line(data, message):
    with pytest.raises(FormatError, match=message) as refused:
        read_document(data, max_bytes=1000)
    assert "\n" not in str(refused.value)


def test_a_zip_that_is_no_office_file_is_named_as_such():
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("photos/1.txt", "x")
    with pytest.raises(FormatError, match="neither a Word"):
        read_document(buffer.getvalue())


def test_a_zip_bomb_is_refused_before_it_is_unpacked():
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", "")
        archive.writestr("word/media/padding.bin", bytes(300 * 2**20))
    with pytest.raises(FormatError, match="too large once unpacked"):
        read_document(buffer.getvalue())


def test_an_image_with_too_many_pixels_is_refused():
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("1", (20000, 12000)).save(buffer, format="PNG")
    with pytest.raises(FormatError, match="^image too large"):
        read_document(buffer.getvalue())


def test_a_page_in_utf16_with_its_bom_is_read():
    page = documents.html_page(title=TITLE, stamp="2021-03-05", paragraphs=chronicle_lines())
    reading = read_document(page.decode("utf-8").encode("utf-16"))
    assert (reading.format, reading.encoding) == ("html", "utf-16")
    assert "3日　区委书记" in reading.text or "3日 区委书记" in reading.text
