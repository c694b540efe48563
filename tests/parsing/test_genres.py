"""Chronicles as real pages write them: look-alike documents of each form, read without a year."""
import datetime

import pytest

from events.parsing import extract_events, find_dates, infer_year, scan_dates

D = datetime.date


def events_of(text, year=None):
    return [(e.start_date, e.end_date, e.title) for e in extract_events(text, year=year).drafts]


def dated(text, year=None):
    """(start, end, first words) of each event, the words long enough to tell them apart."""
    return [(start, end, title[:5]) for start, end, title in events_of(text, year)]


MONTH_TITLE_WITH_DAY_LINES = """日期:
2025年3月2日 星期日
当前位置: 首页 >> 北湖大事记 >> 2004年 >> 2004年5月大事记

2004年5月大事记

2008/6/30 9:12:05    作者:  北湖档案馆

1日
市长会见来访的香港商会代表团。
3~6日
市委书记率团赴新加坡考察。
8日
△北湖中学举行建校90周年庆典。
△北湖二中举行建校50周年庆典。
"""


def test_a_month_chronicle_titled_with_its_month_and_day_lines_of_their_own():
    assert dated(MONTH_TITLE_WITH_DAY_LINES) == [
        (D(2004, 5, 1), D(2004, 5, 1), "市长会见来"),
        (D(2004, 5, 3), D(2004, 5, 6), "市委书记率"),
        (D(2004, 5, 8), D(2004, 5, 8), "北湖中学举"),
        (D(2004, 5, 8), D(2004, 5, 8), "北湖二中举"),
    ]


REPUBLIC_HEADING = """民国37 年(1948)青溪县大事 [复制链接]
发表于: 2010-03-02
民国37 年(1948)
2 月,青溪县成立自卫总队,县长兼任总队长。
5 月12 日,县城举行运动大会。
7 至8 月,县境大旱。
"""


def test_a_republic_year_heading_with_its_gregorian_year_and_spaced_digits():
    assert infer_year(REPUBLIC_HEADING) == 1948
    assert dated(REPUBLIC_HEADING) == [
        (D(1948, 2, 1), D(1948, 2, 29), "青溪县成立"),
        (D(1948, 5, 12), D(1948, 5, 12), "县城举行运"),
        (D(1948, 7, 1), D(1948, 8, 31), "县境大旱"),  # months in one stretch, as 6~7月 消灭土匪
    ]


DAILY_WITH_ITEMS = """民国史日录 - 1936──民國二十五年丙子

2﹐3(一,十二)

甲、省政府改組，主席到任。

乙、北平各校學生集會。

2﹐4(一,十三)甲、鐵路局通車典禮。

乙、上海商會選舉理事。2﹐5(一,十四)

甲、海關公布新稅則。乙、外交部發表聲明。
"""


def test_daily_headings_with_lunar_glosses_and_lettered_items():
    assert dated(DAILY_WITH_ITEMS) == [
        (D(1936, 2, 3), D(1936, 2, 3), "省政府改組"),
        (D(1936, 2, 3), D(1936, 2, 3), "北平各校學"),
        (D(1936, 2, 4), D(1936, 2, 4), "鐵路局通車"),
        (D(1936, 2, 4), D(1936, 2, 4), "上海商會選"),
        (D(1936, 2, 5), D(1936, 2, 5), "海關公布新"),
        (D(1936, 2, 5), D(1936, 2, 5), "外交部發表"),
    ]


ON_THIS_DAY = """校园文化:松江学院历史上的今天 5月18日

1952年:学院第一届学生入学,开学典礼在礼堂举行。

1978年:学院恢复招收研究生。

1999年:学院图书馆新馆落成。
"""


def test_an_on_this_day_page_dates_each_year_to_that_day():
    assert dated(ON_THIS_DAY) == [
        (D(1952, 5, 18), D(1952, 5, 18), "学院第一届"),
        (D(1978, 5, 18), D(1978, 5, 18), "学院恢复招"),
        (D(1999, 5, 18), D(1999, 5, 18), "学院图书馆"),
    ]


RUN_TOGETHER = (
    "新河化工厂的发展历程\n\n2024-01-09 10:11\n\n"
    "1962年4月,新河化工厂建成投产1975年9月,建成烧碱车间1988年11月,引进氯碱生产线"
    "1996年3月,组建新河化工集团。2004年,被评为省级文明单位。\n"
)


def test_entries_run_together_in_one_paragraph_are_one_event_each():
    assert dated(RUN_TOGETHER) == [
        (D(1962, 4, 1), D(1962, 4, 30), "新河化工厂"),
        (D(1975, 9, 1), D(1975, 9, 30), "建成烧碱车"),
        (D(1988, 11, 1), D(1988, 11, 30), "引进氯碱生"),
        (D(1996, 3, 1), D(1996, 3, 31), "组建新河化"),
        (D(2004, 1, 1), D(2004, 12, 31), "被评为省级"),
    ]


YEAR_ENTRIES = (
    "卫生院大事记(1956-2010) |\n"
    "1956年卫生院开始筹建,占地20亩。 |\n"
    "1958年卫生院建成开诊。 |\n"
    "1966年5月卫生院扩建病房。8月20日新病房启用。 |\n"
    "1979年卫生院更名为城关医院。 |\n"
)


def test_a_history_of_many_years_has_events_dated_by_their_year():
    assert dated(YEAR_ENTRIES) == [
        (D(1956, 1, 1), D(1956, 12, 31), "卫生院开始"),
        (D(1958, 1, 1), D(1958, 12, 31), "卫生院建成"),
        (D(1966, 5, 1), D(1966, 5, 31), "卫生院扩建"),
        (D(1966, 8, 20), D(1966, 8, 20), "新病房启用"),
        (D(1979, 1, 1), D(1979, 12, 31), "卫生院更名"),
    ]


def test_a_yearbook_paragraph_opening_with_its_own_year_is_no_event():
    text = "综述\n\n2020年，全区经济总体平稳。\n\n3月5日，区委召开全会。\n"
    assert dated(text) == [(D(2020, 3, 5), D(2020, 3, 5), "区委召开全")]


QING = (
    "● 要事摘记 ●\n"
    "◎清道光元年五月十日(1821 年 6 月 9\n日),设巡检司于镇上。\n"
    "◎道光四年(1824 年),镇设义学一所。\n"
    "◎咸丰元年(1851\n年),修建石拱桥。\n"
    "◎同治六年(1867\n年),重修文昌阁。\n"
)


def test_reign_years_with_their_gregorian_years_and_a_lunar_date():
    assert dated(QING) == [
        (D(1821, 6, 9), D(1821, 6, 9), "设巡检司于"),
        (D(1824, 1, 1), D(1824, 12, 31), "镇设义学一"),
        (D(1851, 1, 1), D(1851, 12, 31), "修建石拱桥"),
        (D(1867, 1, 1), D(1867, 12, 31), "重修文昌阁"),
    ]
    assert scan_dates(QING).problems == ()  # the lunar date and its Gregorian date agree


def test_a_page_with_no_year_anywhere_keeps_month_and_day_and_says_the_year_is_unknown():
    text = "3月5日,区总工会举办职工书画展。\n4月12日,区里组织春季植树。\n"
    scan = scan_dates(text)
    assert scan.year is None and scan.year_source == "none"
    assert [(m.text, m.year_known, m.as_json()["start_date"]) for m in scan.mentions] == [
        ("3月5日", False, "--03-05"), ("4月12日", False, "--04-12"),
    ]
    drafts = extract_events(text).drafts
    assert [(d.start_date.month, d.start_date.day, d.year_known) for d in drafts] == [
        (3, 5, False), (4, 12, False)]


def test_a_page_with_no_year_takes_the_year_it_is_given():
    text = "3月5日,区总工会举办职工书画展。\n"
    assert [(m.start_date, m.year_known) for m in find_dates(text, year=2019)] == [(D(2019, 3, 5), True)]


@pytest.mark.parametrize(
    ("title", "year"),
    [
        ("2019年1月大事记(杂志版)\n\n5日,召开会议。", 2019),
        ("中华民国史事日志 - 1934──中華民國二十三年甲戌\n\n1,15(一二,一)\n\n甲、開會。", 1934),
        ("1987年\n\n1987年全球人口达到50亿。1982年联合国大会通过决议。", 1987),
        ("发布日期:2021-06-30\n\n党史大事记(1947年-1949年)\n\n1947年\n\n1月2日中共县委召开会议。", 1947),
    ],
)
def test_the_year_comes_from_titles_and_headings_before_anything_else(title, year):
    assert infer_year(title) == year


QING_ANNALS = """一七八一年辛丑清乾隆四十六年
春,旱,二月降雪三寸。
五月,麦收大熟。
十四日,县令捐廉修城。
一七八二年壬寅清乾隆四十七年
三月七日,设粥厂赈济饥民。
"""


def test_a_qing_annal_headed_by_its_year_written_three_ways_counts_lunar_months():
    assert dated(QING_ANNALS) == [
        (D(1781, 2, 23), D(1781, 3, 24), "降雪三寸"),  # the second lunar month of 1781
        (D(1781, 5, 23), D(1781, 6, 21), "麦收大熟"),
        (D(1781, 6, 5), D(1781, 6, 5), "县令捐廉修"),
        (D(1782, 4, 19), D(1782, 4, 19), "设粥厂赈济"),
    ]


ON_THIS_DAY_WITH_YEAR_HEADINGS = """模板:校史上的今天/9月3日

9月3日

民國50年(1961年)
本校图书馆新馆启用,藏书十万册。
民國68年(1979年)
本校增设电机工程学系。
"""


def test_an_on_this_day_page_with_year_headings_dates_each_entry_below_its_heading():
    assert dated(ON_THIS_DAY_WITH_YEAR_HEADINGS) == [
        (D(1961, 9, 3), D(1961, 9, 3), "本校图书馆"),
        (D(1979, 9, 3), D(1979, 9, 3), "本校增设电"),
    ]


def test_numbered_years_with_printed_spaces_run_together():
    text = ("学校简史\n1、1950 年 县人民政府创办初级中学,定名“河西初中”1956 年 学校增设高中部。"
            "1962 年 学校迁入新址。\n")
    assert dated(text) == [
        (D(1950, 1, 1), D(1950, 12, 31), "县人民政府"),
        (D(1956, 1, 1), D(1956, 12, 31), "学校增设高"),
        (D(1962, 1, 1), D(1962, 12, 31), "学校迁入新"),
    ]


def test_a_date_after_yu_in_traditional_characters_dates_its_sentence():
    text = "本院前身為省立醫專,成立於民國27年(公元1938年)10月27日,首任院長由教育廳委派。"
    [(start, end, title, description)] = [(e.start_date, e.end_date, e.title, e.description)
                                          for e in extract_events(text).drafts]
    assert (start, end) == (D(1938, 10, 27), D(1938, 10, 27)) and description.startswith("本院前身為")


def test_that_year_is_the_year_the_entry_above_wrote():
    text = ("光华厂发展历程\n\n1997年,光华厂引进全自动生产线。\n同年,通过质量体系认证。\n"
            "1999年,光华厂改制为公司。\n")
    assert dated(text) == [
        (D(1997, 1, 1), D(1997, 12, 31), "光华厂引进"),
        (D(1997, 1, 1), D(1997, 12, 31), "通过质量体"),
        (D(1999, 1, 1), D(1999, 12, 31), "光华厂改制"),
    ]


NEWS = """发布时间:2021-07-13 09:54
本报讯 11日,全县普降暴雨,多处河堤出现险情。
昨天凌晨,县防汛指挥部启动二级应急响应。
前天下午,县长到沿河乡镇检查堤防。
"""


def test_a_news_report_counts_its_days_from_its_publication_date():
    found = [(m.text, m.start_date, m.role) for m in find_dates(NEWS)]
    assert found == [
        ("2021-07-13 09:54", D(2021, 7, 13), "stamp"),
        ("11日", D(2021, 7, 11), "date"),
        ("昨天凌晨", D(2021, 7, 12), "relative"),
        ("前天下午", D(2021, 7, 11), "relative"),
    ]


def test_without_a_publication_date_yesterday_is_no_date():
    assert find_dates("2020年3月5日,区里召开会议。昨天,大家讨论了方案。", year=2020)[1:] == []


def test_a_page_that_still_holds_its_html_tags_is_read_line_by_line():
    text = ("王某 發表於 2014-5-2 10:11:12\n\n<P><STRONG>創立於1905年;</STRONG></P>&nbsp;"
            "<P><STRONG>1921年搬遷新校舍後改名為「北門公學校」;</STRONG></P>\n"
            "<P><STRONG>1941年更名為「北門國民學校」;</STRONG></P>\n")
    assert dated(text) == [
        (D(1905, 1, 1), D(1905, 12, 31), "創立於19"),
        (D(1921, 1, 1), D(1921, 12, 31), "搬遷新校舍"),
        (D(1941, 1, 1), D(1941, 12, 31), "更名為「北"),
    ]


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("民國 78、07、31 核定准予招生。", D(1989, 7, 31), D(1989, 7, 31)),
        ("民國 80、11 月各專科教室完工。", D(1991, 11, 1), D(1991, 11, 30)),
        ("民國78.12.15搬入新校舍。", D(1989, 12, 15), D(1989, 12, 15)),
    ],
)
def test_a_taiwan_republic_date_in_numbers(text, start, end):
    [mention] = find_dates(text)
    assert (mention.start_date, mention.end_date) == (start, end)


def test_a_paragraph_under_a_year_heading_happened_in_that_year():
    text = ("东河史事辑要\n1861年(咸丰十一年)\n知县捐资重修东河书院,延师课士。\n是年,东河大水。\n"
            "1862年(同治元年)\n县城增修城墙。\n")
    assert dated(text) == [
        (D(1861, 1, 1), D(1861, 12, 31), "知县捐资重"),
        (D(1861, 1, 1), D(1861, 12, 31), "东河大水"),
        (D(1862, 1, 1), D(1862, 12, 31), "县城增修城"),
    ]


def test_a_year_entry_set_apart_by_a_space_in_a_year_chronicle():
    text = "北山县大事记(1960年)\n\n3月5日  县农机站成立。\n\n1960年  全县发生旱灾。\n"
    assert dated(text) == [
        (D(1960, 1, 1), D(1960, 12, 31), "全县发生旱"),
        (D(1960, 3, 5), D(1960, 3, 5), "县农机站成"),
    ]


def test_numbered_entries_glued_to_their_years():
    text = ("医院大事记\n1.1976年11月,市政府决定筹建第二医院。\n2.1981年6月,卫生局任命新院长。\n"
            "10.1986年10月,病房楼竣工。\n")
    assert dated(text) == [
        (D(1976, 11, 1), D(1976, 11, 30), "市政府决定"),
        (D(1981, 6, 1), D(1981, 6, 30), "卫生局任命"),
        (D(1986, 10, 1), D(1986, 10, 31), "病房楼竣工"),
    ]


def test_years_run_into_the_words_before_them():
    text = "学校沿革\n学校开办于县城文庙1952 年 学校迁入新址1958 年 学校增设高中部1966 年 学校停办。\n"
    assert [start.year for start, _, _ in dated(text)] == [1952, 1958, 1966]


def test_a_republic_year_written_without_its_name_after_one_that_names_it():
    text = "民国三十九年十月,校名改为东石农校,并于四十二年九月增设高级部。四十四年九月改设完全农校。"
    assert [(m.text, m.start_date) for m in find_dates(text)] == [
        ("民国三十九年十月", D(1950, 10, 1)), ("四十二年九月", D(1953, 9, 1)),
        ("四十四年九月", D(1955, 9, 1)),
    ]
    assert find_dates("学制改为三年九月开学。", year=2020) == []  # no reign named: a duration


def test_paragraphs_under_a_month_heading_happened_that_month():
    text = ("红星机械厂大事记\n\n1968年\n\n3月\n\n  筹建组赴外地考察选址。\n\n5月\n\n"
            "  厂址选定于东山脚下。\n\n  第一批职工进厂。\n\n6月\n\n  8日　召开建厂动员大会。\n")
    assert dated(text) == [
        (D(1968, 3, 1), D(1968, 3, 31), "筹建组赴外"),
        (D(1968, 5, 1), D(1968, 5, 31), "厂址选定于"),
        (D(1968, 5, 1), D(1968, 5, 31), "第一批职工"),
        (D(1968, 6, 8), D(1968, 6, 8), "召开建厂动"),
    ]


def test_a_title_that_names_its_month_among_other_words_heads_the_chronicle():
    text = "2021年青溪市1月大事要览\n\n5日,市政府召开常务会议。\n12日,市人大常委会召开会议。\n"
    assert dated(text) == [
        (D(2021, 1, 5), D(2021, 1, 5), "市政府召开"),
        (D(2021, 1, 12), D(2021, 1, 12), "市人大常委"),
    ]


def test_hyphen_bullets_with_a_wiki_edit_link_before_them():
    text = ("青山醫院\n院史\n[編輯]- 1921年,青山醫院成立。\n- 1935年9月份,醫院遷入新址。\n"
            "[編輯]- 1952年,醫院改為公立醫院。\n")
    assert [(start, end) for start, end, _ in dated(text)] == [
        (D(1921, 1, 1), D(1921, 12, 31)), (D(1935, 9, 1), D(1935, 9, 30)), (D(1952, 1, 1), D(1952, 12, 31)),
    ]


def test_a_date_in_square_brackets_after_an_entry_title():
    text = ("当年故事\n1963\n【水库建成】 [1963年5月2日]\n青河水库竣工蓄水。\n"
            "【大桥通车】 [1963年9月30日]\n青河大桥建成通车。\n")
    assert dated(text) == [
        (D(1963, 5, 2), D(1963, 5, 2), "青河水库竣"),
        (D(1963, 9, 30), D(1963, 9, 30), "青河大桥建"),
    ]


def test_an_entry_whose_month_character_was_lost_is_read_in_order():
    text = ("东河县大事记——1954年\n\n119日,县委召开扩大会议。\n\n2月,县长调任。\n\n"
            "35日,县里举行追悼大会。\n\n1110日,县委召开全会。\n")
    assert [(start, end) for start, end, _ in dated(text)] == [
        (D(1954, 1, 19), D(1954, 1, 19)), (D(1954, 2, 1), D(1954, 2, 28)), (D(1954, 3, 5), D(1954, 3, 5)),
        (D(1954, 11, 10), D(1954, 11, 10)),
    ]
    assert find_dates("全年工作365日,无一日休息。", year=2020) == []


def test_that_day_after_a_stop_follows_the_entry_day_not_a_year_in_between():
    text = ("2015年1月大事记\n\n8日,市政府召开水利建设现场会。计划从2015年起,5年内总投资40亿元。 "
            "是日,深华医药物流中心落成投产。\n")
    assert dated(text)[-1] == (D(2015, 1, 8), D(2015, 1, 8), "深华医药物")


def test_a_wide_gap_sets_an_entry_apart_from_junk_before_it():
    text = "2005年大事记\n% d2 O6 o, [* Y/ _    1月12日  市鼎泰公司的项目被列入国家计划。\n"
    assert dated(text) == [(D(2005, 1, 12), D(2005, 1, 12), "市鼎泰公司")]


def test_a_history_told_as_prose_dates_each_sentence_by_the_date_that_writes_its_year():
    text = ("东港国小\n\n校史\n\n東港國小最初為1921年5月1日經認可設立的公學校分教場,借用廟宇作為校舍。"
            "1923年3月31日,分教場改為獨立學校。學校於1946年更名為東港國民學校。"
            "根據1950年的統計,全校學生三百人。\n")
    assert [(start, end) for start, end, _ in dated(text)] == [
        (D(1921, 5, 1), D(1921, 5, 1)), (D(1923, 3, 31), D(1923, 3, 31)), (D(1946, 1, 1), D(1946, 12, 31)),
    ]


def test_a_yearbook_reference_inside_a_sentence_stays_a_reference():
    text = ("青溪区年鉴（2021）\n\n综述\n\n3月5日，区委召开全会。会议传达学习2019年12月市委全会精神。\n\n"
            "4月2日，区委召开常委会议。\n")
    assert [start for start, _, _ in dated(text)] == [D(2020, 3, 5), D(2020, 4, 2)]


def test_a_history_year_at_a_line_start_without_its_nian():
    text = ("发展历程\n1984 双鸽医疗器械厂创办。\n2006 “双鸽”牌产品被评为中国名牌。\n"
            "2007 双鸽集团突破年产值10亿元。\n")
    assert [start.year for start, _, _ in dated(text)] == [1984, 2006, 2007]
    assert find_dates("1886 期 / 第2版\n", year=2023) == []


def test_a_later_sentence_dated_finer_than_its_years_entry_is_its_own_event():
    text = ("院史\n- 1924年,中醫專科學校正式開學。為方便學生實習,喺1933年9月份就成立咗中醫院。\n"
            "- 1938年,醫院遷往香港。\n")
    assert [(start, end) for start, end, _ in dated(text)] == [
        (D(1924, 1, 1), D(1924, 12, 31)), (D(1933, 9, 1), D(1933, 9, 30)), (D(1938, 1, 1), D(1938, 12, 31)),
    ]


def test_a_pinyin_gloss_between_the_pieces_of_a_date():
    [mention] = find_dates("1999年(nian)12月20日(ri),澳门回归。")
    assert (mention.start_date, mention.end_date) == (D(1999, 12, 20), D(1999, 12, 20))


def test_entries_whose_month_and_day_characters_were_lost():
    """A copy that lost 月 and 日 (set as images): 327  … is March 27, 28  … the 28th after it."""
    text = ("北岗县大事记\n1953年\n\n2月上旬  抗美援朝代表会议召开。\n\n327  全县突击救灾。\n\n"
            "28  县青年团首次代表大会召开。\n\n514~18  县委召开扩大会议。\n\n中旬  县委调运大米。\n\n"
            "8月12~15  各界人民代表会议召开。\n\n1 2 1 日,县委制定措施。\n")
    assert dated(text) == [
        (D(1953, 2, 1), D(1953, 2, 10), "抗美援朝代"),
        (D(1953, 3, 27), D(1953, 3, 27), "全县突击救"),
        (D(1953, 3, 28), D(1953, 3, 28), "县青年团首"),
        (D(1953, 5, 11), D(1953, 5, 20), "县委调运大"),
        (D(1953, 5, 14), D(1953, 5, 18), "县委召开扩"),
        (D(1953, 8, 12), D(1953, 8, 15), "各界人民代"),
        (D(1953, 12, 1), D(1953, 12, 1), "县委制定措"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "目录\n1  概况\n2  大事记\n",  # no month above: a list's numbers
        # a list under the 20th
        "北岗县大事记\n1953年\n3月20日  县委提出三条意见:\n\n1  统一认识。\n\n2  抓好春耕。\n",
    ],
)
def test_numbers_opening_lines_are_no_days_outside_a_chronicle_s_order(text):
    assert [m.text for m in find_dates(text) if m.text.strip().isdigit()] == []


def test_a_history_s_entry_over_years_written_short():
    text = "協會簡史\n1938年 協會成立。\n1941- 45年 會務因戰事而停頓。\n1947年 訂立勞資協約。\n"
    assert dated(text) == [
        (D(1938, 1, 1), D(1938, 12, 31), "協會成立"),
        (D(1941, 1, 1), D(1945, 12, 31), "會務因戰事"),
        (D(1947, 1, 1), D(1947, 12, 31), "訂立勞資協"),
    ]
    [mention] = find_dates("1998-02年")
    assert (mention.start_date, mention.end_date) == (D(1998, 1, 1), D(2002, 12, 31))


def test_not_until_a_date_dates_what_finally_happened():
    text = ("学校简史\n\n1958年建校。\n\n至1960年，全校共有学生300人。\n\n"
            "至1968年8月始正名为东河中学。\n\n1980年扩建。\n")
    assert dated(text) == [
        (D(1958, 1, 1), D(1958, 12, 31), "建校"),
        (D(1968, 8, 1), D(1968, 8, 31), "始正名为东"),
        (D(1980, 1, 1), D(1980, 12, 31), "扩建"),
    ]


def test_two_days_run_together_under_a_month():
    text = ("学院大事记\n1982年\n4月\n5日   学院召开党委会。\n4月2829日   学院举行首届田径运动会。\n"
            "5月\n1213日   学院举行歌咏比赛。\n20日   学院开会。\n")
    assert dated(text) == [
        (D(1982, 4, 5), D(1982, 4, 5), "学院召开党"),
        (D(1982, 4, 28), D(1982, 4, 29), "学院举行首"),
        (D(1982, 5, 12), D(1982, 5, 13), "学院举行歌"),
        (D(1982, 5, 20), D(1982, 5, 20), "学院开会"),
    ]


def test_bulleted_reign_years_each_date_their_own_item():
    """○ (a bullet, not 〇) opens an item: its reign year dates the months after it, and a line in
    brackets above is no part of it."""
    text = ("清代\n[清顺治年间]\n○清世祖顺治元年(1644年),改东卫为北卫。八月,卫所属乡村,十家置一甲长。\n"
            "○顺治二年(1645年),卫设守备一员。\n○康熙十四年(1675年)二月,总兵率兵东进。四月,总兵收复卫城。\n")
    assert dated(text) == [
        (D(1644, 1, 1), D(1644, 12, 31), "改东卫为北"),
        (D(1644, 9, 1), D(1644, 9, 30), "卫所属乡村"),
        (D(1645, 1, 1), D(1645, 12, 31), "卫设守备一"),
        (D(1675, 2, 24), D(1675, 3, 25), "总兵率兵东"),
        (D(1675, 4, 25), D(1675, 5, 24), "总兵收复卫"),
    ]


def test_a_happening_over_months_written_as_a_range_of_days():
    text = ("厂史\n1、1924年厂里试制成第一台柴油机。\n"
            "2、1929年6月6日~10月10日厂里的柴油机参加博览会展出,获得优等奖章。\n3、1937年11月日军侵占县城。\n")
    assert (D(1929, 6, 6), D(1929, 10, 10), "厂里的柴油") in dated(text)


def test_a_news_report_dated_by_its_publication_line_counts_its_days_back():
    text = ("春运多起车祸\n \n2004年1月19日發表\n \n【本报消息】公安部前天公布的统计显示,"
            "本月7号到15号发生16起交通事故。但昨天浙江又发生车祸。\n")
    read = [(m.start_date, m.role) for m in find_dates(text)][:2]
    assert read == [(D(2004, 1, 19), "stamp"), (D(2004, 1, 17), "relative")]
    found = dated(text)
    assert (D(2004, 1, 17), D(2004, 1, 17), "公安部前天") in found
    assert (D(2004, 1, 18), D(2004, 1, 18), "浙江又发生") in found


def test_an_encyclopedia_history_told_in_prose():
    """1949(民國38)年: a Republic year in brackets before 年; a sentence dated inside by 於民國33年 is
    its own happening, not part of the first sentence's."""
    text = ("東山師範學院\n\n東山師範學院,為現今東山大學的前身,成立於民國27年(公元1938年)10月27日,"
            "適逢戰爭時期。院址最初設在北溪鎮,後因戰局惡化而於民國33年遷至南溪縣。"
            "1949(民國38)年12月學校併入東山大學。1953(民國42)年東山大學因院系調整遭撤銷。"
            "民國73年改制為東山師範大學。\n")
    assert dated(text) == [
        (D(1938, 10, 27), D(1938, 10, 27), "成立於民國"),
        (D(1944, 1, 1), D(1944, 12, 31), "後因戰局惡"),
        (D(1949, 12, 1), D(1949, 12, 31), "學校併入東"),
        (D(1953, 1, 1), D(1953, 12, 31), "東山大學因"),
        (D(1984, 1, 1), D(1984, 12, 31), "改制為東山"),
    ]


def test_a_reign_s_years_in_a_school_history_with_clauses_of_their_own():
    """四十九年七月 after 民国 is 1960, so 同年十一月 is November 1960; …,并于四十二年九月… is a happening
    of its own, and the statement before it does not end on 并于."""
    text = ("东港中学校史\n民国三十五年一月改名为东港初级农业学校,于民国三十九年十月,"
            "校名改为东港初级农业职业学校,并于四十二年九月奉准增设高级部农艺科。\n四十九年七月校长张某病故,校务由主任代理,同年十一月李某接掌校务。\n")
    assert dated(text) == [
        (D(1946, 1, 1), D(1946, 1, 31), "改名为东港"),
        (D(1950, 10, 1), D(1950, 10, 31), "校名改为东"),
        (D(1953, 9, 1), D(1953, 9, 30), "奉准增设高"),
        (D(1960, 7, 1), D(1960, 7, 31), "校长张某病"),
        (D(1960, 11, 1), D(1960, 11, 30), "李某接掌校"),
    ]
    assert not any(title.endswith(("于", "并于")) for *_, title in events_of(text))


def test_a_sentence_of_dated_clauses_each_with_its_own_year():
    text = ("北港國小校史\n\n1921年5月1日設立公學校。\n\n1946年學校改為「北港第三國民學校」,"
            "於1947年8月設立「溪州分班」,於1962年設立「龍蛟分班」。\n\n1968年8月改名為「北港國民小學」。\n")
    assert dated(text) == [
        (D(1921, 5, 1), D(1921, 5, 1), "設立公學校"),
        (D(1946, 1, 1), D(1946, 12, 31), "學校改為「"),
        (D(1947, 8, 1), D(1947, 8, 31), "設立「溪州"),
        (D(1962, 1, 1), D(1962, 12, 31), "設立「龍蛟"),
        (D(1968, 8, 1), D(1968, 8, 31), "改名為「北"),
    ]
    # a chronicle's meeting dated after its name stays one statement
    assert len(dated("区人大会议，于2020年6月13日至15日举行。", year=2020)) == 1


def test_an_encyclopedia_year_page_s_items_of_the_year():
    text = ("1892年東港\n\n大事記\n\n  • 7月23日,醫學院舉行首屆畢業禮。\n  • 本年:\n"
            "    • 英商協會在東港設立分會。\n    • 港府關閉10間官立學校。\n    • 煤氣鼓啟用。\n")
    assert dated(text) == [
        (D(1892, 1, 1), D(1892, 12, 31), "英商協會在"),
        (D(1892, 1, 1), D(1892, 12, 31), "港府關閉1"),
        (D(1892, 1, 1), D(1892, 12, 31), "煤氣鼓啟用"),
        (D(1892, 7, 23), D(1892, 7, 23), "醫學院舉行"),
    ]


def test_a_day_s_entry_glued_to_its_date_after_an_aside_and_that_month():
    text = ("民国元年大事记\n\n1月\n\n1月30日 实业协会在南京成立。\n\n该月中华书局在上海创办。\n\n2月\n\n"
            "2月1日教育总长发表《对于新教育之意见》。(《临时政府公报》第13号)\n\n2月12日太后颁布了退位诏书。\n")
    assert dated(text) == [
        (D(1912, 1, 1), D(1912, 1, 31), "中华书局在"),
        (D(1912, 1, 30), D(1912, 1, 30), "实业协会在"),
        (D(1912, 2, 1), D(1912, 2, 1), "教育总长发"),
        (D(1912, 2, 12), D(1912, 2, 12), "太后颁布了"),
    ]


def test_an_on_this_day_page_whose_years_lost_their_year_and_month_characters():
    text = ("您的位置: 文史网 > 历史上的今天\n\n2月1日\n\n194721日 中共中央声明不承认对外协定;\n\n"
            "  193221日 中华苏维埃共和国创立国家银行;\n\n   166221日 举行受降仪式。\n")
    assert dated(text) == [
        (D(1662, 2, 1), D(1662, 2, 1), "举行受降仪"),
        (D(1932, 2, 1), D(1932, 2, 1), "中华苏维埃"),
        (D(1947, 2, 1), D(1947, 2, 1), "中共中央声"),
    ]


def test_a_date_in_a_table_cell_dates_the_months_after_it():
    text = ("词条 | 东溪市 |\n释义 | 民国34 年(1945 年)9 月27 日,新四军解放东溪镇,成立东溪市。"
            "10 月,成为专署驻地。\n")
    assert (D(1945, 10, 1), D(1945, 10, 31), "成为专署驻") in dated(text)


def test_a_year_s_entries_set_apart_by_wide_spaces_on_one_line():
    text = ("民国2年(1913)时期的北溪\n\n民国2年(1913)   1月北溪县知事筹办警察。   3月北溪县议会成立。"
            "   12月北溪县设立电报局。   本年北溪县知事因抗捐一案被撤职。   本年北溪一带发生地震。\n")
    assert dated(text) == [
        (D(1913, 1, 1), D(1913, 1, 31), "北溪县知事"),
        (D(1913, 1, 1), D(1913, 12, 31), "北溪县知事"),
        (D(1913, 1, 1), D(1913, 12, 31), "北溪一带发"),
        (D(1913, 3, 1), D(1913, 3, 31), "北溪县议会"),
        (D(1913, 12, 1), D(1913, 12, 31), "北溪县设立"),
    ]
