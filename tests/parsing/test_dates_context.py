"""Dates that take their year, month or day from context: headings, the entry above, the document."""
import datetime

import pytest

from events.parsing import find_dates, scan_dates
from events.parsing.dates import infer_year

D = datetime.date

CHRONICLE = """松林县大事记

2018年

一月
5日　县委召开全体会议。
同日　县长到东关镇调研。
△　县政府发布防火通告。
12—14日　县人大十六届二次会议召开。
次日　县委书记带队检查。
是月　全县开展冬季造林。

3月
2 — 4 日　县政协会议召开。
☆县委发布决定。
下旬　全县开展安全检查。

2017年
11月
20日　召开表彰大会。
是日起　实行新的作息时间。
"""


def entries(text: str, year: int | None = None) -> list[tuple]:
    return [(m.text, m.start_date, m.end_date, m.precision, m.role) for m in find_dates(text, year=year)]


def test_chronicle_with_year_and_month_headings():
    assert entries(CHRONICLE, year=2020) == [
        ("2018年", D(2018, 1, 1), D(2018, 12, 31), "year", "date"),
        ("一月", D(2018, 1, 1), D(2018, 1, 31), "month", "date"),
        ("5日", D(2018, 1, 5), D(2018, 1, 5), "day", "date"),
        ("同日", D(2018, 1, 5), D(2018, 1, 5), "day", "relative"),
        ("△", D(2018, 1, 5), D(2018, 1, 5), "day", "relative"),
        ("12—14日", D(2018, 1, 12), D(2018, 1, 14), "day", "date"),
        ("次日", D(2018, 1, 15), D(2018, 1, 15), "day", "relative"),
        ("是月", D(2018, 1, 1), D(2018, 1, 31), "month", "relative"),
        ("3月", D(2018, 3, 1), D(2018, 3, 31), "month", "date"),
        ("2 — 4 日", D(2018, 3, 2), D(2018, 3, 4), "day", "date"),
        ("☆", D(2018, 3, 2), D(2018, 3, 4), "day", "relative"),
        ("下旬", D(2018, 3, 21), D(2018, 3, 31), "xun", "relative"),
        # A year heading governs what follows even when the blocks run backwards in time.
        ("2017年", D(2017, 1, 1), D(2017, 12, 31), "year", "date"),
        ("11月", D(2017, 11, 1), D(2017, 11, 30), "month", "date"),
        ("20日", D(2017, 11, 20), D(2017, 11, 20), "day", "date"),
        ("是日", D(2017, 11, 20), D(2017, 11, 20), "day", "relative"),
    ]


def test_a_bare_day_in_prose_takes_the_month_written_before_it():
    assert entries("1月3日开幕，5日闭幕。", year=2020) == [
        ("1月3日", D(2020, 1, 3), D(2020, 1, 3), "day", "date"),
        ("5日", D(2020, 1, 5), D(2020, 1, 5), "day", "date"),
    ]


def test_a_bare_day_without_any_month_is_not_guessed():
    assert find_dates("会期5日，代表出席。", year=2020) == []


def test_a_clause_starting_with_a_year_dates_the_rest_of_its_paragraph():
    text = "2019年，区里建成新馆；3月，开馆。\n\n5月，举办展览。"
    assert entries(text, year=2020) == [
        ("2019年", D(2019, 1, 1), D(2019, 12, 31), "year", "date"),
        ("3月", D(2019, 3, 1), D(2019, 3, 31), "month", "date"),
        ("5月", D(2020, 5, 1), D(2020, 5, 31), "month", "date"),
    ]


def test_a_page_break_inside_a_sentence_keeps_its_paragraph_year():
    text = "2019年，区里建成新馆，并于\n\n区文化中心举办展览；3月，开馆。"
    assert entries(text, year=2020)[-1] == ("3月", D(2019, 3, 1), D(2019, 3, 31), "month", "date")


def test_a_year_inside_a_name_does_not_date_what_follows():
    text = "表彰2018年~2019年度优秀教师，5月15日公布。"
    assert entries(text, year=2020)[-1] == ("5月15日", D(2020, 5, 15), D(2020, 5, 15), "day", "date")


@pytest.mark.parametrize("word", ["当天", "当日", "同日"])
def test_same_day_words_in_prose_follow_a_day_of_their_paragraph(word):
    mentions = find_dates(f"6月8日上午召开会议，{word}下午分组讨论。", year=2020)
    assert [(m.text, m.start_date, m.role) for m in mentions][1] == (f"{word}下午", D(2020, 6, 8), "relative")
    assert mentions[1].time == "afternoon"


@pytest.mark.parametrize(
    ("text", "span", "time"),
    [
        ("1月5日开幕，当晚举行晚会。", "当晚", "evening"),
        ("1月5日开幕，当晚8时举行晚会。", "当晚8时", "20:00"),
    ],
)
def test_that_evening_is_the_evening_of_the_day_before(text, span, time):
    mention = find_dates(text, year=2020)[1]
    expected = (span, D(2020, 1, 5), time, "relative")
    assert (mention.text, mention.start_date, mention.time, mention.role) == expected


def test_same_day_words_without_a_day_before_them_are_not_dates():
    assert find_dates("8月28日，巡查开始。\n\n各村每天傍晚把当天的巡查记录交到村委会。", year=2020)[1:] == []
    assert find_dates("展览\n\n当天参观者排起长队。", year=2020) == []


def test_next_day_in_prose():
    assert entries("9月30日出发，翌日抵达。", year=2020)[1] == ("翌日", D(2020, 10, 1), D(2020, 10, 1), "day",
                                                          "relative")


def test_publication_stamp_is_a_stamp_and_not_context():
    text = "发布日期:2020-01-31 18:23:541月1日　县里召开会议。\n3日　开展检查。"
    mentions = find_dates(text, year=2019)
    assert [(m.text, m.role, m.time) for m in mentions] == [
        ("2020-01-31 18:23:54", "stamp", "18:23"), ("1月1日", "date", None), ("3日", "date", None),
    ]
    assert mentions[1].start_date == D(2019, 1, 1)
    assert mentions[2].start_date == D(2019, 1, 3)


def test_a_stamp_does_not_date_the_bare_days_after_it():
    mentions = find_dates("时间：2017-06-01\n\n12日　召开会议。", year=2020)
    assert [(m.text, m.role) for m in mentions] == [("2017-06-01", "stamp")]


def test_lunar_date_in_parentheses_is_resolved_beside_its_solar_date():
    scan = scan_dates("2020年1月21日（农历腊月二十七），举办年货节。")
    assert [(m.text, m.start_date, m.calendar) for m in scan.mentions] == [
        ("2020年1月21日", D(2020, 1, 21), "gregorian"), ("农历腊月二十七", D(2020, 1, 21), "lunar"),
    ]
    assert scan.problems == ()


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("2020年1月5日开会。2020年3月2日复工。2019年底建成。", 2020),
        ("青禾区年鉴（2024）\n\n2023年，全区经济增长。", 2023),
        ("松林年鉴2021\n\n综述", 2020),
        ("2021松林年鉴\n\n综述", 2020),
        ("东川区2019年大事记\n\n1月\n5日　开会，部署2020年工作，2020年目标。", 2019),
        ("大事记（2018年）\n\n3月\n5日　开会。", 2018),
        ("2020年，区里编写年鉴。2020年3月出版。", 2020),
        ("没有任何年份。", None),
        ("2020年，区里完成《松林年鉴（2020）》的编纂工作，全年出版图书5种。2020年3月开馆。", 2020),
    ],
)
def test_infer_year(text, year):
    assert infer_year(text) == year


def test_without_a_year_the_document_year_is_inferred():
    scan = scan_dates("2020年，区里开展活动。3月5日，召开会议。2019年3月建成。")
    assert scan.year == 2020
    assert scan.mentions[1].start_date == D(2020, 3, 5)


def test_scan_reports_the_year_it_was_given():
    assert scan_dates("3月5日开会。", year=1999).year == 1999


def test_same_year_takes_the_year_written_before_it():
    assert entries("1998年建成大桥，同年8月通车。", year=2020)[1] == (
        "同年8月", D(1998, 8, 1), D(1998, 8, 31), "month", "date")


def test_a_heading_may_end_in_a_colon():
    last = entries("2019年\n1月：\n5日　开会。", year=2020)[-1]
    assert last == ("5日", D(2019, 1, 5), D(2019, 1, 5), "day", "date")


def test_entries_that_write_the_month_only_when_it_changes():
    text = "2月3日　召开会议。\n15日　开展检查。\n3月1日　举办培训。\n9日　召开大会。"
    assert [(m.text, m.start_date) for m in find_dates(text, year=2020)] == [
        ("2月3日", D(2020, 2, 3)), ("15日", D(2020, 2, 15)),
        ("3月1日", D(2020, 3, 1)), ("9日", D(2020, 3, 9)),
    ]


@pytest.mark.parametrize("text", ["3月5日召开会议，会期3日。", "3月5日开会，要求每月15日前上报。"])
def test_a_duration_or_a_monthly_day_after_a_date_is_not_a_day(text):
    assert [m.text for m in find_dates(text, year=2020)] == ["3月5日"]


def test_an_unlabelled_stamp_with_seconds_is_a_stamp():
    mentions = find_dates("2020-01-31 18:23:541月1日　开会。", year=2019)
    assert [(m.text, m.role) for m in mentions] == [("2020-01-31 18:23:54", "stamp"), ("1月1日", "date")]


def test_a_year_heading_may_name_the_chronicle():
    last = entries("2018年大事记\n1月\n5日　开会。", year=2020)[-1]
    assert last == ("5日", D(2018, 1, 5), D(2018, 1, 5), "day", "date")


@pytest.mark.parametrize(
    ("text", "span", "start", "end"),
    [
        ("3月5日开会，月底前完成。", "月底", D(2020, 3, 21), D(2020, 3, 31)),
        ("5月\n月初　开展检查。", "月初", D(2020, 5, 1), D(2020, 5, 10)),
        ("8月\n本月底　完成验收。", "本月底", D(2020, 8, 21), D(2020, 8, 31)),
    ],
)
def test_month_edges_on_their_own_take_the_month_in_context(text, span, start, end):
    mention = find_dates(text, year=2020)[-1]
    assert (mention.text, mention.start_date, mention.end_date, mention.fuzzy, mention.role) == (
        span, start, end, True, "relative")


@pytest.mark.parametrize("text", ["每月底上报报表。", "用了1个月底薪。", "月底前完成。"])
def test_month_edges_without_a_month_are_not_dates(text):
    assert find_dates(text, year=2020) == []


def test_in_prose_the_sentence_month_beats_an_old_heading():
    text = "大事记\n12月\n3日　召开会议。\n\n综述\n\n4月2日开工，月底竣工。"
    assert entries(text, year=2020)[-1] == ("月底", D(2020, 4, 21), D(2020, 4, 30), "xun", "relative")


def test_windows_line_ends_read_like_unix_ones():
    assert entries(CHRONICLE.replace("\n", "\r\n"), year=2020) == entries(CHRONICLE, year=2020)


def test_a_year_after_a_printed_space_inside_a_sentence_does_not_date_the_paragraph():
    text = "考核组对全区 2019 年党风廉政建设进行考核；3月，召开总结会。"
    assert entries(text, year=2020)[-1] == ("3月", D(2020, 3, 1), D(2020, 3, 31), "month", "date")
    text = "【概况】 2019 年，全区建成新馆；3月，开馆。"
    assert entries(text, year=2020)[-1] == ("3月", D(2019, 3, 1), D(2019, 3, 31), "month", "date")


@pytest.mark.parametrize(
    "text, span, start, end, precision",
    [
        ("3月5日，县委开会。当月20日，县政府开会。", "当月20日", D(2020, 3, 20), D(2020, 3, 20), "day"),
        ("3月5日，开会。同月20日至22日，培训。", "同月20日至22日", D(2020, 3, 20), D(2020, 3, 22), "day"),
        ("12月5日，召开会议。次月10日，召开总结会。", "次月10日", D(2021, 1, 10), D(2021, 1, 10), "day"),
        ("3月5日，启动普查。次月，完成入户登记。", "次月", D(2020, 4, 1), D(2020, 4, 30), "month"),
        ("3月上旬至中旬，开展督查。", "3月上旬至中旬", D(2020, 3, 1), D(2020, 3, 20), "xun"),
    ],
)
def test_a_month_given_by_context_with_its_day(text, span, start, end, precision):
    last = find_dates(text, year=2020)[-1]
    assert (last.text, last.start_date, last.end_date, last.precision) == (span, start, end, precision)


@pytest.mark.parametrize("text", ["召开一次月度例会。", "每次月底盘点库存。", "两次月考"])
def test_next_month_words_inside_other_words_are_not_dates(text):
    assert find_dates(text, year=2020) == []


def test_same_day_follows_the_entry_above_not_a_festival_named_in_it():
    text = (
        "1月\n3日　县委召开常委会议，研究部署春节前后重点工作。\n"
        "同日　县政府召开常务会议。\n△　县纪委通报典型问题。\n次日　县政协召开常委会议。\n"
    )
    found = {m.text: (m.start_date, m.precision) for m in find_dates(text, year=2019)}
    assert found["春节"] == (D(2019, 2, 5), "day")
    assert found["同日"] == found["△"] == (D(2019, 1, 3), "day")
    assert found["次日"] == (D(2019, 1, 4), "day")


def test_a_chronicle_headed_by_republic_years_reports_that_year():
    text = "臺中市大事記\n\n民國一百一十年\n\n1月\n5日　市長主持召開市政會議。\n同日　市議會舉行定期會。\n"
    assert infer_year(text) == 2021
    assert [(m.text, m.start_date) for m in find_dates(text)][-2:] == [
        ("5日", D(2021, 1, 5)),
        ("同日", D(2021, 1, 5)),
    ]


def test_a_line_break_after_a_comma_changes_no_date():
    """The layout decides what a paragraph is, once: a line that ends in ， goes on in the next."""
    one_line = entries("2019年，区里建成新馆，3月，开馆。", year=2020)
    assert entries("2019年，区里建成新馆，\n3月，开馆。", year=2020) == one_line
    assert one_line[-1] == ("3月", D(2019, 3, 1), D(2019, 3, 31), "month", "date")
