"""From a document's text to event drafts: the frozen values the importer turns into rows.

`extract_events(text, year=None)` reads the text's layout and dates once, cuts the dated
statements, reads each one (title, type, series, people …), and merges the statements that
state the same happening into one draft with several mentions.

Merging: two statements are one happening when they have the same interval and their texts,
with dates, times and punctuation taken off, share most character bigrams (the overlap
coefficient |A∩B| / min(|A|, |B|) ≥ 0.5, and at least 5 shared: a short photo caption against the
long paragraph it illustrates still scores high). Statements never merge when they name
different meeting series or session numbers, name people and share none of them, or are two
paragraphs of one section (a chronicle's entries of one day) — two meetings on one day stay two.

A draft's fingerprint hashes its interval and its main statement's normalized text, so the
same event is recognized when a new version of the document is imported.
"""
from __future__ import annotations

import datetime
import hashlib
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, replace

from events.parsing.classify import (
    Person,
    Reading,
    make_title,
    read_statement,
    statement_head,
    states_a_happening,
)
from events.parsing.dates import read_dates
from events.parsing.statements import Statement, find_statements

MERGE_THRESHOLD = 0.5
_COMMON_WORDS = re.compile(
    "召开|举行|举办|主持|会议|工作|全区|全市|全县|全省|区委|县委|市委|省委|区政府|县政府|市政府|区政|开展|活动|组织|"
    "进行|参加|出席|领导|书记|区长|县长|市长|部长|主任|有关|情况|研究|部署|推进|要求|强调|指出|重要|精神|贯彻|落实"
)
MIN_SHARED_BIGRAMS = 5
_ALL_PAIRS_UP_TO = 60
_RARE_BIGRAM_HOLDERS = 8
_NOT_CONTENT = re.compile(
    r"[\s\d０-９，。、；：！？“”‘’《》（）()【】\[\]·,.;:!?\"'—\-~～]|年|月|日|上午|下午|晚上"
)


@dataclass(frozen=True, slots=True)
class MentionDraft:
    """One exact span of the text stating an event: text == document_text[start:end]."""

    start: int
    end: int
    text: str
    section: str
    date_start: int | None
    date_end: int | None


@dataclass(frozen=True, slots=True)
class EventDraft:
    """An event as the parser reads it, before anything is stored."""

    title: str
    description: str
    start_date: datetime.date
    end_date: datetime.date
    precision: str
    calendar: str
    time: str | None
    date_text: str
    type: str
    series_name: str
    series_number: int | None
    people: tuple[Person, ...]
    organizations: tuple[str, ...]
    place: str
    mentions: tuple[MentionDraft, ...]
    fingerprint: str
    # False when nothing in the document gives the year: start and end hold only a month and a day
    # (in the placeholder year date_types.UNKNOWN_YEAR).
    year_known: bool = True

    @property
    def machine_reading(self) -> dict:
        return {
            "title": self.title,
            "start_date": self.start_date.isoformat(),
            "end_date": self.end_date.isoformat(),
            "precision": self.precision,
            "calendar": self.calendar,
            "time": self.time or "",
            "date_text": self.date_text,
            "type": self.type,
            "series": {"name": self.series_name, "number": self.series_number} if self.series_name else None,
            "people": [{"name": p.name, "post": p.post, **({"aliases": list(p.aliases)} if p.aliases else {})}
                       for p in self.people],
        }


@dataclass(frozen=True, slots=True)
class ReviewNote:
    """Something found while reading that an editor should check."""

    kind: str
    start: int
    end: int
    message: str

    def as_json(self) -> dict:
        return {"kind": self.kind, "start": self.start, "end": self.end, "message": self.message}


@dataclass(frozen=True, slots=True)
class Extraction:
    drafts: tuple[EventDraft, ...]
    statements: int
    year: int | None
    notes: tuple[ReviewNote, ...]


@dataclass(frozen=True, slots=True)
class _Read:
    statement: Statement
    reading: Reading
    bigrams: frozenset


def extract_events(text: str, *, year: int | None = None) -> Extraction:
    """Every event the text states, merged across the places that state it, in date order."""
    layout, scan = read_dates(text, year=year)
    statements = find_statements(text, layout.blocks, scan.mentions, year=scan.year,
                                 year_source=scan.year_source)
    read = _one_spelling_per_person([item for item in map(_read, statements) if _is_happening(item)])
    drafts = _fingerprinted([_draft(group, text) for group in _same_happenings(read)])
    notes = [ReviewNote(p.kind, p.start, p.end, p.message) for p in layout.problems]
    notes += [ReviewNote("date", p.start, p.end, f"{p.text}: {p.message}") for p in scan.problems]
    drafts.sort(key=lambda d: (d.start_date, d.end_date, d.mentions[0].start))
    return Extraction(tuple(drafts), len(statements), scan.year, tuple(notes))


def _read(statement: Statement) -> _Read:
    reading = read_statement(statement.text, statement.date.date_text)
    return _Read(statement, reading, content_bigrams(statement.text, statement.date.date_text))


def _is_happening(item: _Read) -> bool:
    """Not a running statistic, nor a photo caption where nothing is done (a view, a portrait)."""
    if not item.reading.happening:
        return False
    head = statement_head(item.statement.text, item.statement.date.date_text)
    return item.statement.block_kind != "caption" or states_a_happening(head)


def _one_spelling_per_person(read: list[_Read]) -> list[_Read]:
    """李朝锋 and 李朝峰, both 区长 in one document, are one person: the spelling written most often,
    the other kept as an alias. Two names are one when they have the surname and the length in
    common, differ in one character and share a post."""
    counts: Counter = Counter()
    posts: dict[str, set] = defaultdict(set)
    for item in read:
        for person in item.reading.people:
            counts[person.name] += 1
            posts[person.name].add(_bare_post(person.post))
    canonical: dict[str, str] = {}
    aliases: dict[str, list[str]] = defaultdict(list)
    mains: list[str] = []
    for name in sorted(counts, key=lambda n: (-counts[n], n)):  # the spelling written most often first
        main = next((m for m in mains if _one_apart(name, m) and posts[name] & posts[m]), None)
        if main is None:
            mains.append(name)
        else:
            aliases[main].append(name)
        canonical[name] = main or name
    if not aliases:
        return read
    result = []
    for item in read:
        people = {}
        for person in item.reading.people:
            main = canonical[person.name]
            people.setdefault(main, Person(main, person.post, tuple(aliases.get(main, ()))))
        result.append(replace(item, reading=replace(item.reading, people=tuple(people.values()))))
    return result


def _one_apart(a: str, b: str) -> bool:
    return len(a) == len(b) >= 2 and a[0] == b[0] and sum(x != y for x, y in zip(a, b, strict=True)) == 1


def _bare_post(post: str) -> str:
    """The post without where it is held (区委书记 → 书记, 副区长 → 区长)."""
    return re.sub(r"^.*?(?=(?:副)?(?:书记|部长|主任|区长|县长|市长|省长|主席|局长|院长|[长任席记委]$))", "",
                  post).removeprefix("副") or post


def content_bigrams(text: str, date_text: str = "") -> frozenset:
    """The character bigrams of a statement without its date, times, digits, punctuation and the
    words every official statement uses (召开, 全区, 工作, 会议 …), so only what is particular counts."""
    if date_text:
        text = text.replace(date_text, "", 1)
    content = _COMMON_WORDS.sub("", _NOT_CONTENT.sub("", text))
    return frozenset(content[i : i + 2] for i in range(len(content) - 1))


def similarity(a: frozenset, b: frozenset) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def _same_happenings(read: list[_Read]) -> list[list[_Read]]:
    by_interval: dict[tuple, list[int]] = defaultdict(list)
    for index, item in enumerate(read):
        by_interval[(item.statement.date.start_date, item.statement.date.end_date)].append(index)
    parent = list(range(len(read)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for indexes in by_interval.values():
        for i, j in _candidate_pairs(indexes, read):
            if root(i) != root(j) and _same(read[i], read[j]):
                parent[root(j)] = root(i)
    groups: dict[int, list[_Read]] = defaultdict(list)
    for index, item in enumerate(read):
        groups[root(index)].append(item)
    return list(groups.values())


def _candidate_pairs(indexes: list[int], read: list[_Read]):
    """Every pair of a small group; in a large one (a day with very many statements) only pairs
    that share a bigram few of the group's statements have, so the work stays near linear."""
    if len(indexes) <= _ALL_PAIRS_UP_TO:
        for position, i in enumerate(indexes):
            for j in indexes[position + 1 :]:
                yield i, j
        return
    holders: dict[str, list[int]] = defaultdict(list)
    for i in indexes:
        for bigram in read[i].bigrams:
            holders[bigram].append(i)
    seen = set()
    for members in holders.values():
        if len(members) > _RARE_BIGRAM_HOLDERS:
            continue
        for position, i in enumerate(members):
            for j in members[position + 1 :]:
                if (i, j) not in seen:
                    seen.add((i, j))
                    yield i, j


def _same(a: _Read, b: _Read) -> bool:
    ra, rb = a.reading, b.reading
    series_a, series_b = (ra.series_name, ra.series_number), (rb.series_name, rb.series_number)
    if ra.series_name and rb.series_name and series_a != series_b:
        return False
    names_a, names_b = {p.name for p in ra.people}, {p.name for p in rb.people}
    if names_a and names_b and not names_a & names_b:
        return False
    sa, sb = a.statement, b.statement
    if sa.block_kind == sb.block_kind == "paragraph" and sa.section == sb.section:
        return False  # one section does not state one happening twice (chronicle entries of one day)
    shared = len(a.bigrams & b.bigrams)
    return shared >= MIN_SHARED_BIGRAMS and similarity(a.bigrams, b.bigrams) >= MERGE_THRESHOLD


def _draft(group: list[_Read], text: str) -> EventDraft:
    main = max(group, key=lambda item: (item.statement.block_kind == "paragraph", len(item.statement.text)))
    statement, reading = main.statement, main.reading
    date = statement.date
    series = next(((i.reading.series_name, i.reading.series_number) for i in group if i.reading.series_name),
                  ("", None))
    return EventDraft(
        title=reading.title or make_title(statement.text),
        description=_description(main, group),
        start_date=date.start_date,
        end_date=date.end_date,
        precision=date.precision,
        calendar=date.calendar,
        time=date.time,
        date_text=date.date_text,
        type="meeting" if series[0] else reading.type,
        series_name=series[0],
        series_number=series[1],
        people=_union(i.reading.people for i in group),
        organizations=_union(i.reading.organizations for i in group),
        place=next((i.reading.place for i in group if i.reading.place), ""),
        mentions=tuple(sorted((_mention(i.statement, text) for i in group), key=lambda m: m.start)),
        fingerprint="",
        year_known=date.year_known,
    )


def _description(main: _Read, group: list[_Read]) -> str:
    """The main statement, then each other wording of the same happening it does not contain."""
    texts = [main.statement.text]
    for item in sorted(group, key=lambda i: i.statement.start):
        if item is not main and not any(item.statement.text in known for known in texts):
            texts.append(item.statement.text)
    return "\n".join(texts)


def _union(tuples) -> tuple:
    seen: dict = {}
    for values in tuples:
        for value in values:
            seen.setdefault(getattr(value, "name", value), value)
    return tuple(seen.values())


def _mention(statement: Statement, text: str) -> MentionDraft:
    start, end = statement.start, statement.end
    return MentionDraft(start, end, text[start:end], statement.section, statement.date.date_start,
                        statement.date.date_end)


def fingerprint(start: datetime.date, end: datetime.date, statement: str) -> str:
    """Stable across re-imports of one document: the interval and the normalized statement."""
    normalized = _NOT_CONTENT.sub("", statement)
    return hashlib.sha256(f"{start.isoformat()}/{end.isoformat()}/{normalized}".encode()).hexdigest()


def _fingerprinted(drafts: list[EventDraft]) -> list[EventDraft]:
    seen: dict[str, int] = {}
    result = []
    for draft in drafts:
        print_ = fingerprint(draft.start_date, draft.end_date, draft.description)
        if print_ in seen:  # the same words stated as two events: keep both, told apart by order
            seen[print_] += 1
            print_ = hashlib.sha256(f"{print_}/{seen[print_]}".encode()).hexdigest()
        else:
            seen[print_] = 0
        result.append(replace(draft, fingerprint=print_))
    return result
