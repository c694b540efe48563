"""Readying a server process before its first request: load what requests need, then freeze it.

A Django process holds some 100,000 long-lived objects (modules, the URL conf, dateparser's
language tables). Python's cyclic collector walks all of them on every full collection, which
a request that builds a few thousand rows (the timeline, a 500-event page) sets off: ~13 ms
a request on average and ~100 ms on the unlucky one. `gc.freeze()` moves what exists now out
of the collector's sight, so collections only walk what requests allocate.
"""

import gc


def warm_up() -> None:
    from django.urls import get_resolver

    from events.parsing.dates.userdates import parse_user_date

    get_resolver().url_patterns  # noqa: B018 - imports every view, serializer and filter
    parse_user_date("5 March 2020")  # loads dateparser's tables, which it does lazily
    gc.collect()
    gc.freeze()
