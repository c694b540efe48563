"""Bad input to the importer: one clear line or a correct import, never a traceback or half an import.

Every case goes through the service (`document_import`) and the `import_document` command;
after a refusal the database holds exactly what it held before.
"""
import datetime
import os
import re
import time

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from events.models import Document
from events.services.importing import DocumentRejected, document_import
from tests.factories import make_event, make_mention
from tests.reliability.rows import counts

pytestmark = pytest.mark.django_db

STATEMENT = "1月27日，区委召开常委会议，研究部署安全生产工作。"
GBK_STATEMENT = "2月3日，区政府召开常务会议。".encode("gbk")


def attempt(via: str, data: bytes, tmp_path, capsys) -> tuple[str, str]:
    """("refused", the message) or ("imported", the summary); anything else escapes as a failure."""
    if via == "service":
        try:
            return "imported", document_import(data=data, source_name="input.txt", year=2020).summary
        except DocumentRejected as error:
            return "refused", str(error)
    path = tmp_path / "input.txt"
    path.write_bytes(data)
    try:
        call_command("import_document", str(path), "--year", "2020")
    except CommandError as error:
        return "refused", str(error)
    return "imported", capsys.readouterr().out.strip()


def assert_consistent(document: Document) -> None:
    """What an import must leave: mentions that slice the stored text, intervals in order."""
    for event in document.events.all():
        assert event.start_date <= event.end_date
        assert event.mentions.exists(), f"event {event.pk} has no source passage"
    for mention in document.mentions.all():
        assert document.text[mention.start : mention.end] == mention.text


@pytest.fixture
def earlier_rows():
    """Something already in the database, so 'unchanged' means more than 'still empty'."""
    event = make_event()
    make_mention(event)
    return counts()


REFUSED = [
    ("empty", b"", r"empty file"),
    ("only whitespace", b" \r\n\t\n  ", r"empty file"),
    ("binary", bytes(range(256)) * 8, r"binary"),
    ("random bytes", os.urandom(4096), r"binary|undecodable"),
    ("damaged PNG image", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + os.urandom(200), r"damaged image"),
    ("damaged JPEG image", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + os.urandom(200), r"damaged image"),
    ("damaged PDF", b"%PDF-1.7\n" + os.urandom(300), r"damaged PDF"),
    ("ZIP that is no Office file", b"PK\x03\x04" + os.urandom(300), r"damaged ZIP"),
    ("truncated UTF-8", (STATEMENT * 3).encode("utf-8")[:-1], r"undecodable"),
    ("UTF-8 then GBK", STATEMENT.encode("utf-8") + GBK_STATEMENT, r"undecodable"),
    ("GBK then UTF-8", GBK_STATEMENT * 5 + STATEMENT.encode("utf-8"), r"undecodable"),
    ("mostly control characters", ("\x07\x1b" + STATEMENT).encode("utf-8") * 3, r"control characters"),
]


@pytest.mark.parametrize("via", ["service", "command"])
@pytest.mark.parametrize(("data", "message"), [(d, m) for _, d, m in REFUSED], ids=[n for n, _, _ in REFUSED])
def test_a_file_that_is_no_record_is_refused_in_one_line_and_changes_nothing(
    via, data, message, earlier_rows, tmp_path, capsys
):
    outcome, text = attempt(via, data, tmp_path, capsys)
    assert outcome == "refused", text
    assert "\n" not in text and "Traceback" not in text
    assert re.search(message, text), text
    assert counts() == earlier_rows


IMPORTED = [
    ("HTML markup", "<p><b>标题</b></p><script>alert(1)</script>\n" + STATEMENT + "\n"),
    ("a few control characters", STATEMENT + "\x0c\n" + STATEMENT.replace("1月", "2月") * 20 + "\x07\n"),
    ("no dates at all", "区委召开常委会议，研究部署工作。\n" * 20),
    ("CRLF line ends and a BOM", "\ufeff" + (STATEMENT + "\r\n") * 3),
]


@pytest.mark.parametrize("via", ["service", "command"])
@pytest.mark.parametrize("text", [t for _, t in IMPORTED], ids=[n for n, _ in IMPORTED])
def test_odd_but_readable_text_is_imported_whole_and_consistent(via, text, earlier_rows, tmp_path, capsys):
    outcome, summary = attempt(via, text.encode("utf-8"), tmp_path, capsys)
    assert outcome == "imported", summary
    assert "\n" not in summary
    document = Document.objects.order_by("-id").first()
    assert document.text == text.removeprefix("\ufeff"), "the text is stored as written, markup included"
    assert_consistent(document)
    assert counts()["events.document"] == earlier_rows["events.document"] + 1


def test_a_statement_after_a_line_of_html_is_read(earlier_rows):
    result = document_import(data=IMPORTED[0][1].encode("utf-8"), source_name="html.txt", year=2020)
    assert list(result.document.events.values_list("start_date", flat=True)) == [datetime.date(2020, 1, 27)]


def test_a_document_without_dates_imports_with_no_events(earlier_rows):
    result = document_import(data=IMPORTED[2][1].encode("utf-8"), source_name="nodates.txt", year=2020)
    assert result.document.events.count() == 0
    assert "0 events" in result.summary


def test_a_document_of_nothing_but_dates_yields_no_events(earlier_rows):
    text = "\n".join(f"{m}月{d}日" for m in range(1, 13) for d in (1, 15)) + "\n"
    result = document_import(data=text.encode("utf-8"), source_name="dates.txt", year=2020)
    assert_consistent(result.document)
    assert result.document.events.count() == 0


def test_a_document_of_nothing_but_dates_is_imported_consistently(earlier_rows):
    text = "\n".join(f"{m}月{d}日" for m in range(1, 13) for d in (1, 15)) + "\n"
    result = document_import(data=text.encode("utf-8"), source_name="dates.txt", year=2020)
    assert result.document.text == text
    assert_consistent(result.document)


@pytest.mark.parametrize("via", ["service", "command"])
def test_a_50_mb_file_is_refused_by_the_size_limit_quickly(via, earlier_rows, tmp_path, capsys):
    line = (STATEMENT + "\n").encode("utf-8")
    data = line * (50 * 1024 * 1024 // len(line) + 1)
    assert len(data) > 50 * 1024 * 1024
    began = time.monotonic()
    outcome, message = attempt(via, data, tmp_path, capsys)
    assert time.monotonic() - began < 3
    assert outcome == "refused"
    assert "too large" in message and "limit" in message and "\n" not in message
    assert counts() == earlier_rows


@override_settings(CHRONICLE_MAX_DOCUMENT_BYTES=1000)
@pytest.mark.parametrize("via", ["service", "command"])
def test_the_size_limit_comes_from_the_setting(via, earlier_rows, tmp_path, capsys):
    data = (STATEMENT + "\n").encode("utf-8") * 40
    outcome, message = attempt(via, data, tmp_path, capsys)
    assert outcome == "refused"
    assert f"{len(data):,} bytes, the limit is 1,000" in message
    assert counts() == earlier_rows
