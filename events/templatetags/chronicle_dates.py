"""Template filters for one event's date: `{{ event|written_date }}`, `{{ event.time|time_label }}`,
`{{ event|time_datetime }}` (the labels themselves are `events.presenters.dates`)."""

from django import template

from events.presenters.dates import datetime_attr, event_date_label, time_label

register = template.Library()


@register.filter
def written_date(event, form: str = "short") -> str:
    """`{{ event|written_date }}` → `27日`; `{{ event|written_date:"full" }}` → `2020年1月27日`
    (`Jan 27`, `Jan 27, 2020` in the English interface)."""
    return event_date_label(event, full=form == "full")


@register.filter(name="time_label")
def time_label_filter(time: str) -> str:
    """`{{ event.time|time_label }}` → `上午`, `19:00`."""
    return time_label(time)


@register.filter
def time_datetime(event) -> str:
    return datetime_attr(event.start_date, event.precision)
