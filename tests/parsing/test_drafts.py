"""Event drafts: one event per happening with all its mentions, exact offsets, stable fingerprints."""
import datetime
import importlib.util
import json
import sys
from pathlib import Path

import pytest

from events.parsing.drafts import extract_events

ROOT = Path(__file__).resolve().parent.parent.parent

TWICE_STATED = (
    "综 述\n\n"
    "坚决打赢疫情防控阻击战。腊月二十七成立疫情防控指挥部，腊月二十八，全区3000余名党员干部迅速到岗到位。\n\n"
    "政府工作\n\n"
    "疫情防控取得阶段性胜利。腊月二十七成立疫情防控指挥部，腊月二十八全区3000余名党员干部迅速奔赴抗疫一线。\n\n"
    "组织工作\n\n"
    "【基层党建】 11月27日，全省基层党建工作座谈会在东林召开，省委常委、组织部部长王强带领各地市组织部门"
    "到春秋社区文会小区进行实地观摩。\n\n\n\n"
    "11月27日，省委常委、组织部部长王强到春秋社区文会小区进行观摩\n"
    "组织部供图\n\n"
    "【纪检监察】 11月27日，省委常委、省纪委书记赵刚在调研时，对东林区规范小微权力运行给予肯定。\n\n"
    "【会议】 6月8日，区委书记张立主持召开十四届区委常委会第114次会议。专题研究两会筹备情况。\n\n"
    "6月8日，区长李明主持召开十五届区政府第65次常务会议。会议传达贯彻全国两会精神，研究两会筹备情况。\n"
)


def drafts_of(text, year=2020):
    return extract_events(text, year=year).drafts


def on(drafts, day):
    return [d for d in drafts if d.start_date == datetime.date.fromisoformat(day)]


def test_a_happening_stated_in_two_places_is_one_event_with_both_mentions():
    drafts = drafts_of(TWICE_STATED)
    [headquarters] = on(drafts, "2020-01-21")
    assert headquarters.calendar == "lunar"
    assert [m.section for m in headquarters.mentions] == ["综 述", "政府工作"]
    [cadres] = on(drafts, "2020-01-22")
    assert len(cadres.mentions) == 2


def test_a_caption_and_its_paragraph_are_one_event_but_another_visit_that_day_is_not():
    provincial = on(drafts_of(TWICE_STATED), "2020-11-27")
    assert len(provincial) == 2
    wang = next(d for d in provincial if "王强" in d.description)
    assert len(wang.mentions) == 2
    assert "赵刚" not in wang.description


def test_different_meetings_on_one_day_stay_apart():
    meetings = on(drafts_of(TWICE_STATED), "2020-06-08")
    series = sorted((d.series_name, d.series_number) for d in meetings)
    assert series == [("区委常委会", 114), ("区政府常务会议", 65)]


def test_every_mention_is_an_exact_slice_of_the_text():
    for draft in drafts_of(TWICE_STATED):
        for mention in draft.mentions:
            assert TWICE_STATED[mention.start : mention.end] == mention.text
            if mention.date_start is not None:
                assert mention.start <= mention.date_start < mention.date_end <= mention.end


def test_fingerprints_are_unique_and_stable_when_text_moves():
    first = drafts_of(TWICE_STATED)
    moved = drafts_of("前言\n\n本卷记述2020年大事。\n\n" + TWICE_STATED)
    assert len({d.fingerprint for d in first}) == len(first)
    assert {d.fingerprint for d in first} == {d.fingerprint for d in moved}


def test_the_machine_reading_holds_what_an_undo_restores():
    draft = on(drafts_of(TWICE_STATED), "2020-06-08")[0]
    reading = draft.machine_reading
    for key in ("start_date", "end_date", "precision", "calendar", "time", "title", "type", "date_text"):
        assert key in reading
    assert reading["start_date"] == "2020-06-08"


CHRONICLE = (
    "发布时间：2021-03-05 10:20　来源：东林区人民政府网\n\n"
    "东林区大事记\n\n"
    "2019年\n\n"
    "12月\n"
    "7日　區委書記王立新主持召開十三屆區委常委會第30次會議。\n"
    "同日　区长李明到东关街道检查安全生产工作。\n"
    "☆　区政协召开十届十二次常委会议。\n"
    "22—26日　区十五届人大五次会议在区会议中心召开。\n"
    "是月　全区开展冬季送温暖活动。\n\n"
    "2020年\n\n"
    "1月\n"
    "1月4—8日　区委组织部举办科级干部培训班。\n"
    "15日　区委召开全区经济工作会议。\n"
)


@pytest.mark.parametrize(
    ("start", "end", "precision", "type", "title"),
    [
        ("2019-12-07", "2019-12-07", "day", "meeting", "區委書記王立新主持召開十三屆區委常委會第30次會議"),
        ("2019-12-07", "2019-12-07", "day", "inspection", "区长李明到东关街道检查安全生产工作"),
        ("2019-12-07", "2019-12-07", "day", "meeting", "区政协召开十届十二次常委会议"),
        ("2019-12-22", "2019-12-26", "day", "meeting", "区十五届人大五次会议在区会议中心召开"),
        ("2019-12-01", "2019-12-31", "month", "activity", "全区开展冬季送温暖活动"),
        ("2020-01-04", "2020-01-08", "day", "training", "区委组织部举办科级干部培训班"),
        ("2020-01-15", "2020-01-15", "day", "meeting", "区委召开全区经济工作会议"),
    ],
)
def test_a_published_chronicle_gives_one_event_per_entry(start, end, precision, type, title):
    rows = {(d.start_date.isoformat(), d.end_date.isoformat(), d.precision, d.type, d.title)
            for d in drafts_of(CHRONICLE, year=None)}
    assert (start, end, precision, type, title) in rows


def test_a_chronicle_has_no_other_events_and_the_publication_stamp_is_none():
    drafts = drafts_of(CHRONICLE, year=None)
    assert len(drafts) == 7
    assert not [d for d in drafts if d.start_date.year == 2021]


def test_a_traditional_chronicle_entry_keeps_its_series_number():
    meeting = next(d for d in drafts_of(CHRONICLE, year=None) if d.title.startswith("區委"))
    assert (meeting.series_name, meeting.series_number) == ("区委常委会", 30)
    assert [p.name for p in meeting.people] == ["王立新"]


def test_interleaved_columns_give_no_events_and_a_review_note():
    text = (
        "3月\n\n"
        "3日　区委召开常委会议，研究\n"
        "17日　区政府召开常务会议，\n"
        "部署春耕生产工作。\n"
        "研究城市更新工作。\n"
        "5日　区人大常委会举行\n"
        "20日　区政协召开常委\n"
        "第十次会议。\n"
        "会议，协商议政。\n"
    )
    extraction = extract_events(text, year=2021)
    assert extraction.drafts == ()
    assert [note.kind for note in extraction.notes] == ["interleaved-columns"]


def _scorer():
    spec = importlib.util.spec_from_file_location("score_events", ROOT / "scripts" / "score_events.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("score_events", module)  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_the_reference_yearbook_meets_the_gold_events(yearbook_text):
    from tests.conftest import GOLD_EVENTS

    scorer = _scorer()
    gold = [json.loads(line) for line in GOLD_EVENTS.read_text(encoding="utf-8").splitlines() if line.strip()]
    score = scorer.score(scorer.draft_rows(drafts_of(yearbook_text, year=None)), gold, yearbook_text)
    assert score.recall >= 0.95, score.misses
    assert score.duplicated == 0
    assert score.bad_mentions == 0


SECOND_CHRONICLE = (
    "2021-03-05 10:20:33\n"
    "东林区大事记\n\n"
    "二〇一九年\n\n"
    "十二月\n"
    "７日区委召开十三届区委常委会第30次会议。\n"
    "中旬　区委开展调研活动。\n\n"
    "2020年\n\n"
    "1 月\n"
    "3日，区委召开全区经济工作会议。\n"
    "同日，区长李明到东关街道检查安全生产工作。区政协召开十届十二次常委会议。\n"
)


@pytest.mark.parametrize(
    ("start", "end", "precision", "series"),
    [
        ("2019-12-07", "2019-12-07", "day", ("区委常委会", 30)),
        ("2019-12-11", "2019-12-20", "xun", ("", None)),
        ("2020-01-03", "2020-01-03", "day", ("", None)),
    ],
    ids=["full-width day without a space", "中旬", "day with a comma"],
)
def test_chronicle_variants_chinese_year_headings_full_width_digits(start, end, precision, series):
    rows = {(d.start_date.isoformat(), d.end_date.isoformat(), d.precision, (d.series_name, d.series_number))
            for d in drafts_of(SECOND_CHRONICLE, year=None)}
    assert (start, end, precision, series) in rows


def test_a_series_named_only_in_a_later_sentence_does_not_make_the_entry_a_meeting():
    same_day = [d for d in drafts_of(SECOND_CHRONICLE, year=None) if d.title.startswith("区长李明")]
    assert [(d.type, d.series_name) for d in same_day] == [("inspection", "")]
    assert not [d for d in drafts_of(SECOND_CHRONICLE, year=None) if d.start_date.year == 2021]


def test_a_chronicle_titled_by_its_year_with_month_days_on_each_entry():
    text = ("2020年大事记\n\n1月3日　区委召开全会。\n5日　区政府召开常务会议。\n8—10日　区人大召开会议。\n"
            "2月2日　区政协召开常委会议。\n同日　区长到社区检查防疫工作。\n△区委书记到医院慰问医护人员。\n")
    rows = [(d.start_date.isoformat(), d.end_date.isoformat(), d.title) for d in drafts_of(text, year=None)]
    assert rows == [
        ("2020-01-03", "2020-01-03", "区委召开全会"),
        ("2020-01-05", "2020-01-05", "区政府召开常务会议"),
        ("2020-01-08", "2020-01-10", "区人大召开会议"),
        ("2020-02-02", "2020-02-02", "区政协召开常委会议"),
        ("2020-02-02", "2020-02-02", "区长到社区检查防疫工作"),
        ("2020-02-02", "2020-02-02", "区委书记到医院慰问医护人员"),
    ]


def test_hard_wrapped_lines_are_read_as_their_paragraphs():
    text = ("组织工作\n【基层党建】 2020年，区委组织部推进支部建设。3月15\n"
            "日，区委组织部举办全区社区党组织书记培训班，120名社\n"
            "区书记参加培训。\n【媒体报道】 7月3日，《青禾日报》刊发区委组织部经验\n"
            "做法；7月8日，《组织人事报》对此作专题报道。\n")
    rows = [(d.start_date.isoformat(), d.type, d.title, d.mentions[0].section) for d in drafts_of(text)]
    assert rows == [
        ("2020-03-15", "training", "区委组织部举办全区社区党组织书记培训班，120名社区书记参加培训",
         "组织工作 › 【基层党建】"),
        ("2020-07-03", "media", "《青禾日报》刊发区委组织部经验做法", "组织工作 › 【媒体报道】"),
        ("2020-07-08", "media", "《组织人事报》对此作专题报道", "组织工作 › 【媒体报道】"),
    ]


def test_chronicle_mentions_point_at_the_words_that_date_them():
    text = "2019年\n\n12月\n7日　区委召开全会。\n同日　区长到东关街道检查工作。\n△　区政协召开常委会议。\n"
    dated = [(text[d.mentions[0].date_start : d.mentions[0].date_end], d.mentions[0].text)
             for d in drafts_of(text, year=None)]
    assert dated == [("7日", "7日　区委召开全会。"), ("同日", "同日　区长到东关街道检查工作。"),
                     ("△", "△　区政协召开常委会议。")]


def test_two_short_meetings_of_one_day_in_different_sections_stay_apart():
    text = ("区委工作\n\n【会议】 3月5日，区委召开全区经济工作会议。\n\n"
            "政府工作\n\n【会议】 3月5日，区政府召开全区安全生产工作会议。\n")
    assert len(drafts_of(text)) == 2


@pytest.mark.parametrize("unit", ["区委于3月5日召开会议，", "，3月5日区委召开会议"])
def test_one_huge_paragraph_of_dates_reads_in_near_linear_time(unit):
    import time

    text = unit * 8000
    began = time.perf_counter()
    extract_events(text, year=2020)
    assert time.perf_counter() - began < 5


def test_a_chronicle_under_a_republic_year_heading_dates_its_entries_in_that_year():
    text = "臺中市大事記\n\n民國一百一十年\n\n1月\n5日　市長主持召開市政會議，研議防疫措施。\n"
    extraction = extract_events(text)
    assert extraction.year == 2021
    assert [(e.start_date, e.end_date) for e in extraction.drafts] == [(datetime.date(2021, 1, 5),) * 2]


def test_one_person_written_two_ways_is_one_person_with_an_alias():
    text = ("1月3日，区长李朝锋主持召开区政府常务会议。\n\n2月5日，区长李朝锋调研复工复产。\n\n"
            "3月9日，区长李朝峰调研信访工作。\n\n4月2日，区委书记张书杰主持召开常委会议。\n")
    drafts = extract_events(text, year=2020).drafts
    assert [[p.name for p in d.people] for d in drafts] == [["李朝锋"], ["李朝锋"], ["李朝锋"], ["张书杰"]]
    assert drafts[2].people[0].aliases == ("李朝峰",)
    assert drafts[2].machine_reading["people"] == [{"name": "李朝锋", "post": "区长", "aliases": ["李朝峰"]}]


def test_a_caption_where_nothing_is_done_is_no_event():
    text = ("正文第一段。\n\n\n\n5月4日，曹魏古城夜景\n王蕊 摄\n\n正文第二段。\n\n\n\n"
            "5月6日，区委组织部到北关社区观摩\n组织部供图\n\n正文第三段。\n")
    assert [d.title for d in extract_events(text, year=2020).drafts] == ["区委组织部到北关社区观摩"]


def test_a_running_figure_is_no_event():
    text = "11月，区属重点企业累计生产总值增速全部转正。\n\n11月2日，区委召开常委会议。\n"
    assert [d.title for d in extract_events(text, year=2020).drafts] == ["区委召开常委会议"]
