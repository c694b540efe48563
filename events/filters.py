"""Query parameters of the event list: validated here, applied by `selectors.event_list`.

Each filter only checks and converts its value; `EventFilter.filter_queryset` hands the
cleaned values to the selector, so the API and the pages filter events the same way.
"""

from __future__ import annotations

import datetime
import logging
import re

import django_filters
from django import forms
from drf_spectacular.utils import extend_schema_field

from . import bounds, selectors
from .models import Collection, Document, Event, EventType, Precision, Status

logger = logging.getLogger(__name__)

DATE_FORMS = "YYYY-MM-DD，或 2020年3月、腊月二十七、March 2020、5 Mar 2020 这样的写法"


def _integer_schema(minimum: int, maximum: int | None = None) -> dict:
    schema = {"type": "integer", "minimum": minimum}
    if maximum is not None:
        schema["maximum"] = maximum
    return schema


@extend_schema_field(_integer_schema(bounds.year_min(), bounds.year_max()))
class YearFilter(django_filters.Filter):
    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", bounds.year_min())
        kwargs.setdefault("max_value", bounds.year_max())
        super().__init__(*args, **kwargs)


@extend_schema_field(_integer_schema(1, 12))
class MonthFilter(django_filters.Filter):
    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", 12)
        super().__init__(*args, **kwargs)


@extend_schema_field({"type": "string", "maxLength": 50, "example": "2020年3月"})
class UserDateFilter(django_filters.CharFilter):
    """A date as a person types it; the form turns it into the start or the end of its interval."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 50)
        super().__init__(*args, **kwargs)


@extend_schema_field(_integer_schema(1))
class DocumentFilter(django_filters.ModelChoiceFilter):
    pass


class EventFilterForm(forms.Form):
    """Cross-field checks: human dates are read in the context of `year`; `month` needs `year`."""

    def clean(self):
        data = super().clean()
        year = data.get("year")
        for name, bound in (("date_after", 0), ("date_before", 1)):
            if data.get(name) and name not in self.errors:
                try:
                    data[name] = read_user_date(data[name], year=year)[bound]
                except ValueError as error:
                    # django-filter formats every message with its params (`message % ()`): a % the
                    # user typed (date_after=%d) must come out as it was typed, not as a 500.
                    self.add_error(name, str(error).replace("%", "%%"))
        if data.get("month") and not data.get("year") and "year" not in self.errors:
            self.add_error("month", "按月筛选时须同时给出 year，例如 ?year=2020&month=3。")
        after, before = data.get("date_after"), data.get("date_before")
        if isinstance(after, datetime.date) and isinstance(before, datetime.date) and after > before:
            self.add_error("date_before", f"date_before（{before}）早于 date_after（{after}）。")
        return data


# Digits joined by hyphens are ISO 8601 or nothing: dateparser would read 2020-13-01 as 13 January
# and -1 as this January.
_ISO_LIKE = re.compile(r"[+-]?\d+(?:-\d+)*")


def read_user_date(value: str, *, year: int | None = None) -> tuple[datetime.date, datetime.date]:
    """The interval a typed date stands for: an ISO day, or any form the user-date parser reads,
    within the accepted years (`events.bounds`)."""
    start, end = _read_user_date(value.strip(), year=year)
    if not (bounds.date_in_range(start) and bounds.date_in_range(end)):
        raise ValueError(f"日期“{value.strip()}”超出可接受的范围（{bounds.range_text()}）。")
    return start, end


def _read_user_date(value: str, *, year: int | None) -> tuple[datetime.date, datetime.date]:
    try:
        day = datetime.date.fromisoformat(value)
    except ValueError:
        if _ISO_LIKE.fullmatch(value) and not re.fullmatch(r"\d{4}(?:-\d{1,2})?", value):
            raise ValueError(f"无法识别的日期“{value}”：须为存在的日期，写作 YYYY-MM-DD。") from None
    else:
        return day, day
    from .parsing.dates.userdates import parse_user_date

    if _written_in_chinese(value) and not _read_whole(value, year=year):
        # dateparser would read what our recognizer refuses: 13月 as March, 32日 as the 2nd.
        raise ValueError(f"无法识别的日期“{value}”。请使用 {DATE_FORMS}。")
    try:
        parsed = parse_user_date(value, year=year)
    except Exception:  # a parser bug must not turn a typo into a server error
        logger.exception("parse_user_date failed on %r", value)
        parsed = None
    if parsed is None:
        raise ValueError(f"无法识别的日期“{value}”。请使用 {DATE_FORMS}。")
    start, end, _precision = parsed
    return start, end


_CHINESE = re.compile(r"[\u3400-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")


def _written_in_chinese(value: str) -> bool:
    return bool(_CHINESE.search(value)) and not _LATIN.search(value)


def _read_whole(value: str, *, year: int | None) -> bool:
    """Whether the date recognizer reads all of `value` as one date."""
    from .parsing import find_dates

    found = find_dates(value, year=year or datetime.date.today().year)
    return len(found) == 1 and found[0].text.strip() == value


class EventFilter(django_filters.FilterSet):
    date_after = UserDateFilter(
        help_text="只要在这一天或之后仍在进行的事件（与区间重叠）。"
        + DATE_FORMS
        + "；取该写法所指区间的第一天。"
    )
    date_before = UserDateFilter(
        help_text="只要在这一天或之前已经开始的事件（与区间重叠）。"
        + DATE_FORMS
        + "；取该写法所指区间的最后一天。"
    )
    year = YearFilter(help_text="与这一年有交集的事件。")
    month = MonthFilter(help_text="与这个月有交集的事件（1–12，须同时给出 year）。")
    type = django_filters.ChoiceFilter(choices=EventType.choices, help_text="事件类型。")
    precision = django_filters.ChoiceFilter(choices=Precision.choices, help_text="日期精度。")
    document = DocumentFilter(queryset=Document.objects.only("id"), help_text="文献编号。")
    series = django_filters.CharFilter(max_length=100, help_text="会议系列名称，例如 区政府常务会议。")
    q = django_filters.CharFilter(
        max_length=200, help_text="在标题和描述中查找；多个词用空格分开，须全部出现。"
    )
    person = django_filters.CharFilter(
        max_length=100, help_text="人物：事件的人物中有这个名字，例如 李朝锋。"
    )
    organization = django_filters.CharFilter(
        max_length=200, help_text="机构：事件的机构中有这个名称，例如 区政协。"
    )
    section = django_filters.CharFilter(
        max_length=500,
        help_text="章节：出处所在的章节路径或它的开头（按整段，段间以“ › ”分隔），例如 群团团体。",
    )
    status = django_filters.ChoiceFilter(
        choices=Status.choices,
        help_text="审核状态。已驳回（rejected）的事件只在 status=rejected 时列出。",
    )
    collection = DocumentFilter(
        queryset=Collection.objects.only("id"), help_text="汇编编号：只看这一汇编的文献。"
    )
    ordering = django_filters.ChoiceFilter(
        choices=[("start_date", "start_date"), ("-start_date", "-start_date")],
        help_text="按开始日期排序：start_date（默认，由早到晚）或 -start_date。",
    )

    class Meta:
        model = Event
        fields: list[str] = []
        form = EventFilterForm

    def filter_queryset(self, queryset):
        cleaned = {name: value for name, value in self.form.cleaned_data.items() if value not in (None, "")}
        return selectors.event_list(queryset=queryset, **cleaned)
