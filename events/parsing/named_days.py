"""The commemorative and observance days a Chinese record dates things by (助残日, 国家宪法日 …).

Fixed days of the Gregorian year, days counted by weekday (全国助残日 is the third Sunday of May)
and days on a solar term (中国农民丰收节 is 秋分). A name may carry a prefix (全国, 世界, 国际,
中国, 国家, 全民): the table is keyed by what follows it. Dates of first observance are not
checked: a record that names the day names a year it was kept.
"""
from __future__ import annotations

import calendar
import datetime

# name → (month, day)
FIXED = {
    "人民警察节": (1, 10), "警察节": (1, 10), "爱耳日": (3, 3), "学雷锋日": (3, 5), "学雷锋纪念日": (3, 5),
    "消费者权益日": (3, 15), "水日": (3, 22), "气象日": (3, 23), "卫生日": (4, 7), "安全教育日": (4, 15),
    "国家安全教育日": (4, 15), "读书日": (4, 23), "航天日": (4, 24), "知识产权日": (4, 26), "护士节": (5, 12),
    "防灾减灾日": (5, 12), "博物馆日": (5, 18), "旅游日": (5, 19), "科技工作者日": (5, 30), "无烟日": (5, 31),
    "环境日": (6, 5), "文化和自然遗产日": (6, 10), "禁毒日": (6, 26), "健身日": (8, 8), "医师节": (8, 19),
    "爱牙日": (9, 20), "烈士纪念日": (9, 30), "粮食日": (10, 16), "扶贫日": (10, 17), "记者节": (11, 8),
    "消防日": (11, 9), "消防宣传日": (11, 9), "艾滋病日": (12, 1), "交通安全日": (12, 2), "残疾人日": (12, 3),
    "宪法日": (12, 4), "法制宣传日": (12, 4), "志愿者日": (12, 5), "公祭日": (12, 13),
}  # fmt: skip
# name → (month, weekday (Monday 0), which: 1 first … -1 last)
BY_WEEKDAY = {
    "助残日": (5, 6, 3), "母亲节": (5, 6, 2), "父亲节": (6, 6, 3), "国防教育日": (9, 5, 3),
    "科普日": (9, 5, 3), "中小学生安全教育日": (3, 0, -1),
}
ON_SOLAR_TERM = {"农民丰收节": "秋分"}
PREFIXES = ("全国", "全民", "世界", "国际", "中国", "国家", "中国人民")

# Longest first, so that 国家安全教育日 is read before 安全教育日.
NAMES = tuple(sorted((*FIXED, *BY_WEEKDAY, *ON_SOLAR_TERM), key=len, reverse=True))


def weekday_in_month(year: int, month: int, weekday: int, which: int) -> datetime.date:
    """The which-th weekday of a month (which=-1: the last one)."""
    days = [day for day in range(1, calendar.monthrange(year, month)[1] + 1)
            if datetime.date(year, month, day).weekday() == weekday]
    return datetime.date(year, month, days[which - 1 if which > 0 else which])


def named_day(name: str, year: int, solar_term) -> datetime.date | None:
    """The day a named observance fell on in a year; solar_term(name, year) finds 秋分."""
    if name in FIXED:
        month, day = FIXED[name]
        return datetime.date(year, month, day)
    if name in BY_WEEKDAY:
        return weekday_in_month(year, *BY_WEEKDAY[name])
    if name in ON_SOLAR_TERM:
        return solar_term(ON_SOLAR_TERM[name], year)
    return None
