"""The helpers under the recognizer: numerals, lunar dates, solar terms and 干支 years."""
import datetime

import pytest

from events.parsing.lunar import ganzhi_year, lunar_month_span, lunar_to_solar, month_length, solar_term
from events.parsing.numerals import fold, to_int

D = datetime.date


@pytest.mark.parametrize(
    ("numeral", "value"),
    [("27", 27), ("二十七", 27), ("廿七", 27), ("卅", 30), ("卅一", 31), ("十", 10), ("二〇二〇", 2020),
     ("二O二一", 2021), ("一九四九", 1949), ("两", 2), ("初", None), ("x", None)],
)
def test_to_int(numeral, value):
    assert to_int(numeral) == value


def test_fold_keeps_every_offset():
    text = "２０２３年臘月廿七（農曆）國慶節：14：30"
    folded = fold(text)
    assert folded == "2023年腊月廿七(农历)国庆节:14:30"
    assert len(folded) == len(text)


@pytest.mark.parametrize(
    ("lunar", "solar"),
    [
        ((2019, 12, 27, False), D(2020, 1, 21)),
        ((2023, 2, 10, True), D(2023, 3, 31)),  # 闰二月初十
        ((2019, 12, 0, False), D(2020, 1, 24)),  # day 0: the month's last day (除夕)
        ((2019, 2, 30, False), "lunar 2月 of 2019 has only 29 days, not 30"),
        ((2020, 2, 1, True), "lunar year 2020 has no 闰2月"),
    ],
)
def test_lunar_to_solar(lunar, solar):
    assert lunar_to_solar(*lunar) == solar


def test_lunar_month_span_and_length():
    assert lunar_month_span(2019, 12) == (D(2019, 12, 26), D(2020, 1, 24))
    assert month_length(2020, -4) == 29  # 2020 had a leap fourth month
    assert month_length(2020, -2) is None


@pytest.mark.parametrize(
    ("name", "year", "day"),
    [("冬至", 2023, D(2023, 12, 22)), ("冬至", 2020, D(2020, 12, 21)), ("小寒", 2020, D(2020, 1, 6)),
     ("清明", 2021, D(2021, 4, 4)), ("立春", 2020, D(2020, 2, 4))],
)
def test_solar_term_falls_in_the_year_asked_for(name, year, day):
    assert solar_term(name, year) == day


@pytest.mark.parametrize(
    ("stem_branch", "near", "year"),
    [("庚子", 2020, 2020), ("甲子", 1990, 1984), ("辛亥", 1920, 1911), ("甲丑", 2020, None)],
)
def test_ganzhi_year_is_the_cycle_nearest(stem_branch, near, year):
    assert ganzhi_year(stem_branch, near) == year
