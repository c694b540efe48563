"""The 大事记 as files: DOCX, Markdown and XLSX, each entry with its event's id, and the API and
command that make them. A LibreOffice rendering checks the DOCX reads as a yearbook's chapter."""

import datetime
import io
import shutil
import subprocess
import zipfile

import pytest
from django.core.management import CommandError, call_command
from docx import Document as Docx
from openpyxl import load_workbook

from events.chronicle_book import chronicle_book
from events.chronicle_files import SHEET_COLUMNS, book_docx, book_markdown, book_xlsx
from events.services.importing import document_import
from tests.factories import make_event

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def month_of_events():
    first = make_event(day=D(2020, 3, 5), description="3月5日，区委召开常委会议。", date_text="3月5日")
    second = make_event(day=D(2020, 3, 5), description="同日，区政府召开<常务>会议*。", date_text="同日")
    lunar = make_event(
        day=D(2020, 1, 21), calendar="lunar", description="腊月二十七，成立指挥部。", date_text="腊月二十七"
    )
    month = make_event(
        start_date=D(2020, 3, 1),
        end_date=D(2020, 3, 31),
        precision="month",
        description="是月，全区开展春风行动。",
        date_text="是月",
    )
    return [lunar, first, second, month]


def test_the_docx_has_the_title_month_headings_and_bookmarked_entries(month_of_events):
    data = book_docx(chronicle_book(year=2020))
    docx = Docx(io.BytesIO(data))
    paragraphs = [(p.style.name, p.text) for p in docx.paragraphs]
    assert paragraphs == [
        ("Title", "2020年大事记"),
        ("Heading 1", "1月"),
        ("Normal", "21日（农历腊月二十七）\u3000成立指挥部。"),
        ("Heading 1", "3月"),
        ("Normal", "5日\u3000区委召开常委会议。"),
        ("Normal", "同日\u3000区政府召开<常务>会议*。"),
        ("Normal", "是月\u3000全区开展春风行动。"),
    ]
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    for event in month_of_events:
        assert f'w:name="event-{event.pk}"' in xml
    assert docx.paragraphs[2].runs[0].bold


def test_the_markdown_escapes_the_text_and_anchors_each_entry(month_of_events):
    text = book_markdown(chronicle_book(year=2020))
    first, second = month_of_events[1], month_of_events[2]
    assert text.startswith("# 2020年大事记\n\n## 1月\n\n")
    assert f'<a id="event-{first.pk}"></a>**5日**\u3000区委召开常委会议。' in text
    assert f'<a id="event-{second.pk}"></a>**同日**\u3000区政府召开\\<常务\\>会议\\*。' in text
    assert text.index("## 3月") < text.index("**是月**")


def test_the_xlsx_lists_every_entry_with_its_id_in_the_chronicles_order(month_of_events):
    sheet = load_workbook(io.BytesIO(book_xlsx(chronicle_book(year=2020))))["大事记"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == SHEET_COLUMNS
    assert [(row[0], row[2], row[4]) for row in rows[1:]] == [
        (month_of_events[0].pk, "21日（农历腊月二十七）", "成立指挥部。"),
        (month_of_events[1].pk, "5日", "区委召开常委会议。"),
        (month_of_events[2].pk, "同日", "区政府召开<常务>会议*。"),
        (month_of_events[3].pk, "是月", "全区开展春风行动。"),
    ]
    assert rows[1][3] == "2020年1月21日（农历腊月二十七）"


def test_text_that_looks_like_a_formula_stays_text_in_the_sheet():
    make_event(day=D(2020, 3, 5), description='=HYPERLINK("http://x")', date_text="")
    sheet = load_workbook(io.BytesIO(book_xlsx(chronicle_book(year=2020))))["大事记"]
    assert sheet["E2"].value == '=HYPERLINK("http://x")' and sheet["E2"].data_type == "s"


@pytest.mark.parametrize(
    ("fmt", "media"), [("docx", "wordprocessingml"), ("md", "markdown"), ("xlsx", "spreadsheetml")]
)
def test_the_api_exports_a_years_chronicle_with_the_event_filters(client, month_of_events, fmt, media):
    response = client.get(f"/api/chronicle/?year=2020&format={fmt}&type=meeting")
    assert response.status_code == 200 and media in response["Content-Type"]
    assert "attachment" in response["Content-Disposition"]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("format=docx", "year"),
        ("year=2020", "format"),
        ("year=2020&format=pdf", "format"),
        ("year=2020&format=md&type=nope", "type"),
    ],
)
def test_the_api_names_the_bad_parameter(client, query, field):
    response = client.get(f"/api/chronicle/?{query}")
    assert response.status_code == 400 and field in response.json()["errors"]


def test_the_command_writes_the_format_its_name_asks_for(tmp_path, month_of_events):
    out = tmp_path / "2020.md"
    call_command("export_chronicle", "2020", str(out))
    assert out.read_text().startswith("# 2020年大事记")
    with pytest.raises(CommandError, match=r"must end in \.docx, \.md or \.xlsx"):
        call_command("export_chronicle", "2020", str(tmp_path / "2020.pdf"))
    with pytest.raises(CommandError, match="no collection 99"):
        call_command("export_chronicle", "2020", str(out), "--collection", "99")


@pytest.mark.slow
def test_libreoffice_renders_the_reference_years_chronicle_as_a_yearbook_chapter(tmp_path, yearbook_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip(
            "LibreOffice is not installed (scripts/test.sh installs libreoffice-writer-nogui on Debian)"
        )
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    year = document_import(data=yearbook_path.read_bytes(), source_name=yearbook_path.name).document.year
    docx = tmp_path / f"{year}年大事记.docx"
    call_command("export_chronicle", str(year), str(docx))
    profile = f"-env:UserInstallation=file://{tmp_path}/profile"
    convert = [soffice, "--headless", profile, "--convert-to", "pdf", "--outdir", str(tmp_path), str(docx)]
    subprocess.run(convert, check=True, capture_output=True, timeout=180)
    pdf = docx.with_suffix(".pdf")
    pages = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    )
    # pdftotext sets Latin and CJK apart with spaces; the words are what counts.
    lines = ["".join(line.split()) for line in pages.stdout.splitlines() if line.strip()]
    assert lines[0] == f"{year}年大事记"
    headings = [line for line in lines if line in {f"{m}月" for m in range(1, 13)}]
    assert headings == [f"{m}月" for m in range(1, 13)]  # every month, in order, each once
    assert sum(line.startswith("同日") for line in lines) >= 3
    assert any(line.startswith("21日（农历腊月二十七）") for line in lines)
    assert any(line.startswith("上旬") for line in lines)
    assert pages.stdout.count("\f") >= 5  # pages, numbered in the footer
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    assert "CJK" in fonts or "Song" in fonts or "Hei" in fonts, fonts  # the Chinese text has a Chinese font
