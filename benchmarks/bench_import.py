"""Import the reference yearbook into a fresh SQLite database; print the time and peak memory.

Usage, from the checkout:  .venv/bin/python benchmarks/bench_import.py [PATH] [--profile]
The goal is under 3 s on one core for the whole import (decode, read, validate, write).
Migrations run before the clock starts; a second, warm parse alone is timed too. Memory is measured on a
re-extract of the same document afterwards (tracemalloc slows the code it traces).
"""
from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "corpus" / "weidu-yearbook-2021.txt"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("path", nargs="?", default=str(DEFAULT))
    parser.add_argument("--profile", action="store_true", help="print the 25 costliest functions")
    args = parser.parse_args()
    os.environ["DATABASE_URL"] = "sqlite:///" + os.path.join(tempfile.mkdtemp(), "bench.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chronicle.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from events.parsing.statements.drafts import extract_events
    from events.services.importing import document_import, document_reextract

    data = Path(args.path).read_bytes()
    started = time.perf_counter()  # cold: the first import in the process, as the command runs it
    if args.profile:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        result = profiler.runcall(
            document_import, data=data, title=None, source_name=Path(args.path).name, year=None
        )
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
    else:
        result = document_import(data=data, title=None, source_name=Path(args.path).name, year=None)
    seconds = time.perf_counter() - started
    started = time.perf_counter()
    extract_events(result.document.text)
    parse_seconds = time.perf_counter() - started
    tracemalloc.start()  # traced apart from the timing: tracing slows Python down several times
    document_reextract(document=result.document)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(result.summary)
    print(f"import {seconds:.2f} s (cold; a warm parse alone {parse_seconds:.2f} s) for {len(data):,} bytes; "
          f"peak traced memory of a re-extract {peak / 2**20:.1f} MiB; process max RSS {rss:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
