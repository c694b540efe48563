"""Chinese lunar calendar through lunar-python: lunar dates, festivals and solar terms as solar dates."""
from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import lru_cache

from lunar_python import Lunar, LunarYear, Solar

# Lunar festivals: (lunar month, lunar day); day 0 means the last day of the month (除夕).
LUNAR_FESTIVALS = {
    "春节": (1, 1), "元宵": (1, 15), "端午": (5, 5), "七夕": (7, 7), "中秋": (8, 15),
    "重阳": (9, 9), "腊八": (12, 8), "除夕": (12, 0),
}
SOLAR_FESTIVALS = {
    "元旦": (1, 1), "妇女": (3, 8), "植树": (3, 12), "劳动": (5, 1), "五一": (5, 1), "青年": (5, 4),
    "五四": (5, 4), "儿童": (6, 1), "六一": (6, 1), "建党": (7, 1), "七一": (7, 1), "建军": (8, 1),
    "八一": (8, 1), "教师": (9, 10), "国庆": (10, 1), "十一": (10, 1), "三八": (3, 8),
}
SOLAR_TERMS = (
    "小寒", "大寒", "立春", "雨水", "惊蛰", "春分", "清明", "谷雨", "立夏", "小满", "芒种", "夏至",
    "小暑", "大暑", "立秋", "处暑", "白露", "秋分", "寒露", "霜降", "立冬", "小雪", "大雪", "冬至",
)


def _solar(lunar: Lunar) -> datetime.date:
    solar = lunar.getSolar()
    return datetime.date(solar.getYear(), solar.getMonth(), solar.getDay())


@lru_cache(maxsize=1024)
def month_length(lunar_year: int, month: int) -> int | None:
    """Days in a lunar month (negative month = leap month), None if the year has no such month."""
    try:
        lunar_month = LunarYear.fromYear(lunar_year).getMonth(month)
    except Exception:  # lunar-python raises plain Exception outside its tables
        return None
    return lunar_month.getDayCount() if lunar_month is not None else None


@lru_cache(maxsize=4096)
def lunar_to_solar(lunar_year: int, month: int, day: int, leap: bool = False) -> datetime.date | str:
    """The solar date of a lunar date, or a message saying why there is none."""
    signed_month = -month if leap else month
    length = month_length(lunar_year, signed_month)
    name = f"{'闰' if leap else ''}{month}月"
    if length is None:
        return f"lunar year {lunar_year} has no {name}"
    if day == 0:
        day = length
    if not 1 <= day <= length:
        return f"lunar {name} of {lunar_year} has only {length} days, not {day}"
    return _solar(Lunar.fromYmd(lunar_year, signed_month, day))


def lunar_month_span(
    lunar_year: int, month: int, leap: bool = False
) -> tuple[datetime.date, datetime.date] | str:
    """First and last solar day of a lunar month, or a message saying why there is none."""
    first = lunar_to_solar(lunar_year, month, 1, leap)
    last = lunar_to_solar(lunar_year, month, 0, leap)
    return first if isinstance(first, str) else (first, last)


@lru_cache(maxsize=256)
def solar_term(name: str, year: int) -> datetime.date | None:
    """The day of a solar term (清明, 冬至 ...) in a solar year."""
    for lunar_year in (year, year + 1):
        # The Chinese keys of a lunar year's table run from the 冬至 before it to the 大雪 inside it.
        found = Lunar.fromYmd(lunar_year, 1, 1).getJieQiTable().get(name)
        if found is not None and found.getYear() == year:
            return datetime.date(found.getYear(), found.getMonth(), found.getDay())
    return None


def ganzhi_year(stem_branch: str, near_year: int) -> int | None:
    """The Gregorian year of a 干支 year (庚子) nearest near_year."""
    stems, branches = "甲乙丙丁戊己庚辛壬癸", "子丑寅卯辰巳午未申酉戌亥"
    stem, branch = stems.find(stem_branch[0]), branches.find(stem_branch[1])
    if stem < 0 or branch < 0 or stem % 2 != branch % 2:
        return None
    cycle = next(i for i in range(60) if i % 10 == stem and i % 12 == branch)
    base = 1984 + cycle  # 1984 was 甲子
    return base + 60 * round((near_year - base) / 60)


@dataclass(frozen=True, slots=True)
class LunarDay:
    """A Gregorian day in the lunar calendar: what pages and the admin show beside a date."""

    year: int  # the lunar year
    month: int  # negative for a leap month (闰二月 is -2)
    day: int
    month_name: str  # 正, 二, 闰二, 冬, 腊
    day_name: str  # 初五, 十五, 廿三
    ganzhi_year: str  # 庚子
    term: str  # the solar term that falls on the day (清明), else ""

    @property
    def label(self) -> str:
        """`腊月二十七`, `闰二月初十`: as an editor writes it, 廿 and 卅 spelled out."""
        return f"{self.month_name}月{self.day_name.replace('廿', '二十').replace('卅', '三十')}"


@lru_cache(maxsize=4096)
def lunar_day(day: datetime.date) -> LunarDay:
    """The lunar date of a Gregorian day."""
    lunar = Solar.fromYmd(day.year, day.month, day.day).getLunar()
    return LunarDay(lunar.getYear(), lunar.getMonth(), lunar.getDay(), lunar.getMonthInChinese(),
                    lunar.getDayInChinese(), lunar.getYearInGanZhi(), lunar.getJieQi() or "")
