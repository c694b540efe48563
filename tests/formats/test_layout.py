"""Lines of print back into text, from boxes alone (`layout.flow`), without a PDF or an image."""
import pytest

from events.formats.layout import PrintLine, PrintPage, flow

SIZE, LEADING = 10.0, 16.0
LEFT, RIGHT, COLUMN = 50.0, 300.0, 220.0  # two columns' left edges and their width


def line(text: str, row: int, *, column: int = 0, indent: int = 0, full: bool = True, size: float = SIZE,
         top: float | None = None) -> PrintLine:
    x0 = (LEFT if column == 0 else RIGHT) + indent * size
    x1 = (LEFT if column == 0 else RIGHT) + COLUMN if full else x0 + len(text) * size
    y = top if top is not None else 80 + row * LEADING
    return PrintLine(text, x0, y, x1, y + size, size)


def page(*lines: PrintLine, index: int = 1, height: float = 800.0) -> PrintPage:
    return PrintPage(index, 560.0, height, tuple(lines))


def test_two_columns_are_read_left_then_right_whatever_order_the_lines_come_in():
    lines = [
        line("左栏第一行，", 0, indent=2), line("右栏第一行，", 0, column=1, indent=2),
        line("左栏第二行。", 1, full=False), line("右栏第二行。", 1, column=1, full=False),
        line("左栏另起一段。", 2, indent=2, full=False),
        line("右栏另起一段。", 2, column=1, indent=2, full=False),
    ]
    text = flow([page(*lines)]).text
    assert text == "左栏第一行，左栏第二行。\n左栏另起一段。\n\n右栏第一行，右栏第二行。\n右栏另起一段。"


@pytest.mark.parametrize(
    ("first", "second", "joined"),
    [
        (line("一行到栏边，", 0), line("下一行接着。", 1, full=False), True),
        (line("一行没到栏边。", 0, full=False), line("下一行另起。", 1, full=False), False),
        (line("一行到栏边，", 0), line("下一行缩进。", 1, indent=2, full=False), False),
        (line("一行到栏边，", 0), line("字号不同的标题", 1, size=13, full=False), False),
        (line("一行到栏边。", 0), line("3日　下一条大事。", 1, full=False), False),
        (line("一行到栏边。", 0), line("二、标题", 1, full=False), False),
        (line("句子在栏边结束。", 0), line("下一句接着说，没有断开。", 1, full=False), True),
    ],
    ids=["runs to the edge", "ends short", "indented", "other size", "dated entry", "heading", "sentence"],
)
def test_when_a_line_runs_on_into_the_next(first, second, joined):
    filler = [line("同栏其他的行，", row, full=True) for row in range(3, 6)]  # the column's edges
    text = flow([page(first, second, *filler)]).text
    assert (first.text + second.text in text) is joined


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        ("sustainable agricul-", "ture and irrigation", "sustainable agriculture and irrigation"),
        ("hosted by the Qinghe", "Development Zone", "hosted by the Qinghe Development Zone"),
        ("总投资132", "亿元", "总投资132亿元"),
        ("增长到2", "020年的水平", "增长到2020年的水平"),
        ("Zone in", "2020年", "Zone in 2020年"),
    ],
)
def test_joining_lines_keeps_words_whole(before, after, expected):
    lines = [line(before, 0), line(after, 1, full=False), *[line("填充的行，", row) for row in range(2, 5)]]
    assert flow([page(*lines)]).text.startswith(expected)


def test_a_narrow_column_of_dates_stays_with_its_entries():
    lines = []
    for row, (day, entry) in enumerate([("3日", "区委召开常委会议。"), ("5日", "区政府召开常务会议。")]):
        lines += [line(day, row, full=False), PrintLine(entry, LEFT + 50, 80 + row * LEADING, LEFT + 200,
                                                        90 + row * LEADING, SIZE)]
    assert flow([page(*lines)]).text == "3日　区委召开常委会议。\n5日　区政府召开常务会议。"


def test_a_stop_hanging_into_the_gutter_does_not_merge_the_columns():
    hanging = PrintLine("左栏这一行的句号悬在栏外，", LEFT, 80, LEFT + COLUMN + 12, 90, SIZE)
    lines = [hanging, line("左栏下一行。", 1, full=False), line("右栏的字。", 0, column=1, full=False),
             line("右栏下一行。", 1, column=1, full=False)]
    assert flow([page(*lines)]).text == "左栏这一行的句号悬在栏外，左栏下一行。\n\n右栏的字。\n右栏下一行。"


def test_running_heads_and_footers_are_dropped_and_printed_numbers_kept():
    pages = []
    for index in range(1, 4):
        head = PrintLine(("青禾区年鉴" if index % 2 else "大事记") + " 2021", LEFT, 30, LEFT + 90, 39, 9)
        folio = PrintLine(f"— {index + 11} —", 270, 770, 300, 779, 9)
        body = [line(f"第{index}页的正文。", row, full=False) for row in range(3)]
        pages.append(page(head, *body, folio, index=index))
    read = flow(pages)
    assert "年鉴" not in read.text and "大事记" not in read.text and "—" not in read.text
    assert [number for _, number in read.pages] == [12, 13, 14] and read.dropped == 6


def test_a_line_at_the_top_that_is_no_running_head_stays():
    months = [("1月", "3日　区委召开常委会议。"), ("2月", "5日　区政府召开常务会议。")]
    pages = [
        page(line(month, 0, full=False, top=40), line(entry, 0, full=False, top=56), index=index)
        for index, (month, entry) in enumerate(months, start=1)
    ]
    lines = ["1月", "3日　区委召开常委会议。", "2月", "5日　区政府召开常务会议。"]
    assert [text for text in flow(pages).text.split("\n") if text] == lines


def test_footnotes_wait_for_the_paragraph_the_page_break_tore():
    first = page(line("正文第一行，", 0, indent=2), line("正文到页底仍未结束，", 1),
                 PrintLine("①注释的文字。", LEFT, 700, LEFT + 80, 707, 7.5), index=1)
    second = page(line("接着上一页说完。", 0, full=False), line("另起一段。", 1, indent=2, full=False),
                  index=2)
    read = flow([first, second])
    assert read.text == "正文第一行，正文到页底仍未结束，接着上一页说完。\n①注释的文字。\n另起一段。"
    assert read.footnotes == 1
    assert [page for _, page in read.pages] == [1, 2, 1, 2]
