"""Properties that hold for any text: find_dates never raises, offsets slice the text, time stays linear."""
import time

from hypothesis import given, settings
from hypothesis import strategies as st

from events.parsing import find_dates, scan_dates

# Text made mostly of the characters dates are built from, so that the generator hits the parser hard.
DATE_ALPHABET = (
    "0123456789０１２３４５６７８９〇零一二三四五六七八九十廿卅O年月日号旬季度半上中下初底末前第农历闰正冬腊臘"
    "春节元宵清明端午中秋重阳国庆除夕立冬至同次翌当是天本△☆午晚时点分:：.-/—~至到（）()，。 \n\u3000"
    "发布期间份个民国庚子十三五"
)
texts = st.text(alphabet=DATE_ALPHABET, max_size=200) | st.text(max_size=200)


# Years stay near the texts' own: lunar-python takes a few milliseconds for each new lunar year.
@settings(max_examples=400, deadline=None)
@given(text=texts, year=st.none() | st.integers(min_value=1890, max_value=2110))
def test_never_raises_and_offsets_slice_the_text(text, year):
    scan = scan_dates(text, year=year)
    previous_end = 0
    for mention in scan.mentions:
        assert 0 <= mention.start <= mention.end <= len(text)
        assert mention.start >= previous_end  # in text order, non-overlapping
        previous_end = mention.end
        assert text[mention.start : mention.end] == mention.text
        assert mention.start_date <= mention.end_date
    for problem in scan.problems:
        assert text[problem.start : problem.end] == problem.text
        assert problem.start <= problem.end


def test_extreme_years_give_problems_not_errors():
    for year in (1, 9999):
        scan = scan_dates("腊月二十七，春节，冬至，十一月初五，3月5日，庚子年，民国元年", year=year)
        assert all(m.start_date <= m.end_date for m in scan.mentions)


@settings(max_examples=100, deadline=None)
@given(text=texts)
def test_find_dates_is_scan_dates_mentions(text):
    assert find_dates(text, year=2020) == list(scan_dates(text, year=2020).mentions)


def test_time_grows_linearly_with_the_text():
    unit = ("2020年6月13日至15日上午，腊月二十七，3月上旬，第四季度，同日，十三五，"
            "3\n\n月，5日均，１２月３１日。\n")
    small, large = unit * 50, unit * 400

    def best(text: str) -> float:
        timings = []
        for _ in range(5):
            started = time.perf_counter()
            find_dates(text, year=2020)
            timings.append(time.perf_counter() - started)
        return min(timings)

    # Eight times the text may take at most 24 times as long: linear with room for a busy machine,
    # while quadratic time would take 64 times as long.
    assert best(large) < 24 * best(small)
