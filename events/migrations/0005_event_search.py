"""The text index of events (events/search.py): SQLite FTS5 with triggers, PostgreSQL GIN."""

from django.db import migrations

from events import search


def install(apps, schema_editor):
    search.install(schema_editor.connection)


def uninstall(apps, schema_editor):
    search.uninstall(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("events", "0004_mention_history")]

    operations = [migrations.RunPython(install, uninstall, elidable=False)]
