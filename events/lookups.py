"""Query expressions the ORM lacks.

`HasName`: a JSON list of names holds one name, on SQLite as on PostgreSQL.

`InIds`: a column in a long list of ids, sent as one parameter. `pk__in=[…600 ids]` writes
600 placeholders, which Django prepares one by one and psycopg parses in Python (~3 ms a
query on PostgreSQL); one array (PostgreSQL) or one JSON text (SQLite's json_each) does not.
"""

import json

from django.db.models import BooleanField, F, Func


class InIds(Func):
    output_field = BooleanField()
    conditional = True

    def __init__(self, field: str, ids):
        super().__init__(F(field))
        self.ids = [int(pk) for pk in ids]

    def as_postgresql(self, compiler, connection, **extra):
        column, params = compiler.compile(self.source_expressions[0])
        return f"{column} = ANY(%s::bigint[])", (*params, self.ids)

    def as_sqlite(self, compiler, connection, **extra):
        column, params = compiler.compile(self.source_expressions[0])
        return f"{column} IN (SELECT value FROM json_each(%s))", (*params, json.dumps(self.ids))

    def as_sql(self, compiler, connection, **extra):
        column, params = compiler.compile(self.source_expressions[0])
        if not self.ids:
            return "1 = 0", ()
        return f"{column} IN ({', '.join(['%s'] * len(self.ids))})", (*params, *self.ids)


class HasName(Func):
    """A JSON list column (`people`, `organizations`) holds this exact string.

    PostgreSQL answers with jsonb containment; SQLite with json_each over the row's list (the
    stored text may escape non-ASCII characters, so no text match would do)."""

    output_field = BooleanField()
    conditional = True

    def __init__(self, field: str, name: str):
        super().__init__(F(field))
        self.name = name

    def as_postgresql(self, compiler, connection, **extra):
        column, params = compiler.compile(self.source_expressions[0])
        return f"{column} @> %s::jsonb", (*params, json.dumps([self.name]))

    def as_sqlite(self, compiler, connection, **extra):
        column, params = compiler.compile(self.source_expressions[0])
        return f"EXISTS (SELECT 1 FROM json_each({column}) WHERE json_each.value = %s)", (*params, self.name)
