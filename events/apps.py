"""The events app: documents, the events read from them, and their sources."""
from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "events"
    verbose_name = _("大事记")

    def ready(self):
        from . import search, throttling  # noqa: F401 - throttling counts failed logins through signals

        connection_created.connect(search.register_functions, dispatch_uid="events.search.functions")
        post_migrate.connect(_install_search, sender=self, dispatch_uid="events.search.install")


def _install_search(sender, using, plan=None, **kwargs):
    """After every migrate: SQLite loses the search triggers when a migration rebuilds the table."""
    from django.db import connections

    from . import search

    connection = connections[using]
    if "events_event" in connection.introspection.table_names():
        search.install(connection)
