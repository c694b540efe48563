"""Score the events read from a document against a gold file, the way check_events.py does.

Usage, from the checkout:  .venv/bin/python scripts/score_events.py DOC GOLD [--year YYYY] [-v]
It runs the pure parser (no database): an event matches a gold line when its start and end
dates are equal, the keyword (whitespace removed) is in its title + description, and its type
and series number equal the gold's where given. `one_event` lines must not be found in two
events of the same start date. Prints `events=… gold=… found=… recall=… duplicated=…
bad_mention_offsets=…` last, like check_events.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


@dataclass(frozen=True)
class Score:
    events: int
    gold: int
    found: int
    duplicated: int
    bad_mentions: int
    misses: tuple

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 1.0

    def line(self) -> str:
        return (f"events={self.events} gold={self.gold} found={self.found} recall={self.recall:.3f} "
                f"duplicated={self.duplicated} bad_mention_offsets={self.bad_mentions}")


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def draft_rows(drafts) -> list[dict]:
    """Drafts as the API would show them: the fields check_events reads."""
    return [{
        "start_date": d.start_date.isoformat(), "end_date": d.end_date.isoformat(), "title": d.title,
        "description": d.description, "type": d.type,
        "series": {"name": d.series_name, "number": d.series_number} if d.series_name else None,
        "mentions": [{"start": m.start, "end": m.end, "text": m.text} for m in d.mentions],
    } for d in drafts]


def score(events: list[dict], gold: list[dict], text: str) -> Score:
    bad = sum(1 for e in events for m in e["mentions"] if text[m["start"]:m["end"]] != m["text"])
    found, misses = 0, []
    for g in gold:
        key = squash(g["keyword"])
        hits = [e for e in events if e["start_date"] == g["start_date"] and e["end_date"] == g["end_date"]
                and key in squash(e["title"] + e["description"])]
        ok = bool(hits)
        if ok and "type" in g:
            ok = any(e.get("type") == g["type"] for e in hits)
        if ok and "number" in g:
            ok = any((e.get("series") or {}).get("number") == g["number"] for e in hits)
        found += ok
        if not ok:
            same_day = [f"{e['title'][:40]} [{e['type']}]" for e in events
                        if e["start_date"] == g["start_date"]]
            misses.append((g, same_day[:4]))
    duplicated = sum(1 for g in gold if g.get("one_event") and len(
        [e for e in events if e["start_date"] == g["start_date"]
         and squash(g["keyword"]) in squash(e["title"] + e["description"])]) > 1)
    return Score(len(events), len(gold), found, duplicated, bad, tuple(misses))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("doc")
    parser.add_argument("gold")
    parser.add_argument("--year", type=int)
    parser.add_argument("-v", action="store_true")
    args = parser.parse_args()
    from events.parsing.decoding import decode_bytes
    from events.parsing.statements.drafts import extract_events

    text = decode_bytes(Path(args.doc).read_bytes()).text
    lines = Path(args.gold).read_text(encoding="utf-8").splitlines()
    gold = [json.loads(line) for line in lines if line.strip()]
    result = score(draft_rows(extract_events(text, year=args.year).drafts), gold, text)
    if args.v:
        for g, same_day in result.misses:
            print("MISS", g, "| same date:", same_day)
    print(result.line())
    return 0


if __name__ == "__main__":
    sys.exit(main())
