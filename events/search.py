"""The text index behind `?q=`: which events may contain a word, without reading every event.

Chinese has no spaces, and most searches are two characters (防汛, 党建), too short for
trigram indexes (SQLite FTS5 `trigram`, PostgreSQL `pg_trgm`). So the index holds each event's
character unigrams and bigrams (title and description), as Lucene's CJK analyzer does. A word
that occurs in the text has all its bigrams there (its unigram, if it is one character), so
"every gram of the word is indexed for the event" is a superset of the matches; the selector
then applies the exact substring test to those candidates only, and the answer is the same
as a full scan.

The database keeps the index by itself, whatever writes the row (services, admin,
`QuerySet.update()`, raw SQL):

- SQLite: a contentless FTS5 table filled by triggers that call `chronicle_grams_v1()`, a
  Python function registered on every connection (`register_functions`). A connection
  without it (the sqlite3 shell) cannot write events: it fails, it never desynchronizes.
- PostgreSQL: a GIN index on `chronicle_grams_v1(title, description)`, an immutable
  PL/pgSQL function returning every one- and two-character substring of the case-folded
  text: a superset of what `grams` gives, so the words' grams are always found. (A loop: a
  set-returning SQL version took ~200 µs a row, which the planner pays when it filters rows
  read in date order.)

`install()` creates both, idempotently; the migration calls it and so does every `migrate`
(post_migrate), since SQLite drops triggers when Django rebuilds the table to alter it.
The `_v1` in the function's name versions the gram rules: changing `grams` or the SQL
function means a `_v2` and a migration that uninstalls the old index and installs the new.
"""

from __future__ import annotations

from django.db.models import BooleanField, F, Func

FUNCTION = "chronicle_grams_v1"
TABLE = "events_event_search"  # SQLite FTS5
INDEX = "event_grams_idx"  # PostgreSQL GIN
_TRIGGERS = {
    "events_event_search_insert": (
        f"AFTER INSERT ON events_event BEGIN "
        f"INSERT INTO {TABLE}(rowid, grams) VALUES (new.id, {FUNCTION}(new.title, new.description)); END"
    ),
    "events_event_search_delete": (
        f"AFTER DELETE ON events_event BEGIN "
        f"INSERT INTO {TABLE}({TABLE}, rowid, grams) "
        f"VALUES ('delete', old.id, {FUNCTION}(old.title, old.description)); END"
    ),
    "events_event_search_update": (
        f"AFTER UPDATE OF id, title, description ON events_event BEGIN "
        f"INSERT INTO {TABLE}({TABLE}, rowid, grams) "
        f"VALUES ('delete', old.id, {FUNCTION}(old.title, old.description)); "
        f"INSERT INTO {TABLE}(rowid, grams) VALUES (new.id, {FUNCTION}(new.title, new.description)); END"
    ),
}
_POSTGRES_FUNCTION = f"""
CREATE OR REPLACE FUNCTION {FUNCTION}(title text, description text) RETURNS text[]
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
    -- Folded as icontains folds (UPPER), then lowered as the words' grams are.
    folded text := lower(upper(title || E'\\n' || description));
    grams text[] := regexp_split_to_array(folded, '');
BEGIN
    FOR i IN 1 .. length(folded) - 1 LOOP
        grams := grams || substr(folded, i, 2);
    END LOOP;
    RETURN grams;
END
$$"""


def _indexable(char: str) -> str | None:
    """The character as indexed, or None for a separator.

    Letters and digits only, lowered when ASCII; other cased letters (é, Ω) are left out,
    since the databases' case folding of them need not agree with Python's.
    """
    if not char.isalnum():
        return None
    if char.isascii():
        return char.lower()
    return char if char.lower() == char == char.upper() else None


def grams(*texts: str) -> list[str]:
    """The unigrams and bigrams of letters and digits in `texts`, each once, in order."""
    found: dict[str, None] = {}
    for text in texts:
        previous = None
        for char in map(_indexable, text):
            if char is not None:
                found[char] = None
                if previous is not None:
                    found[previous + char] = None
            previous = char
    return list(found)


def word_terms(word: str) -> list[str]:
    """The grams an event must have to contain `word`: its bigrams, and its lone characters.

    Empty when the word has nothing indexable (punctuation, cased non-ASCII letters): then
    the index cannot narrow the search, and the exact test alone decides.
    """
    chars = [_indexable(c) for c in word]
    terms: dict[str, None] = {}
    for i, char in enumerate(chars):
        if char is None:
            continue
        before = chars[i - 1] if i else None
        after = chars[i + 1] if i + 1 < len(chars) else None
        if after is not None:
            terms[char + after] = None
        elif before is None:
            terms[char] = None
    return list(terms)


class HasGrams(Func):
    """True for events whose index has every one of `terms` (a superset of the word's matches).

    `leading`: whether SQLite should read the events the index names (the default, right when
    nothing else narrows the query) or let another index lead — a date range, a document —
    and only look each of its events up among the matches. SQLite has no statistics for the
    index's answer and otherwise fetches every match, 12,000 rows for a common word, to keep
    the 500 of one year. PostgreSQL has the statistics and chooses by itself.
    """

    output_field = BooleanField()
    conditional = True

    def __init__(self, terms: list[str], *, leading: bool = True):
        super().__init__(F("pk"), F("title"), F("description"))
        self.terms = list(terms)
        self.leading = leading

    def as_sqlite(self, compiler, connection, **extra):
        pk, params = compiler.compile(self.source_expressions[0])
        query = " ".join(f'"{term}"' for term in self.terms)  # grams are letters and digits: no quotes
        column = pk if self.leading else f"+{pk}"  # unary + keeps SQLite from using it as an index
        return f"{column} IN (SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s)", (*params, query)

    def as_postgresql(self, compiler, connection, **extra):
        title, title_params = compiler.compile(self.source_expressions[1])
        description, description_params = compiler.compile(self.source_expressions[2])
        sql = f"{FUNCTION}({title}, {description}) @> %s::text[]"
        # The planner multiplies the terms' frequencies as if they were independent; a word's
        # bigrams are not (垃圾, 圾分, 分类 all occur together), so three of them made it expect
        # 100 times too few rows and sort every match of a common word rather than walk the
        # date index. The first and the last bigram narrow almost as well; the exact test decides.
        terms = self.terms if len(self.terms) <= 2 else [self.terms[0], self.terms[-1]]
        return sql, (*title_params, *description_params, terms)

    def as_sql(self, compiler, connection, **extra):
        return "1 = 1", ()  # another database: no index, the exact test decides alone


# -- keeping the index ---------------------------------------------------------------------


def register_functions(sender, connection, **kwargs) -> None:
    """`connection_created` receiver: SQLite's triggers call `grams` through this function."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            FUNCTION,
            2,
            lambda title, description: " ".join(grams(title or "", description or "")),
            deterministic=True,
        )


def install(connection) -> None:
    """Create the index and what keeps it (once; again only if something is missing)."""
    if connection.vendor == "sqlite":
        _install_sqlite(connection)
    elif connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(_POSTGRES_FUNCTION)
            cursor.execute(
                f"CREATE INDEX IF NOT EXISTS {INDEX} ON events_event "
                f"USING gin ({FUNCTION}(title, description))"
            )


def uninstall(connection) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            for name in _TRIGGERS:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
            cursor.execute(f"DROP TABLE IF EXISTS {TABLE}")
        elif connection.vendor == "postgresql":
            cursor.execute(f"DROP INDEX IF EXISTS {INDEX}")
            cursor.execute(f"DROP FUNCTION IF EXISTS {FUNCTION}(text, text)")


def _install_sqlite(connection) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'events_event'"
        )
        present = dict(cursor.fetchall())
        cursor.execute("SELECT 1 FROM sqlite_master WHERE name = %s", [TABLE])
        if cursor.fetchone() and all(
            (present.get(name) or "").endswith(body) for name, body in _TRIGGERS.items()
        ):
            return
        # Missing or made by other rules: rebuild the whole index from the rows.
        for name in present:
            if name.startswith("events_event_search_"):
                cursor.execute(f"DROP TRIGGER {name}")
        cursor.execute(f"DROP TABLE IF EXISTS {TABLE}")
        cursor.execute(
            # Each gram is one token of the `ascii` tokenizer (any non-ASCII character is a token
            # character, whatever Unicode version SQLite knows); no positions, no content: the
            # table answers "which rows have all these grams" and nothing else.
            f"CREATE VIRTUAL TABLE {TABLE} USING fts5(grams, content='', detail=none, columnsize=0, "
            "tokenize='ascii')"
        )
        cursor.execute(
            f"INSERT INTO {TABLE}(rowid, grams) SELECT id, {FUNCTION}(title, description) FROM events_event"
        )
        for name, body in _TRIGGERS.items():
            cursor.execute(f"CREATE TRIGGER {name} {body}")
