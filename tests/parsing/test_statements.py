"""Cutting paragraphs into dated statements: leading dates start them, referenced dates do not."""
import datetime

import pytest

from events.parsing.dates import scan_dates
from events.parsing.segment import segment
from events.parsing.statements import find_statements


def statements_of(text, year=2020):
    scan = scan_dates(text, year=year)
    return find_statements(text, segment(text).blocks, scan.mentions, year=year)


def dated_texts(text, year=2020):
    return [(s.date.start_date.isoformat(), s.text) for s in statements_of(text, year)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "【媒体报道】 7月3日，《东林日报》报道区委经验做法；7月8日，《组织人事报》刊发专题文章。",
            [("2020-07-03", "7月3日，《东林日报》报道区委经验做法"),
             ("2020-07-08", "7月8日，《组织人事报》刊发专题文章。")],
        ),
        (
            "1月31日，区委书记主持召开区委常委会第103次会议。会议议题有1项：传达学习1月29日市委书记讲话精神。",
            [("2020-01-31", "1月31日，区委书记主持召开区委常委会第103次会议。"
                            "会议议题有1项：传达学习1月29日市委书记讲话精神。")],
        ),
        (
            "2020年，区委组织部推进支部建设。3月15日，区委组织部举办书记培训班。全年培训干部3000人。",
            [("2020-03-15", "3月15日，区委组织部举办书记培训班。")],
        ),
        (
            "二是坚持通报制度。1月9日上午，在东林宾馆召开老干部通报会。三是做好慰问。",
            [("2020-01-09", "1月9日上午，在东林宾馆召开老干部通报会。")],
        ),
        (
            "会议要求，12月31日前完成整改；自2月21日起全区无新增病例。",
            [],
        ),
        (
            "政协东林区第十届委员会第四次会议，于2020年6月13日至15日举行。全会听取了工作报告。",
            [("2020-06-13", "政协东林区第十届委员会第四次会议，于2020年6月13日至15日举行。"
                            "全会听取了工作报告。")],
        ),
        (
            "区委编办在2020年11月30日举办法定代表人培训班，全区141家单位参加。",
            [("2020-11-30", "区委编办在2020年11月30日举办法定代表人培训班，全区141家单位参加。")],
        ),
    ],
    ids=["two clauses", "agenda keeps a referenced date", "mid-paragraph ends with its sentence",
         "after a full stop", "reference points only", "predicate date", "predicate date with 在"],
)
def test_statements_start_at_leading_dates(text, expected):
    assert dated_texts(text) == expected


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("2020年，全区完成投资40亿元。", 0),
        ("上半年，全区经济由负转正。", 0),
        ("第四季度，全区完成老旧小区改造18个。", 0),
        ("5月上旬，全区开展党员志愿服务活动。", 1),
        ("6月，全区开展安全生产月活动。", 1),
        ("3月5日，区委召开会议。", 1),
    ],
)
def test_only_day_xun_and_month_statements_become_events(text, count):
    assert len(statements_of(text)) == count


def test_a_statement_across_a_page_break_is_one_exact_slice():
    text = "【会议】 6月8日，区委书记主持召开十四届\n\n区委常委会第114次会议。专题研究两会筹备。\n"
    [statement] = statements_of(text)
    assert statement.text == "6月8日，区委书记主持召开十四届区委常委会第114次会议。专题研究两会筹备。"
    assert len(statement.pieces) == 2
    assert "\n\n" in text[statement.start : statement.end]


def test_a_caption_is_its_own_statement_and_does_not_cut_the_paragraph():
    text = ("【活动】 2020年，区科协开展科普活动，\n\n\n\n7月6日，学生体验科普大篷车\n石晨光 摄\n\n"
            "组织专家进社区。8月26日，区科协在科技广场开展宣传活动。\n")
    found = dated_texts(text)
    assert found == [("2020-07-06", "7月6日，学生体验科普大篷车"),
                     ("2020-08-26", "8月26日，区科协在科技广场开展宣传活动。")]


def test_a_caption_opened_by_tu_wei_is_a_statement_from_its_date():
    text = "【会议】 全年开会42次。\n\n图为2020年10月15日，区政府召开第42次常务会议（区政府办公室供图）\n"
    assert dated_texts(text) == [("2020-10-15", "2020年10月15日，区政府召开第42次常务会议")]


CHRONICLE = (
    "2019年\n\n12月\n"
    "7日　区委召开全会。\n"
    "同日　区长到东关街道检查工作。\n"
    "△　区政协召开常委会议。\n"
    "22—26日　区人大会议召开。\n"
    "是月　全区开展送温暖活动。\n"
)


@pytest.mark.parametrize(
    ("index", "start", "end", "precision"),
    [
        (0, "2019-12-07", "2019-12-07", "day"),
        (1, "2019-12-07", "2019-12-07", "day"),
        (2, "2019-12-07", "2019-12-07", "day"),
        (3, "2019-12-22", "2019-12-26", "day"),
        (4, "2019-12-01", "2019-12-31", "month"),
    ],
    ids=["day entry", "同日", "△", "range of days", "是月"],
)
def test_chronicle_entries_take_their_dates_from_the_headings(index, start, end, precision):
    statement = statements_of(CHRONICLE, year=2021)[index]
    assert (statement.date.start_date.isoformat(), statement.date.end_date.isoformat()) == (start, end)
    assert statement.date.precision == precision


def test_statement_offsets_index_the_text(yearbook_text):
    scan = scan_dates(yearbook_text)
    for statement in find_statements(yearbook_text, segment(yearbook_text).blocks, scan.mentions, year=2020):
        assert statement.text.replace(" ", "") in yearbook_text[statement.start : statement.end].replace(
            "\n", "").replace(" ", "") or len(statement.pieces) > 1
        assert isinstance(statement.date.start_date, datetime.date)


@pytest.mark.parametrize(
    "text",
    [
        "按期完成招标工作。2021年3月投入试运行，届时将实现主要道路视频监控全覆盖。",
        "【春节慰问】 春节及中秋节前夕，区台办多次走访慰问台胞台属。",
    ],
    ids=["a plan", "festivals named as a season"],
)
def test_plans_and_festival_seasons_are_no_statements(text):
    assert statements_of(text) == []


def test_a_bare_list_of_dates_states_nothing():
    text = "\n".join(f"{m}月{d}日" for m in range(1, 13) for d in (1, 15)) + "\n"
    assert statements_of(text) == []


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("2020年1月至12月，全区累计完成投资40亿元。", 0),
        ("1月1日至12月31日，全区开展专项整治。", 0),
        ("3月1日至4月15日，全区开展春季植树活动。", 1),
        ("6月13日至15日，区人大会议召开。", 1),
    ],
)
def test_periods_reported_on_are_no_events(text, count):
    assert len(statements_of(text)) == count


def test_a_marker_right_under_a_new_month_heading_takes_that_month_not_the_last_day():
    text = "2020年\n\n1月\n\n5日　区委召开全会。\n\n2月\n\n☆　全区发放慰问金300万元。\n"
    dates = [(s.date.start_date.isoformat(), s.date.end_date.isoformat(), s.date.precision)
             for s in statements_of(text)]
    assert dates == [("2020-01-05", "2020-01-05", "day"), ("2020-02-01", "2020-02-29", "month")]


@pytest.mark.parametrize(
    "line, date",
    [
        ("●1月2日，区委召开常委会议。", "2020-01-02"),
        ("◆1月5日　区政府召开常务会议。", "2020-01-05"),
        ("■ 1 月 8 日，区人大常委会召开会议。", "2020-01-08"),
        ("1. 3月1日，区委书记调研春耕生产。", "2020-03-01"),
        ("（1）3月5日，区政协召开常委会议。", "2020-03-05"),
        ("（一）3月6日，区政协召开常委会议。", "2020-03-06"),
        ("一、4月1日，区委召开全会。", "2020-04-01"),
        ("①4月2日，区委召开全会。", "2020-04-02"),
    ],
)
def test_a_bulleted_or_numbered_entry_starts_with_its_date(line, date):
    found = dated_texts("大事记\n\n" + line + "\n")
    assert [d for d, _ in found] == [date] and line.endswith(found[0][1])  # the bullet left out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("【康复】 在2020年的“爱耳日”活动中，区残联发放助听器。", [("2020-03-03", "2020-03-03")]),
        ("【宣传】 开展“全国科技工作者日”主题宣传。节日期间制作标语。", [("2020-05-30", "2020-05-30")]),
        ("【老干部】 一是组织体检。四是10月下旬，邀请老干部参加主题党课。", [("2020-10-21", "2020-10-31")]),
        ("【培训】 结合工作实际，自8月28日开展网上自主培训。", [("2020-08-28", "2020-08-28")]),
        ("【摄影】 两组照片分别在2月5日、2月7日在学习平台上推广。", [("2020-02-05", "2020-02-05"),
                                                             ("2020-02-07", "2020-02-07")]),
    ],
    ids=["a named day in quotes after 在", "a named day after 开展", "an enumeration", "自", "分别"],
)
def test_days_named_listed_or_enumerated_date_what_happened_on_them(text, expected):
    found = [(s.date.start_date.isoformat(), s.date.end_date.isoformat()) for s in statements_of(text)]
    assert found == expected
