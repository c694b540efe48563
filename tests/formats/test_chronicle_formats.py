"""Word, web-page and spreadsheet versions of a chronicle read to the events of its text version."""
import datetime

import pytest

from events.formats import FormatError, read_document
from events.formats.chronicle import chronicle_lines, date_text
from events.parsing import extract_events
from tests.formats import documents
from tests.formats.texts import TITLE, chronicle_text, entries
from tests.formats.texts import chronicle_lines as text_lines


def events(text: str) -> set[tuple]:
    return {(d.start_date, d.end_date, d.title) for d in extract_events(text).drafts}


VERSIONS = {
    "docx": (lambda: documents.docx(title=TITLE, paragraphs=["本大事记收录2020年青禾区的重要事件。"],
                                    entries=entries()), "docx", ""),
    "html utf-8, meta charset": (lambda: documents.html_page(
        title=TITLE, stamp="2021-03-05 10:20", paragraphs=text_lines()), "html", "utf-8"),
    "html gb2312, http-equiv": (lambda: documents.html_page(
        title=TITLE, stamp="2021-03-05", paragraphs=text_lines(), charset="gb2312", declare="http-equiv"),
        "html", "gb2312"),
    "xlsx, Excel dates": (lambda: documents.xlsx(entries(excel_dates=True)), "xlsx", ""),
    "xlsx, dates as text, year in the sheet's name": (
        lambda: documents.xlsx(entries(), sheet="2020", excel_dates=False), "xlsx", ""),
    "csv, UTF-8 with BOM": (lambda: documents.csv_bytes(entries(excel_dates=True)), "csv", "utf-8-sig"),
    "csv, GBK": (lambda: documents.csv_bytes(entries(excel_dates=True), encoding="gbk"), "csv", "gb18030"),
}


@pytest.mark.parametrize(("build", "kind", "encoding"), VERSIONS.values(), ids=VERSIONS.keys())
def test_every_version_gives_the_events_of_the_text_version(build, kind, encoding):
    reading = read_document(build())

    assert (reading.format, reading.encoding) == (kind, encoding)
    assert reading.pages == ()
    assert events(reading.text) == events(chronicle_text())


@pytest.mark.parametrize("lines", [text_lines(), text_lines()[:3]], ids=["long article", "short article"])
def test_a_web_page_gives_its_article_and_its_stamp_not_its_navigation_or_footer(lines):
    page = documents.html_page(title=TITLE, stamp="2021-03-05 10:20", paragraphs=lines)
    text = read_document(page).text

    assert text.startswith(f"{TITLE}\n发布时间：2021-03-05\n")
    for boilerplate in ("首页", "当前位置", "相关链接", "妇女工作会议", "备案号", "浏览次数"):
        assert boilerplate not in text
    found = extract_events(text)
    assert found.year == 2020 and all(d.start_date.year == 2020 for d in found.drafts)


def test_a_chronicle_table_in_a_web_page_becomes_chronicle_lines():
    table = "<table><tr><th>日期</th><th>事项</th></tr>" + "".join(
        f"<tr><td>2020年{m}月{d}日</td><td>区委召开第{m}{d}次专题会议，研究部署城市更新工作。</td></tr>"
        for m, d in [(3, 5), (3, 9), (4, 2), (4, 20), (5, 6), (5, 18), (6, 1), (6, 9)]
    ) + "</table>"
    page = documents.html_page(title=TITLE, stamp="2021-03-05", paragraphs=[table])
    text = read_document(page).text

    # trafilatura turns the 　 after a date into a space, which the parser reads the same
    assert "2020年\n3月\n5日" in text and "研究部署城市更新工作。\n9日" in text
    assert len(events(text)) == 8


def test_a_word_file_keeps_its_paragraphs_and_headings_in_order():
    data = documents.docx(title=TITLE, paragraphs=["第一段。", "第二段。"], entries=entries()[:2])
    assert read_document(data).text.startswith(f"{TITLE}\n第一段。\n第二段。\n大事记\n1月\n3日　区委书记")


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        (datetime.datetime(2020, 3, 5, 0, 0), "2020年3月5日"),
        (datetime.date(2020, 12, 31), "2020年12月31日"),
        ("43895", "2020年3月5日"),  # an Excel date that lost its format
        ("2020-03-05", "2020年3月5日"),
        ("2020/3/5", "2020年3月5日"),
        ("2020.3.5", "2020年3月5日"),
        ("2020-03", "2020年3月"),
        ("3.5", "3月5日"),
        ("3/5", "3月5日"),
        ("2020", "2020年"),
        ("3月5日", "3月5日"),
        ("3月上旬", "3月上旬"),
        ("13.5", "13.5"),  # no month 13: left as written
        ("春节期间", "春节期间"),
    ],
)
def test_a_date_cell_is_written_as_a_chronicle_writes_dates(cell, written):
    assert date_text(cell) == written


@pytest.mark.parametrize(
    ("rows", "lines"),
    [
        ([["时间", "主要事项", "资料来源"], ["2020-03-05", "区委召开会议。", "区委办"]],
         ["2020年", "3月", "5日　区委召开会议。", "（区委办）"]),
        ([["序号", "日期", "内容"], ["1", "3月5日", "区委召开会议。"], ["2", "", "区政府召开会议。"]],
         ["3月", "5日　区委召开会议。", "5日　区政府召开会议。"]),
        ([["3月", "全区开展春风行动。"], ["3月12日", "植树活动举行。"]],
         ["3月", "是月　全区开展春风行动。", "12日　植树活动举行。"]),
        ([["姓名", "职务"], ["林泽远", "区委书记"]], None),
    ],
    ids=["header words", "merged date cell", "no header, dates first", "no chronicle"],
)
def test_rows_become_chronicle_lines(rows, lines):
    assert chronicle_lines(rows) == lines


def test_a_text_file_with_commas_is_text_not_csv():
    text = "1月\n3日　区委召开常委会议，研究部署全年工作。\n5日　区政府召开常务会议，研究防汛工作。\n"
    assert read_document(text.encode("utf-8")).format == "text"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (documents.docx(title="x", paragraphs=[], entries=[])[:400], r"^damaged ZIP"),
        (b"<!DOCTYPE html><html><head><title>t</title></head><body><script>var a=1;</script></body></html>",
         r"^no article"),
    ],
    ids=["truncated Word file", "web page without an article"],
)
def test_a_bad_office_file_or_page_is_refused_in_one_line(data, message):
    with pytest.raises(FormatError, match=message) as refused:
        read_document(data)
    assert "\n" not in str(refused.value)
