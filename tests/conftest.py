"""Shared fixtures: where the reference yearbook and its gold answers live."""

from pathlib import Path

import pytest
from django.core.cache import cache

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
YEARBOOK = SHARED / "corpus" / "weidu-yearbook-2021.txt"
GOLD_DATES = SHARED / "gold" / "weidu-dates.jsonl"
GOLD_EVENTS = SHARED / "gold" / "weidu-events.jsonl"
SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "qinghe-yearbook-sample.txt"


@pytest.fixture
def yearbook_path() -> Path:
    if not YEARBOOK.exists():
        pytest.skip(
            f"the reference yearbook is not here ({YEARBOOK}); it lives in ../shared/ beside the checkout"
        )
    return YEARBOOK


@pytest.fixture
def yearbook_text(yearbook_path) -> str:
    return yearbook_path.read_text(encoding="utf-8")


@pytest.fixture
def fresh_throttle():
    """Rate limits count in the cache: a test that requests this starts with none spent."""
    cache.clear()
    yield
    cache.clear()
