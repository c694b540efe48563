"""`manage.py import_document`: one summary line, or one error line and a non-zero exit."""
import codecs
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from events.models import Document, Event
from tests.conftest import SAMPLE

pytestmark = pytest.mark.django_db

RECORD = "组织工作\n\n【会议】 1月27日，区委书记张立主持召开十四届区委常委会第102次会议。\n"


def run(*args):
    out = StringIO()
    call_command("import_document", *map(str, args), stdout=out)
    return out.getvalue()


def test_importing_prints_one_summary_line(tmp_path):
    path = tmp_path / "dongling.txt"
    path.write_bytes(codecs.BOM_UTF8 + RECORD.encode("utf-8"))
    out = run(path, "--title", "东林区年鉴", "--year", "2020")
    assert out.count("\n") == 1
    assert out.startswith('imported "东林区年鉴" (utf-8-sig, ')
    assert out.strip().endswith("1 events, 1 mentions, year 2020")
    assert Event.objects.get().series_number == 102


def test_importing_again_says_unchanged(tmp_path):
    path = tmp_path / "dongling.txt"
    path.write_text(RECORD, encoding="gb18030")
    run(path)
    out = run(path)
    assert out.strip() == f'unchanged: "dongling" is already imported as document {Document.objects.get().pk}'


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "damaged image"),
        (b"%PDF-1.7\n", "damaged PDF"),
        (b"\xff\xd8\xff\xe0JFIF", "damaged image"),
        (b"x\x80\xff\x80\xff", "undecodable"),
    ],
)
def test_bad_files_fail_with_one_line_and_store_nothing(tmp_path, content, words):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(CommandError) as error:
        run(path)
    assert words in str(error.value) and "\n" not in str(error.value)
    assert str(error.value).startswith(f"cannot import {path}: ")
    assert Document.objects.count() == 0


def test_a_missing_file_fails_with_one_line(tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        run(tmp_path / "missing.txt")


def test_an_empty_directory_fails_with_one_line(tmp_path):
    with pytest.raises(CommandError, match="the directory holds no file"):
        run(tmp_path)


def test_a_directory_is_imported_file_by_file_and_a_bad_file_is_one_line(tmp_path, capsys):
    (tmp_path / "a.txt").write_text(RECORD, encoding="utf-8")
    (tmp_path / "b.txt").write_text("2月3日，区政府召开常务会议。", encoding="utf-8")
    (tmp_path / "c.bin").write_bytes(b"\x00\x01" * 50)
    (tmp_path / ".hidden").write_text("3月1日，区委召开会议。", encoding="utf-8")
    out, err = StringIO(), StringIO()
    expected = r"2 of 3 files imported in .* s with 1 job; 1 could not be imported"
    with pytest.raises(CommandError, match=expected):
        call_command("import_document", str(tmp_path), "--year", "2020", stdout=out, stderr=err)
    assert [line.split(":")[0] for line in out.getvalue().splitlines()] == ["a.txt", "b.txt"]
    assert err.getvalue().strip().startswith(f"cannot import {tmp_path / 'c.bin'}: binary file")
    assert Document.objects.count() == 2


def test_a_title_cannot_name_a_whole_directory(tmp_path):
    (tmp_path / "a.txt").write_text(RECORD, encoding="utf-8")
    with pytest.raises(CommandError, match="--title names one document"):
        run(tmp_path, "--title", "x")


@override_settings(CHRONICLE_MAX_DOCUMENT_BYTES=10)
def test_a_file_over_the_limit_fails_before_it_is_read(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text(RECORD, encoding="utf-8")
    with pytest.raises(CommandError, match="file too large"):
        run(path)


def test_the_demo_sample_imports_with_sensible_events():
    out = run(SAMPLE, "--title", "青禾区年鉴（2024）示例")
    assert out.startswith('imported "青禾区年鉴（2024）示例"')
    events = {(e.start_date.isoformat(), e.type, e.series_name, e.series_number) for e in Event.objects.all()}
    assert ("2023-01-03", "meeting", "区委常委会", 41) in events
    assert ("2023-08-21", "meeting", "区政府常务会议", 27) in events
    assert len(events) >= 10
    document = Document.objects.get()
    assert all(document.text[m.start : m.end] == m.text for m in document.mentions.all())
