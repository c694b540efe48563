"""The forms a date is written in, each read into the interval it means (document year 2020)."""
import datetime

import pytest

from events.parsing import DateMention, find_dates

D = datetime.date


def only(text: str, year: int | None = 2020) -> DateMention:
    mentions = find_dates(text, year=year)
    assert len(mentions) == 1, mentions
    return mentions[0]


def interval(mention: DateMention) -> tuple:
    return mention.text, mention.start_date, mention.end_date, mention.precision


def read(text: str, year: int | None = 2020) -> list[tuple]:
    return [interval(m) for m in find_dates(text, year=year)]


@pytest.mark.parametrize(
    ("text", "span", "start", "end", "precision"),
    [
        ("会议于5月19日召开。", "5月19日", D(2020, 5, 19), D(2020, 5, 19), "day"),
        ("２０２３年５月１９日，工程开工。", "２０２３年５月１９日", D(2023, 5, 19), D(2023, 5, 19), "day"),
        ("二〇二〇年十一月二十七日举行仪式。", "二〇二〇年十一月二十七日", D(2020, 11, 27), D(2020, 11, 27),
         "day"),
        ("二O二一年三月五日通车。", "二O二一年三月五日", D(2021, 3, 5), D(2021, 3, 5), "day"),
        ("十二月廿八日启用。", "十二月廿八日", D(2020, 12, 28), D(2020, 12, 28), "day"),
        ("八月卅一日结束。", "八月卅一日", D(2020, 8, 31), D(2020, 8, 31), "day"),
        ("截至 12 月 31 日，全部完成。", "12 月 31 日", D(2020, 12, 31), D(2020, 12, 31), "day"),
        ("2020 年 6 月 9 日，新馆开放。", "2020 年 6 月 9 日", D(2020, 6, 9), D(2020, 6, 9), "day"),
        ("企业全部复工。4\n\n月，商场恢复营业。", "4\n\n月", D(2020, 4, 1), D(2020, 4, 30), "month"),
        ("截至2019年\n\n12月底，全区完成。", "2019年\n\n12月底", D(2019, 12, 21), D(2019, 12, 31), "xun"),
        ("会议于12月\n\n31日召开。", "12月\n\n31日", D(2020, 12, 31), D(2020, 12, 31), "day"),
        ("企业全部复工。4\r\n\r\n月，商场恢复营业。", "4\r\n\r\n月", D(2020, 4, 1), D(2020, 4, 30), "month"),
        ("会议于12 \n\n 月 31 日召开。", "12 \n\n 月 31 日", D(2020, 12, 31), D(2020, 12, 31), "day"),
        ("公告日期2023.7.15有效。", "2023.7.15", D(2023, 7, 15), D(2023, 7, 15), "day"),
        ("截止2023-10-26。", "2023-10-26", D(2023, 10, 26), D(2023, 10, 26), "day"),
        ("于2023/7/15报名。", "2023/7/15", D(2023, 7, 15), D(2023, 7, 15), "day"),
        ("1998年，县里修了新桥。", "1998年", D(1998, 1, 1), D(1998, 12, 31), "year"),
        ("2019年8月，新区挂牌。", "2019年8月", D(2019, 8, 1), D(2019, 8, 31), "month"),
        ("9月，全区开展秋季大扫除。", "9月", D(2020, 9, 1), D(2020, 9, 30), "month"),
        ("8月份，社区完成改造。", "8月份", D(2020, 8, 1), D(2020, 8, 31), "month"),
        ("2018年10月份开始试运行。", "2018年10月份", D(2018, 10, 1), D(2018, 10, 31), "month"),
        ("3月份的数据表明增长。", "3月份", D(2020, 3, 1), D(2020, 3, 31), "month"),
        ("元月5日，召开会议。", "元月5日", D(2020, 1, 5), D(2020, 1, 5), "day"),
        ("5月3号，举行开业仪式。", "5月3号", D(2020, 5, 3), D(2020, 5, 3), "day"),
        ("2月30日以后", None, None, None, None),
        ("5000元月薪", None, None, None, None),
    ],
)
def test_gregorian_forms(text, span, start, end, precision):
    if span is None:
        assert find_dates(text, year=2020) == []
        return
    mention = only(text)
    assert interval(mention) == (span, start, end, precision)
    assert mention.calendar == "gregorian"


@pytest.mark.parametrize(
    ("text", "span", "start", "end", "precision"),
    [
        ("2020年6月13日至15日，大会召开。", "2020年6月13日至15日", D(2020, 6, 13), D(2020, 6, 15), "day"),
        ("7月1日~3日，举办培训班。", "7月1日~3日", D(2020, 7, 1), D(2020, 7, 3), "day"),
        ("3月30日—4月2日，开展检查。", "3月30日—4月2日", D(2020, 3, 30), D(2020, 4, 2), "day"),
        ("1月1日起至3月31日，开展行动。", "1月1日起至3月31日", D(2020, 1, 1), D(2020, 3, 31), "day"),
        ("12月30日至1月2日举办灯展。", "12月30日至1月2日", D(2020, 12, 30), D(2021, 1, 2), "day"),
        ("表彰2018年~2019年度优秀教师。", "2018年~2019年度", D(2018, 1, 1), D(2019, 12, 31), "year"),
        ("编制2021—2035年规划。", "2021—2035年", D(2021, 1, 1), D(2035, 12, 31), "year"),
        ("发展规划（2020 年 - 2024 年）", "2020 年 - 2024 年", D(2020, 1, 1), D(2024, 12, 31), "year"),
        ("5月8—10日，举行运动会。", "5月8—10日", D(2020, 5, 8), D(2020, 5, 10), "day"),
        ("3月18、19日，召开会议。", "3月18、19日", D(2020, 3, 18), D(2020, 3, 19), "day"),
        ("7、8月份，开展检查。", "7、8月份", D(2020, 7, 1), D(2020, 8, 31), "month"),
        ("一、二月份，开展检查。", "一、二月份", D(2020, 1, 1), D(2020, 2, 29), "month"),
        ("2019、2020年连续获奖。", "2019、2020年", D(2019, 1, 1), D(2020, 12, 31), "year"),
        ("1、2、3月，开展大走访。", "1、2、3月", D(2020, 1, 1), D(2020, 3, 31), "month"),
        ("3月3、4、5日，召开会议。", "3月3、4、5日", D(2020, 3, 3), D(2020, 3, 5), "day"),
        ("2018、2019、2020年连续获奖。", "2018、2019、2020年", D(2018, 1, 1), D(2020, 12, 31), "year"),
        ("第一、二季度，完成投资。", "第一、二季度", D(2020, 1, 1), D(2020, 6, 30), "quarter"),
        ("全区一、二、三季度完成投资。", "一、二、三季度", D(2020, 1, 1), D(2020, 9, 30), "quarter"),
        ("6—8月，开展夏季行动。", "6—8月", D(2020, 6, 1), D(2020, 8, 31), "month"),
        ("2019年3月至2020年1月，完成普查。", "2019年3月至2020年1月", D(2019, 3, 1), D(2020, 1, 31), "month"),
    ],
)
def test_ranges_are_one_mention(text, span, start, end, precision):
    mention = only(text)
    assert interval(mention) == (span, start, end, precision)


@pytest.mark.parametrize(
    ("text", "span", "start", "end", "precision", "fuzzy"),
    [
        ("5月上旬，开展培训。", "5月上旬", D(2020, 5, 1), D(2020, 5, 10), "xun", False),
        ("5月中旬，开展培训。", "5月中旬", D(2020, 5, 11), D(2020, 5, 20), "xun", False),
        ("2月下旬，开展培训。", "2月下旬", D(2020, 2, 21), D(2020, 2, 29), "xun", False),
        ("4月上中旬，开展培训。", "4月上中旬", D(2020, 4, 1), D(2020, 4, 20), "xun", False),
        ("10月初稻谷全部入仓。", "10月初", D(2020, 10, 1), D(2020, 10, 10), "xun", True),
        ("6月中，开展培训。", "6月中", D(2020, 6, 11), D(2020, 6, 20), "xun", True),
        ("截至2020年9月底，共接待游客。", "2020年9月底", D(2020, 9, 21), D(2020, 9, 30), "xun", True),
        ("11月末建成。", "11月末", D(2020, 11, 21), D(2020, 11, 30), "xun", True),
        ("3月上半月完成。", "3月上半月", D(2020, 3, 1), D(2020, 3, 15), "xun", False),
        ("2月下半月完成。", "2月下半月", D(2020, 2, 16), D(2020, 2, 29), "xun", False),
        ("一季度，新开工项目12个。", "一季度", D(2020, 1, 1), D(2020, 3, 31), "quarter", False),
        ("二季度，签约项目8个。", "二季度", D(2020, 4, 1), D(2020, 6, 30), "quarter", False),
        ("第四季度新建公园两座。", "第四季度", D(2020, 10, 1), D(2020, 12, 31), "quarter", False),
        ("前三季度增长。", "前三季度", D(2020, 1, 1), D(2020, 9, 30), "quarter", False),
        ("上半年，接待游客80万人次。", "上半年", D(2020, 1, 1), D(2020, 6, 30), "half", False),
        ("下半年，新修村道12公里。", "下半年", D(2020, 7, 1), D(2020, 12, 31), "half", False),
        ("2021年上半年完成验收。", "2021年上半年", D(2021, 1, 1), D(2021, 6, 30), "half", False),
        ("2019年初，新图书馆动工。", "2019年初", D(2019, 1, 1), D(2019, 3, 31), "year", True),
        ("截至2020年底，共修路35公里。", "2020年底", D(2020, 10, 1), D(2020, 12, 31), "year", True),
        ("2020 年底，全县通了天然气。", "2020 年底", D(2020, 10, 1), D(2020, 12, 31), "year", True),
        ("2018年末竣工。", "2018年末", D(2018, 10, 1), D(2018, 12, 31), "year", True),
        ("年初制定计划。", "年初", D(2020, 1, 1), D(2020, 3, 31), "year", True),
        ("年底前全部完成。", "年底", D(2020, 10, 1), D(2020, 12, 31), "year", True),
        ("年中，召开推进会。", "年中", D(2020, 6, 1), D(2020, 7, 31), "year", True),
        ("2019年年底，全区完成。", "2019年年底", D(2019, 10, 1), D(2019, 12, 31), "year", True),
        ("今年年初，制定计划。", "今年年初", D(2020, 1, 1), D(2020, 3, 31), "year", True),
        ("2020年春季，植树5万株。", "2020年春季", D(2020, 3, 1), D(2020, 5, 31), "season", False),
    ],
)
def test_parts_of_months_and_years(text, span, start, end, precision, fuzzy):
    mention = only(text)
    assert (mention.text, mention.start_date, mention.end_date, mention.precision, mention.fuzzy) == (
        span, start, end, precision, fuzzy)


def test_year_part_words_that_are_not_dates():
    assert read("2020年初步建成。") == [("2020年", D(2020, 1, 1), D(2020, 12, 31), "year")]
    assert read("每季度召开一次会议。") == []
    assert read("2020年中央下达资金。") == [("2020年", D(2020, 1, 1), D(2020, 12, 31), "year")]


@pytest.mark.parametrize(
    ("text", "span", "start", "end", "precision"),
    [
        ("腊月二十七，村里搭起戏台。", "腊月二十七", D(2020, 1, 21), D(2020, 1, 21), "day"),
        ("臘月廿八，全员到岗。", "臘月廿八", D(2020, 1, 22), D(2020, 1, 22), "day"),
        ("正月十五，举办灯会。", "正月十五", D(2020, 2, 8), D(2020, 2, 8), "day"),
        ("农历八月十五，举办晚会。", "农历八月十五", D(2020, 10, 1), D(2020, 10, 1), "day"),
        ("五月初五，举行龙舟赛。", "五月初五", D(2020, 6, 25), D(2020, 6, 25), "day"),
        ("冬月初三，下了大雪。", "冬月初三", D(2020, 12, 17), D(2020, 12, 17), "day"),
        ("2023年闰二月初十，举行庙会。", "2023年闰二月初十", D(2023, 3, 31), D(2023, 3, 31), "day"),
        ("閏四月初一，开工。", "閏四月初一", D(2020, 5, 23), D(2020, 5, 23), "day"),
        ("腊月里，家家备年货。", "腊月", D(2019, 12, 26), D(2020, 1, 24), "month"),
        ("除夕，社区送春联。", "除夕", D(2020, 1, 24), D(2020, 1, 24), "day"),
        ("正月初一至初五，景区免费。", "正月初一至初五", D(2020, 1, 25), D(2020, 1, 29), "day"),
        ("农历2023年闰二月初十，举行庙会。", "农历2023年闰二月初十", D(2023, 3, 31), D(2023, 3, 31), "day"),
        # 庚子年 is the lunar year that began in 2020, so its 腊月 falls early in 2021.
        ("农历庚子年腊月二十七，放假。", "农历庚子年腊月二十七", D(2021, 2, 8), D(2021, 2, 8), "day"),
    ],
)
def test_lunar_dates(text, span, start, end, precision):
    mention = only(text)
    assert interval(mention) == (span, start, end, precision)
    assert mention.calendar == "lunar"


def test_lunar_year_follows_the_context_year():
    assert only("正月初一，拜年。", year=2021).start_date == D(2021, 2, 12)
    assert only("腊月二十七，放假。", year=2021).start_date == D(2021, 2, 8)


@pytest.mark.parametrize(
    ("text", "span", "day", "calendar"),
    [
        ("元旦，举行升旗仪式。", "元旦", D(2020, 1, 1), "gregorian"),
        ("元宵节，举办灯谜会。", "元宵节", D(2020, 2, 8), "lunar"),
        ("清明节前后，祭扫烈士墓。", "清明节", D(2020, 4, 4), "gregorian"),
        ("清明期间，严防山火。", "清明", D(2020, 4, 4), "gregorian"),
        ("端午节，包粽子。", "端午节", D(2020, 6, 25), "lunar"),
        ("七夕，举办集体婚礼。", "七夕", D(2020, 8, 25), "lunar"),
        ("中秋节，走访慰问。", "中秋节", D(2020, 10, 1), "lunar"),
        ("重阳节，看望老人。", "重阳节", D(2020, 10, 25), "lunar"),
        ("國慶節，举办展览。", "國慶節", D(2020, 10, 1), "gregorian"),
        ("五一劳动节，表彰劳模。", "五一劳动节", D(2020, 5, 1), "gregorian"),
        ("“五一”期间，客流增加。", "五一", D(2020, 5, 1), "gregorian"),
        ("六一儿童节，慰问学生。", "六一儿童节", D(2020, 6, 1), "gregorian"),
        ("“七一”前夕，走访老党员。", "七一", D(2020, 7, 1), "gregorian"),
        ("建军节，慰问驻军。", "建军节", D(2020, 8, 1), "gregorian"),
        ("立春，开展迎春活动。", "立春", D(2020, 2, 4), "gregorian"),
        ("冬至，社区包饺子。", "冬至", D(2020, 12, 21), "gregorian"),
        ("大雪节气，全县降温。", "大雪节气", D(2020, 12, 7), "gregorian"),
        ("2021年春节，景区开放。", "2021年春节", D(2021, 2, 12), "lunar"),
    ],
)
def test_festivals_and_solar_terms(text, span, day, calendar):
    mention = only(text)
    assert (mention.text, mention.start_date, mention.end_date, mention.precision) == (span, day, day, "day")
    assert mention.calendar == calendar


@pytest.mark.parametrize(
    ("text", "span", "start", "end", "precision"),
    [
        ("春节期间，景区免费开放。", "春节期间", D(2020, 1, 24), D(2020, 1, 30), "day"),  # 除夕 to 初六
        ("国庆长假，客流增加。", "国庆长假", D(2020, 10, 1), D(2020, 10, 7), "day"),
        ("“五一”期间，客流增加。", "五一", D(2020, 5, 1), D(2020, 5, 1), "day"),
        ("暑假期间，开展防溺水教育。", "暑假", D(2020, 7, 1), D(2020, 8, 31), "month"),
    ],
)
def test_holidays_and_vacations_are_fuzzy_spans(text, span, start, end, precision):
    mention = only(text)
    found = (mention.text, mention.start_date, mention.end_date, mention.precision)
    assert found == (span, start, end, precision)
    assert mention.fuzzy == (span != "五一")


@pytest.mark.parametrize(
    ("text", "span", "day"),
    [
        ("全国助残日，残联开展活动。", "全国助残日", D(2020, 5, 17)),  # the third Sunday of May
        ("世界读书日，图书馆开放。", "世界读书日", D(2020, 4, 23)),
        ("全民国家安全教育日，开展宣传。", "全民国家安全教育日", D(2020, 4, 15)),
        ("国家宪法日，举办讲座。", "国家宪法日", D(2020, 12, 4)),
        ("国家公祭日，全区默哀。", "国家公祭日", D(2020, 12, 13)),
        ("全民国防教育日，开展宣传。", "全民国防教育日", D(2020, 9, 19)),  # the third Saturday of September
        ("爱耳日，开展义诊。", "爱耳日", D(2020, 3, 3)),
        ("全国科技工作者日，慰问科技人员。", "全国科技工作者日", D(2020, 5, 30)),
        ("中国农民丰收节，举办庆祝活动。", "中国农民丰收节", D(2020, 9, 22)),  # 秋分
        ("2019年国家宪法日，开展宣传。", "2019年国家宪法日", D(2019, 12, 4)),
    ],
)
def test_commemorative_days(text, span, day):
    mention = only(text)
    assert (mention.text, mention.start_date, mention.end_date, mention.precision) == (span, day, day, "day")


@pytest.mark.parametrize(
    "text",
    ["政治清明，海晏河清。", "一场大雪覆盖全城。", "五一路街道办事处", "七一社区", "李国庆同志",
     "小满足于现状"],
)
def test_festival_words_in_prose_are_not_dates(text):
    assert find_dates(text, year=2020) == []


@pytest.mark.parametrize(
    ("text", "span", "time"),
    [
        ("12月29日上午，召开会议。", "12月29日上午", "morning"),
        ("5月19日下午，检查防汛物资。", "5月19日下午", "afternoon"),
        ("6月1日晚上，举办晚会。", "6月1日晚上", "evening"),
        ("1月19日晚7时，演出开始。", "1月19日晚7时", "19:00"),
        ("3月2日下午三时，召开会议。", "3月2日下午三时", "15:00"),
        ("4月8日上午十时，开馆。", "4月8日上午十时", "10:00"),
        ("6月13日14时30分，发生地震。", "6月13日14时30分", "14:30"),
        ("7月1日 14:30，集合。", "7月1日 14:30", "14:30"),
        ("8月1日晚上8点半，放映电影。", "8月1日晚上8点半", "20:30"),
        ("2020年1月1日零时起施行。", "2020年1月1日零时", "00:00"),
    ],
)
def test_times_belong_to_the_mention(text, span, time):
    mention = only(text)
    assert (mention.text, mention.time, mention.precision) == (span, time, "day")


@pytest.mark.parametrize(
    ("text", "span", "start", "end"),
    [
        ("民国九年，县城修路。", "民国九年", D(1920, 1, 1), D(1920, 12, 31)),
        ("民國三年，设立学堂。", "民國三年", D(1914, 1, 1), D(1914, 12, 31)),
        ("光绪二十六年，建书院。", "光绪二十六年", D(1900, 1, 1), D(1900, 12, 31)),
        ("顺治二年，设县学。", "顺治二年", D(1645, 1, 1), D(1645, 12, 31)),
        ("明洪武三年筑城。", "明洪武三年", D(1370, 1, 1), D(1370, 12, 31)),
        ("万历十年，修县志。", "万历十年", D(1582, 1, 1), D(1582, 12, 31)),
        ("庚子年，疫情暴发。", "庚子年", D(2020, 1, 1), D(2020, 12, 31)),
        ("“十三五”时期，经济增长。", "十三五", D(2016, 1, 1), D(2020, 12, 31)),
        ("谋划“十四五”规划。", "十四五", D(2021, 1, 1), D(2025, 12, 31)),
        ("今年，全区完成任务。", "今年", D(2020, 1, 1), D(2020, 12, 31)),
        ("增速与去年持平。", "去年", D(2019, 1, 1), D(2019, 12, 31)),
        ("2020年度考核优秀。", "2020年度", D(2020, 1, 1), D(2020, 12, 31)),
    ],
)
def test_era_and_named_years(text, span, start, end):
    mention = only(text)
    assert interval(mention) == (span, start, end, "year")


def test_era_year_with_its_gregorian_year_in_parentheses():
    assert read("民国三十八年（1949年），县城解放。") == [
        ("民国三十八年", D(1949, 1, 1), D(1949, 12, 31), "year"),
        ("1949年", D(1949, 1, 1), D(1949, 12, 31), "year"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "增长3.5%，投入1000万元。",
        "共13个社区，12个月内完成。",
        "5日均值达标，第3日复查。",
        "“7·20”特大暴雨造成损失。",
        "电话0374-2020123，身份证号411002199001011234。",
        "3号楼的住户",
        "一日三餐",
        "每月15日前上报。",
        "连续3日无新增病例。",
        "上午开会，下午调研。",
        "30 年的老党员",
        "这座城有2000年历史。",
        "3月龄以下婴儿",
        "每年3月开展植树活动。",
        "每年年底召开总结会。",
        "年中考核优秀，一年中最热的时候。",
    ],
)
def test_numbers_that_are_not_dates(text):
    assert find_dates(text, year=2020) == []


def test_mentions_are_ordered_non_overlapping_and_slice_the_text():
    text = "2020年1月3日上午，开会；5日，检查。3月，复工。12 月 31 日，总结。"
    mentions = find_dates(text, year=2020)
    assert [m.text for m in mentions] == ["2020年1月3日上午", "5日", "3月", "12 月 31 日"]
    assert all(text[m.start : m.end] == m.text for m in mentions)
    assert all(a.end <= b.start for a, b in zip(mentions, mentions[1:], strict=False))


def test_as_json_has_the_spec_keys():
    mention = only("12月29日上午，开会。")
    assert mention.as_json() == {
        "start": 0, "end": 8, "text": "12月29日上午", "start_date": "2020-12-29", "end_date": "2020-12-29",
        "precision": "day", "calendar": "gregorian", "time": "morning",
    }
    assert "time" not in only("12月29日，开会。").as_json()


def test_traditional_characters():
    text = ("民國三十八年（1949年）十月一日，舉行慶典。農曆臘月廿三，當日下午3時開會。"
            "穀雨節氣，國慶節，元宵節。")
    assert [(m.text, m.start_date, m.end_date, m.calendar, m.time) for m in find_dates(text, year=1949)] == [
        # an era year, its Gregorian year in brackets and the month and day are one date
        ("民國三十八年（1949年）十月一日", D(1949, 10, 1), D(1949, 10, 1), "gregorian", None),
        ("農曆臘月廿三", D(1949, 1, 21), D(1949, 1, 21), "lunar", None),
        ("當日下午3時", D(1949, 1, 21), D(1949, 1, 21), "gregorian", "15:00"),
        ("穀雨節氣", D(1949, 4, 20), D(1949, 4, 20), "gregorian", None),
        ("國慶節", D(1949, 10, 1), D(1949, 10, 1), "gregorian", None),
        ("元宵節", D(1949, 2, 12), D(1949, 2, 12), "lunar", None),
    ]


def test_a_heading_number_before_a_quarter_is_not_part_of_it():
    assert interval(only("二、三季度经济运行\n")) == ("三季度", D(2020, 7, 1), D(2020, 9, 30), "quarter")


def test_national_day_listed_with_mid_autumn():
    found = find_dates("国庆、中秋“双节”期间，开展安全检查。", year=2020)
    assert [(m.text, m.start_date, m.calendar) for m in found] == [
        ("国庆", D(2020, 10, 1), "gregorian"),
        ("中秋", D(2020, 10, 1), "lunar"),
    ]


@pytest.mark.parametrize(
    "text, span, day",
    [
        ("“3·15”国际消费者权益日，开展宣传。", "3·15", D(2020, 3, 15)),
        ("“12·4”国家宪法日，举办讲座。", "12·4", D(2020, 12, 4)),
    ],
)
def test_a_day_named_by_its_month_and_day_in_quotes(text, span, day):
    assert interval(only(text)) == (span, day, day, "day")


@pytest.mark.parametrize("text", ["增长“1.5”个百分点", "“2·30”期间", "“13·1”活动", "3·15期间", "“5·12”地震"])
def test_dotted_numbers_that_are_not_named_days(text):
    assert find_dates(text, year=2020) == []


@pytest.mark.parametrize("text", ["2020年6月13日至\n15日，开会。", "2020年6月13日至\r\n\r\n15日，开会。"])
def test_a_break_after_the_range_word_keeps_the_range(text):
    mention = only(text, year=None)
    assert (mention.start_date, mention.end_date) == (D(2020, 6, 13), D(2020, 6, 15))
    assert mention.text == text[: text.index("15日") + 3]


@pytest.mark.parametrize(
    "text, span, start, end",
    [
        ("1958年春，成立人民公社。", "1958年春", D(1958, 3, 1), D(1958, 5, 31)),
        ("是年冬，普降大雪。", "是年冬", D(2020, 12, 1), D(2021, 2, 28)),
        ("次年春，开始动工。", "次年春", D(2021, 3, 1), D(2021, 5, 31)),
    ],
)
def test_a_season_written_after_its_year(text, span, start, end):
    assert interval(only(text)) == (span, start, end, "season")


@pytest.mark.parametrize(
    "text, span",
    [("一、4月1日，区委召开全会。", "4月1日"), ("1、3月5日，召开会议。", "3月5日"), ("5、6月5日", "6月5日")],
)
def test_a_list_number_before_a_date_is_not_a_range_of_months(text, span):
    assert only(text).text == span
