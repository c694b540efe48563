"""Dates that cannot be, reported as problems instead of raised or silently dropped."""
import datetime

import pytest

from events.parsing import DateProblem, scan_dates


@pytest.mark.parametrize(
    ("text", "span", "message"),
    [
        ("2月30日召开会议。", "2月30日", "2月30日: 2020-02 has 29 days"),
        ("2019年2月29日开会。", "2019年2月29日", "2月29日: 2019-02 has 28 days"),
        ("4月31日检查。", "4月31日", "4月31日: 2020-04 has 30 days"),
        ("2019年农历二月三十，庙会。", "2019年农历二月三十", "lunar 2月 of 2019 has only 29 days, not 30"),
        ("2020年闰二月初十开工。", "2020年闰二月初十", "lunar year 2020 has no 闰2月"),
    ],
)
def test_impossible_dates_are_problems(text, span, message):
    scan = scan_dates(text, year=2020)
    assert scan.mentions == ()
    assert len(scan.problems) == 1
    problem = scan.problems[0]
    assert (problem.text, problem.message) == (span, message)
    assert text[problem.start : problem.end] == span


@pytest.mark.parametrize(
    "text",
    ["1月22日（农历腊月二十七），举办年货节。", "18日（农历腊月廿七）开会。"],
)
def test_solar_and_lunar_dates_that_disagree_are_a_problem(text):
    scan = scan_dates("1月\n" + text, year=2020)
    assert any("农历腊月" in problem.message for problem in scan.problems), scan.problems
    assert all(isinstance(problem, DateProblem) for problem in scan.problems)


def test_solar_and_lunar_dates_that_agree_are_no_problem():
    scan = scan_dates("1月\n21日（农历腊月廿七）开会。", year=2020)
    assert scan.problems == ()
    assert [m.start_date for m in scan.mentions] == [datetime.date(2020, 1, 1), datetime.date(2020, 1, 21),
                                                     datetime.date(2020, 1, 21)]


def test_era_year_and_gregorian_year_that_disagree_are_a_problem():
    scan = scan_dates("民国三十八年（1948年），县城解放。", year=2020)
    assert [p.message for p in scan.problems] == ["民国三十八年 is 1949-01-01 but 1948年 is 1948-01-01"]


def test_a_range_that_ends_before_it_starts_is_a_problem():
    scan = scan_dates("2020年5月3日至2019年4月1日", year=2020)
    assert scan.mentions == ()
    assert "ends" in scan.problems[0].message
