"""Reading a printed yearbook's layout back from text: sections, entries, torn paragraphs, captions."""
import pytest

from events.parsing.layout.segment import segment

YEARBOOK_PAGE = (
    "中共东林区委员会\n\n"
    "综 述\n\n"
    "【常委会议】 3月2日，区委书记王立新主持召开十三届\n\n"
    "区委常委会第18次会议。研究春耕工作。\n\n"
    "组织工作\n\n"
    "【基层党建】 2021年，区委组织部推进支部建设，5月4日，全区\n\n\n\n"
    "5月4日，区委组织部到北关社区观摩\n"
    "组织部供图\n\n"
    "党员志愿服务队在北关社区开展义诊活动。\n\n"
    "（赵晴 钱明\n"
    "孙亮）\n\n"
    "年鉴条目应当一事一条。\n\n"
    "——摘自《地方综合年鉴编纂出版规定》\n"
)


def blocks_of(text, kind):
    return [block for block in segment(text).blocks if block.kind == kind]


def test_every_piece_is_an_exact_span_of_the_text():
    for block in segment(YEARBOOK_PAGE).blocks:
        for start, end in block.pieces:
            assert 0 <= start < end <= len(YEARBOOK_PAGE)
            assert "\n" not in YEARBOOK_PAGE[start:end]


@pytest.mark.parametrize(
    ("kind", "texts"),
    [
        ("title", ["中共东林区委员会", "综 述", "组织工作"]),
        ("entry", ["【常委会议】", "【基层党建】"]),
        ("caption", ["5月4日，区委组织部到北关社区观摩"]),
        ("credit", ["组织部供图"]),
        ("byline", ["（赵晴 钱明", "孙亮）"]),
        ("quote", ["年鉴条目应当一事一条。"]),
        ("source", ["——摘自《地方综合年鉴编纂出版规定》"]),
    ],
)
def test_each_kind_of_line_is_recognised(kind, texts):
    assert [block.text(YEARBOOK_PAGE) for block in blocks_of(YEARBOOK_PAGE, kind)] == texts


def test_a_paragraph_torn_by_a_page_break_is_joined_again():
    minutes = blocks_of(YEARBOOK_PAGE, "paragraph")[0]
    expected = "3月2日，区委书记王立新主持召开十三届区委常委会第18次会议。研究春耕工作。"
    assert minutes.text(YEARBOOK_PAGE) == expected
    assert len(minutes.pieces) == 2


def test_a_caption_dropped_into_a_paragraph_stays_apart_and_the_paragraph_is_joined_around_it():
    party = blocks_of(YEARBOOK_PAGE, "paragraph")[1]
    expected = "2021年，区委组织部推进支部建设，5月4日，全区党员志愿服务队在北关社区开展义诊活动。"
    assert party.text(YEARBOOK_PAGE) == expected
    caption = blocks_of(YEARBOOK_PAGE, "caption")[0]
    assert party.pieces[0][1] < caption.start < party.pieces[1][0]


@pytest.mark.parametrize(
    ("paragraph", "section"),
    [
        (0, "中共东林区委员会 › 综 述 › 【常委会议】"),
        (1, "中共东林区委员会 › 组织工作 › 【基层党建】"),
    ],
)
def test_each_paragraph_knows_its_section_path(paragraph, section):
    assert blocks_of(YEARBOOK_PAGE, "paragraph")[paragraph].section_path == section


def test_a_title_printed_one_character_a_line_is_read_as_one_title():
    text = "人\n大\n\n综 述\n\n【会议】 1月5日，区人大常委会召开会议。\n"
    assert blocks_of(text, "paragraph")[0].section_path == "人大 › 综 述 › 【会议】"


@pytest.mark.parametrize(
    "line",
    ["王蕊 摄", "李卫华 摄", "区法院供图", "政治处供图", "（王蕊 摄）", "摄影：王蕊", "王蕊/摄",
     "（组织部供图）", "王蕊 李明 摄"],
)
def test_credits_on_their_own_line(line):
    text = f"正文第一段。\n\n\n\n6月1日，区法院开展宣传活动\n{line}\n\n正文第二段。\n"
    assert [b.text(text) for b in blocks_of(text, "credit")] == [line]
    assert [b.text(text) for b in blocks_of(text, "caption")] == ["6月1日，区法院开展宣传活动"]


@pytest.mark.parametrize("credit", ["政治处供图", "王蕊 摄", "（王蕊 摄）", "（政治处供图）"])
def test_a_caption_with_its_credit_at_the_end_of_its_line(credit):
    text = f"正文。\n\n\n\n6月1日，在社区开展反诈骗宣传 {credit}\n\n正文继续。\n"
    assert [b.text(text) for b in blocks_of(text, "caption")] == ["6月1日，在社区开展反诈骗宣传"]
    assert [b.text(text) for b in blocks_of(text, "credit")] == [credit]


def test_a_caption_with_its_credit_on_the_same_line_and_a_second_caption_line():
    text = "正文。\n\n\n\n7月，东站，民警押送\n嫌疑人回区 政治处供图\n\n正文继续。\n"
    assert [b.text(text) for b in blocks_of(text, "caption")] == ["7月，东站，民警押送嫌疑人回区"]
    assert [b.text(text) for b in blocks_of(text, "credit")] == ["政治处供图"]


def test_crlf_line_ends_do_not_change_offsets():
    text = YEARBOOK_PAGE.replace("\n", "\r\n")
    minutes = blocks_of(text, "paragraph")[0]
    assert minutes.text(text) == "3月2日，区委书记王立新主持召开十三届区委常委会第18次会议。研究春耕工作。"


def test_chronicle_headings_set_year_and_month():
    text = "2019年\n\n一月\n\n3日　区委召开全会。\n\n2020年3月\n\n5日　区政府召开常务会议。\n"
    items = blocks_of(text, "paragraph")
    assert [(b.year, b.month) for b in items] == [(2019, 1), (2020, 3)]


def test_a_web_page_stamp_at_the_top_is_not_a_paragraph():
    text = "发布时间：2021-03-05 10:20 来源：区政府网\n\n大事记\n\n1月\n\n3日　区委召开全会。\n"
    assert [b.text(text) for b in blocks_of(text, "stamp")] == ["发布时间：2021-03-05 10:20 来源：区政府网"]


INTERLEAVED = (
    "3月\n\n"
    "3日　区委召开常委会议，研究       17日　区政府召开常务会议，\n"
    "3日　区委召开常委会议，研究\n"
    "17日　区政府召开常务会议，\n"
    "部署春耕生产工作。\n"
    "研究城市更新工作。\n"
    "5日　区人大常委会举行\n"
    "20日　区政协召开常委\n"
    "第十次会议。\n"
    "会议，协商议政。\n"
)


def test_two_columns_interleaved_line_by_line_are_reported_and_not_read():
    layout = segment(INTERLEAVED)
    assert [p.kind for p in layout.problems] == ["interleaved-columns"]
    assert "two printed columns" in layout.problems[0].message
    assert not [b for b in layout.blocks if b.kind == "paragraph"]


def test_the_reference_yearbook_segments_into_exact_spans(yearbook_text):
    layout = segment(yearbook_text)
    kinds = {block.kind for block in layout.blocks}
    assert {"title", "entry", "paragraph", "caption", "credit", "byline", "quote"} <= kinds
    assert not layout.problems
    for block in layout.blocks:
        assert all(yearbook_text[s:e].strip() for s, e in block.pieces)


SIDE_BY_SIDE = (
    "大事记\n\n"
    "1月                                  7月\n"
    "3日　区委召开常委会议，研究      2日　区政府召开常务会议，\n"
    "部署春耕生产工作。                  研究防汛工作。\n"
    "9日　区人大常委会举行第十次      15日　区政协召开常委会议，\n"
    "会议。                              协商议政。\n"
)


def test_two_columns_side_by_side_on_each_line_are_reported_with_their_line_numbers():
    layout = segment(SIDE_BY_SIDE)
    assert [p.kind for p in layout.problems] == ["interleaved-columns"]
    assert layout.problems[0].message.startswith("lines 3–7 ")
    assert not [b for b in layout.blocks if b.kind == "paragraph"]


def test_chronicle_entries_with_one_wide_space_are_not_columns():
    text = ("1月\n3日　区委召开全会。\n5日　区政府召开常务会议。\n9日　区人大召开会议。\n"
            "12日　区政协召开会议。\n")
    assert segment(text).problems == ()


def test_an_agenda_on_its_own_lines_stays_with_its_meeting():
    text = ("【会议】 3月2日，区委召开常委会议。会议议题有2项：\n（1）传达学习全会精神；\n"
            "（2）听取春耕工作汇报。\n2020年，魏都区主要做了以下工作：\n\n疫情防控取得阶段性胜利。\n")
    texts = [b.text(text) for b in blocks_of(text, "paragraph")]
    assert texts == ["3月2日，区委召开常委会议。会议议题有2项：（1）传达学习全会精神；"
                     "（2）听取春耕工作汇报。",
                     "2020年，魏都区主要做了以下工作：",
                     "疫情防控取得阶段性胜利。"]


def test_form_feeds_between_pdf_pages_are_page_breaks_not_text():
    text = "【会议】 6月8日，区委书记主持召开十四届\n\f区委常委会第114次会议。\n"
    [paragraph] = blocks_of(text, "paragraph")
    assert paragraph.text(text) == "6月8日，区委书记主持召开十四届区委常委会第114次会议。"


def test_a_lone_carriage_return_ends_a_line_too():
    text = YEARBOOK_PAGE.replace("\n", "\r")
    assert [b.text(text) for b in blocks_of(text, "title")] == ["中共东林区委员会", "综 述", "组织工作"]
