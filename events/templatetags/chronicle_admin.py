"""The admin index's 编辑工作台: the review queue's counts and the editors' pages."""
from django import template

from events import selectors

register = template.Library()


@register.simple_tag
def review_counts() -> dict[str, int]:
    return selectors.review_counts()
