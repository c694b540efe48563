"""The document highlighter: any overlap of dates and statements gives well-formed, escaped HTML."""

from html.parser import HTMLParser

import pytest

from events.presenters.text import DateSpan, StatementSpan, highlight

TEXT = "甲<乙>丙1月27日，区委召开会议。&同日，区政府召开会议。尾"


class TagBalance(HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack, self.ids, self.text, self.nested_links = [], [], [], 0
        self.in_also = False

    def handle_starttag(self, tag, attrs):
        if tag == "a" and "a" in self.stack:
            self.nested_links += 1
        self.in_also = ("class", "also") in attrs
        self.stack.append(tag)
        self.ids += [value for name, value in attrs if name == "id"]

    def handle_endtag(self, tag):
        self.in_also = False
        assert self.stack and self.stack.pop() == tag, f"</{tag}> closes nothing open"

    def handle_data(self, data):
        if not self.in_also:  # the small link to another event stated by the same words
            self.text.append(data)


def check(html: str, text: str) -> TagBalance:
    parser = TagBalance()
    parser.convert_charrefs = True
    parser.feed(str(html))
    parser.close()
    assert parser.stack == [] and parser.nested_links == 0
    assert len(parser.ids) == len(set(parser.ids))
    assert "".join(parser.text) == text
    return parser


def spans(statements):
    return [StatementSpan(a, b, n, f"/events/{n}/", f"事件{n}<b>") for n, (a, b) in enumerate(statements, 1)]


@pytest.mark.parametrize(
    ("dates", "statements"),
    [
        ([(5, 10)], [(5, 17)]),  # a date inside its statement
        ([(5, 10)], [(7, 17)]),  # a date straddling the start of a statement
        ([(15, 20)], [(5, 17)]),  # … and its end
        ([(5, 10)], [(5, 17), (5, 17)]),  # two events stated by the same words
        ([(5, 10), (18, 20)], [(5, 17), (10, 30), (18, 30)]),  # overlapping statements
        ([], []),
        ([(0, len(TEXT))], [(0, len(TEXT))]),
    ],
)
def test_highlight_is_well_formed_whatever_overlaps(dates, statements):
    date_spans = [DateSpan(a, b, "2020-01-27", "2020-01-27", "day", "gregorian") for a, b in dates]
    html = highlight(TEXT, dates=date_spans, statements=spans(statements))
    parser = check(html, TEXT)
    assert {f"m{n}" for n in range(1, len(statements) + 1)} <= set(parser.ids)  # every mention is an anchor
    assert "<乙>" not in html and "&lt;乙&gt;" in html and "&amp;" in html


def test_a_passage_is_cut_from_the_document_with_offsets_kept():
    start = 3
    html = highlight(TEXT[start:20], offset=start, dates=[DateSpan(5, 10)], statements=spans([(0, 40)]))
    check(html, TEXT[start:20])
    assert '<mark class="date">1月27日</mark>' in html


def test_attributes_are_escaped():
    html = highlight("1月27日", dates=[DateSpan(0, 5, '"><x', "", "day", "")], statements=[])
    assert '"><x' not in html and html.count("&quot;&gt;&lt;x") == 2  # title and data-start
