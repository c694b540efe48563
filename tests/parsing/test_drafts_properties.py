"""Whatever the text, reading it never fails and every mention is an exact slice of it."""
from hypothesis import given, settings
from hypothesis import strategies as st

from events.parsing.drafts import extract_events

FRAGMENTS = [
    "1月27日，", "3 月 5 日", "腊月二十七", "同日", "△", "☆", "是月", "7日　", "22—26日　", "2020年",
    "12月\n",
    "区委书记张立主持召开区委常委会第102次会议", "。", "，", "；", "：", "\n", "\n\n", "\n\n\n\n", "\r\n",
    "组织部供图", "王蕊 摄", "【基层党建】", "（韩雪 李明洋）", "——摘自《规定》", "组织工作", "上午", "于",
    "在北关社区开展志愿服务活动", "《东林日报》刊发", "区政协召开十四届二十二次常委会议", "　", " ", "区",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=40), st.sampled_from([None, 2020]))
def test_any_arrangement_of_record_fragments_reads_into_exact_mentions(pieces, year):
    text = "".join(pieces)
    extraction = extract_events(text, year=year)
    for draft in extraction.drafts:
        assert draft.start_date <= draft.end_date
        # a whole year where the text reads as a history's entries or a year heading's paragraph
        assert draft.precision in {"day", "xun", "month", "year"}
        assert draft.title and len(draft.title) <= 300 and not draft.title.endswith("…")
        for mention in draft.mentions:
            assert text[mention.start : mention.end] == mention.text
    assert len({d.fingerprint for d in extraction.drafts}) == len(extraction.drafts)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text_never_breaks_the_reader(text):
    for draft in extract_events(text, year=2020).drafts:
        for mention in draft.mentions:
            assert text[mention.start : mention.end] == mention.text
