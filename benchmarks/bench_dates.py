"""Time find_dates over the reference yearbook against JioNLP's extract_time, in one run.

    .venv/bin/python benchmarks/bench_dates.py [--runs 5] [--path FILE] [--jionlp-python PYTHON]

Prints the best-of-N wall time and the tracemalloc peak of each, and their ratio. JioNLP is not a
dependency of chronicle: it is imported if this interpreter has it, else run in the interpreter
given by --jionlp-python (default .venv-bench/bin/python when that exists), else skipped with
instructions for installing it into a separate virtualenv.
"""
from __future__ import annotations

import argparse
import datetime
import json
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_TEXT = ROOT.parent / "shared" / "corpus" / "weidu-yearbook-2021.txt"
DEFAULT_JIONLP_PYTHON = ROOT / ".venv-bench" / "bin" / "python"
INSTALL_HINT = (
    "JioNLP is not installed. To compare against it, install it into a separate virtualenv:\n"
    "    python3 -m venv .venv-bench && .venv-bench/bin/pip install jionlp\n"
    "then run this script again (or pass --jionlp-python PATH)."
)


def measure(function, runs: int) -> dict:
    """Best wall time over runs, and the peak memory of one more run under tracemalloc."""
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        result = function()
        timings.append(time.perf_counter() - started)
    tracemalloc.start()
    function()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return {"seconds": min(timings), "peak_bytes": peak, "found": len(result)}


def ours(text: str, year: int | None, runs: int) -> dict:
    sys.path.insert(0, str(ROOT))
    from events.parsing import find_dates

    return measure(lambda: find_dates(text, year=year), runs)


def jionlp_here(text: str, year: int, runs: int) -> dict:
    import jionlp

    base = datetime.datetime(year, 12, 31)
    jionlp.ner.extract_time(text[:200], time_base=base)  # loads its dictionaries outside the timing
    return measure(lambda: jionlp.ner.extract_time(text, time_base=base), runs)


def jionlp_elsewhere(python: Path, path: Path, year: int, runs: int) -> dict | None:
    command = [str(python), __file__, "--only-jionlp", "--path", str(path), "--year", str(year),
               "--runs", str(runs)]
    completed = subprocess.run(command, capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        print(completed.stderr.strip().splitlines()[-1] if completed.stderr.strip() else "JioNLP run failed")
        return None
    return json.loads(completed.stdout.strip().splitlines()[-1])


def describe(name: str, figures: dict) -> str:
    milliseconds, mebibytes = figures["seconds"] * 1000, figures["peak_bytes"] / 2**20
    found = figures["found"]
    return f"{name:<9} {milliseconds:8.1f} ms best   peak {mebibytes:6.1f} MiB   {found} expressions"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--path", type=Path, default=DEFAULT_TEXT)
    parser.add_argument("--year", type=int, default=2020, help="JioNLP's time_base year (ours infers it)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--jionlp-python", type=Path, default=DEFAULT_JIONLP_PYTHON)
    parser.add_argument("--only-jionlp", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not args.path.exists():
        sys.exit(f"no text to time: {args.path} does not exist (pass --path)")
    text = args.path.read_text(encoding="utf-8-sig")
    if args.only_jionlp:
        print(json.dumps(jionlp_here(text, args.year, args.runs)))
        return

    print(f"{args.path.name}: {len(text):,} characters, best of {args.runs} runs")
    mine = ours(text, None, args.runs)
    print(describe("chronicle", mine))
    try:
        theirs = jionlp_here(text, args.year, args.runs)
    except ImportError:
        theirs = jionlp_elsewhere(args.jionlp_python, args.path, args.year, args.runs) \
            if args.jionlp_python.exists() else None
    if theirs is None:
        print(INSTALL_HINT)
        return
    print(describe("JioNLP", theirs))
    ratio = theirs["seconds"] / mine["seconds"]
    verdict = "meets" if ratio >= 10 else "misses"
    print(f"chronicle is {ratio:.1f}x faster than JioNLP ({verdict} the goal of at most a tenth of its time)")


if __name__ == "__main__":
    main()
