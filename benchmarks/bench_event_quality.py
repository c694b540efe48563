"""Event quality on a document: titles a mechanical check flags, organizations, people.

    .venv/bin/python benchmarks/bench_event_quality.py [--path FILE] [--year YYYY] [-v]

A title is flagged when it is cut (ends with …), ends dangling (为题, 为主题, 等形式, 的同时, 时, a
comma or an enumeration mark), starts with a connective (及, 并, 同时, 此外, 另外), holds a photo
credit (供图, 摄), breaks a pair of quotes or book-title marks, or is shorter than 6 characters.
Prints the share flagged (the goal: at most 2 % on the reference yearbook) and, with -v, each
flagged title; then every organization and person named, with how many events name them, so a
reader can see at a glance what is no name.

With --judgments FILE (default docs/quality/weidu-2021-judgments.jsonl for the reference
yearbook) it also prints what an editor's reading of 100 events found: the share with the right
date, an acceptable title, the right type, and that are happenings at all. Each judgment names
its event by the offset of its first passage and a hash of the reading judged (title, type,
dates), so a reading that changed since is counted apart, to be judged again; the file holds no
text of the yearbook.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_TEXT = ROOT.parent / "shared" / "corpus" / "weidu-yearbook-2021.txt"
DEFAULT_JUDGMENTS = ROOT / "docs" / "quality" / "weidu-2021-judgments.jsonl"

CHECKS = (
    ("cut", re.compile(r"…$")),
    ("dangling end", re.compile(r"(?:为题|为主题|等形式|的同时|时|[，,、：:；;])$")),
    ("connective start", re.compile(r"^(?:及|并|同时|此外|另外|而且|并且|以及)")),
    ("photo credit", re.compile(r"供图|(?<![\u4e00-\u9fff])摄$|[\s　]摄(?:影)?[）)]?$")),
    ("short", re.compile(r"^.{0,5}$")),
)
PAIRS = ("“”", "《》", "（）", "()", "「」")


def flags(title: str) -> list[str]:
    found = [name for name, pattern in CHECKS if pattern.search(title)]
    if any(title.count(opening) != title.count(closing) for opening, closing in PAIRS):
        found.append("broken quotes")
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--path", type=Path, default=DEFAULT_TEXT)
    parser.add_argument("--year", type=int)
    parser.add_argument("--judgments", type=Path, default=None)
    parser.add_argument("-v", action="store_true", help="print each flagged title and every name")
    args = parser.parse_args()
    if not args.path.exists():
        sys.exit(f"no document: {args.path} does not exist (pass --path)")
    sys.path.insert(0, str(ROOT))
    from events.parsing import extract_events

    drafts = extract_events(args.path.read_text(encoding="utf-8-sig"), year=args.year).drafts
    flagged = [(draft, flags(draft.title)) for draft in drafts]
    flagged = [(draft, found) for draft, found in flagged if found]
    print(f"{args.path.name}: {len(drafts)} events, {len(flagged)} titles flagged "
          f"({len(flagged) / max(len(drafts), 1):.1%}; goal at most 2%)")
    kinds = Counter(kind for _, found in flagged for kind in found)
    if kinds:
        print("  " + ", ".join(f"{kind} {count}" for kind, count in kinds.most_common()))
    if args.v:
        for draft, found in flagged:
            print(f"  {draft.start_date} [{', '.join(found)}] {draft.title}")
    judgments = args.judgments or (DEFAULT_JUDGMENTS if args.path == DEFAULT_TEXT else None)
    if judgments is not None and judgments.exists():
        judged(drafts, judgments)
    organizations = Counter(name for draft in drafts for name in draft.organizations)
    people = Counter(person.name for draft in drafts for person in draft.people)
    print(f"organizations named: {len(organizations)}; people named: {len(people)}")
    if args.v:
        named = organizations.most_common()
        print("  organizations: " + "、".join(f"{name}({count})" for name, count in named))
        print("  people: " + "、".join(f"{name}({count})" for name, count in people.most_common()))


def reading_key(draft) -> str:
    """What was judged: the title, the type and the dates, hashed (no text of the document is kept)."""
    reading = f"{draft.title}|{draft.type}|{draft.start_date}|{draft.end_date}"
    return hashlib.sha1(reading.encode()).hexdigest()[:12]


def judged(drafts, path: Path) -> None:
    by_passage: dict[int, list] = {}
    for draft in drafts:
        by_passage.setdefault(draft.mentions[0].start, []).append(draft)
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    same, changed, gone = [], 0, 0
    for row in rows:
        candidates = by_passage.get(row["start"], [])
        draft = candidates[row["occurrence"]] if row["occurrence"] < len(candidates) else None
        if draft is None:
            gone += 1  # no longer read as an event: right where the editor said it is none
        elif reading_key(draft) == row["reading"]:
            same.append(row)
        else:
            changed += 1
    print(f"judged by an editor ({path.name}): {len(rows)} events; {len(same)} read as judged, "
          f"{changed} read differently since (to judge again), {gone} no longer events")
    if same:
        goals = (("date_ok", "goal 98%"), ("title_ok", "goal 95%"), ("type_ok", "error rate reported"),
                 ("is_event", ""))
        for field, goal in goals:
            share = sum(row[field] for row in same) / len(same)
            print(f"  {field:<9} {share:6.1%}  {goal}")
    dropped_right = sum(1 for row in rows if not row["is_event"] and not by_passage.get(row["start"]))
    if gone:
        print(f"  of those no longer events, {dropped_right} were judged no happening")


if __name__ == "__main__":
    main()
