"""`manage.py parse_dates`: JSON Lines on stdout for every encoding the importer reads, else one error."""
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

TEXT = "2020年1月21日（农历腊月二十七），举办年货节。3月，开馆。12 月 31 日上午，总结。"


def run(*args) -> list[dict]:
    out = StringIO()
    call_command("parse_dates", *args, stdout=out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


@pytest.mark.parametrize(
    "encoded",
    [
        TEXT.encode("utf-8"),
        "\ufeff".encode() + TEXT.encode("utf-8"),
        TEXT.encode("utf-16"),
        TEXT.encode("gb18030"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-bom", "gb18030"],
)
def test_prints_one_json_object_per_date(tmp_path, encoded):
    path = tmp_path / "record.txt"
    path.write_bytes(encoded)
    rows = run(str(path), "--year", "2020")
    assert rows == [
        {"start": 0, "end": 10, "text": "2020年1月21日", "start_date": "2020-01-21", "end_date": "2020-01-21",
         "precision": "day", "calendar": "gregorian"},
        {"start": 11, "end": 18, "text": "农历腊月二十七",
         "start_date": "2020-01-21", "end_date": "2020-01-21",
         "precision": "day", "calendar": "lunar"},
        {"start": 26, "end": 28, "text": "3月", "start_date": "2020-03-01", "end_date": "2020-03-31",
         "precision": "month", "calendar": "gregorian"},
        {"start": 32, "end": 43, "text": "12 月 31 日上午",
         "start_date": "2020-12-31", "end_date": "2020-12-31",
         "precision": "day", "calendar": "gregorian", "time": "morning"},
    ]
    assert all(TEXT[row["start"] : row["end"]] == row["text"] for row in rows)


def test_year_is_inferred_without_the_option(tmp_path):
    path = tmp_path / "record.txt"
    path.write_text("2019年，全区开展活动。\n\n5月8日，召开会议。", encoding="utf-8")
    assert [row["start_date"] for row in run(str(path))] == ["2019-01-01", "2019-05-08"]


def test_missing_file_is_a_command_error(tmp_path):
    with pytest.raises(CommandError, match="cannot read"):
        call_command("parse_dates", str(tmp_path / "missing.txt"))


def test_binary_file_is_a_command_error(tmp_path):
    path = tmp_path / "picture.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    with pytest.raises(CommandError, match="cannot read"):
        call_command("parse_dates", str(path))


@pytest.mark.slow
def test_reference_yearbook_meets_the_accuracy_target(yearbook_path):
    from tests.conftest import GOLD_DATES

    if not GOLD_DATES.exists():
        pytest.skip(f"the gold dates are not here ({GOLD_DATES}); they live in ../shared/ by the checkout")
    rows = run(str(yearbook_path))
    gold = [json.loads(line) for line in GOLD_DATES.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(gold) > 0
    found = sum(any(_matches(g, p) for p in rows) for g in gold)
    overlapping = [p for p in rows if any(_overlaps(g, p) for g in gold)]
    good = [p for p in overlapping if any(_matches(g, p) for g in gold)]
    assert found / len(gold) >= 0.98
    assert len(good) / len(overlapping) >= 0.98


def _overlaps(gold: dict, predicted: dict) -> bool:
    return predicted["start"] < gold["end"] and gold["start"] < predicted["end"]


def _matches(gold: dict, predicted: dict) -> bool:
    if not _overlaps(gold, predicted):
        return False
    if gold.get("fuzzy"):
        return gold["start_date"] <= predicted["start_date"] <= predicted["end_date"] <= gold["end_date"]
    return (predicted["start_date"], predicted["end_date"]) == (gold["start_date"], gold["end_date"])
