"""How much of real public pages chronicle reads: every labelled set, side by side with JioNLP.

    .venv/bin/python benchmarks/bench_real_pages.py [--pages DIR] [--jionlp-python PYTHON] [-v]

The sets are `../shared/real/dev-pages.json` (the development set) and the files of
`benchmarks/real-pages/` (labelled here). Their texts are not stored: fetch them as the sets'
README says, into DIR/<set>/pageNN.txt (DIR defaults to $TMPDIR/chronicle-real-pages; the dev
set's folder is `dev-pages`). A set whose texts are missing is skipped with that reason.

Each page is imported by `manage.py import_document` into a scratch database by the shared
scorer (`../shared/tools/score_real_pages.py`), without a year unless the label says the year is
nowhere in the text. JioNLP (1.5, `ner.extract_time`, run in the interpreter given by
--jionlp-python, default .venv-bench/bin/python) is handed each page's year and counted as the
scorer counts it: a label is found when JioNLP returns its start and end dates.
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "tools" / "score_real_pages.py"
SETS = {"dev-pages": SHARED / "real" / "dev-pages.json",
        **{path.stem: path for path in sorted((ROOT / "benchmarks" / "real-pages").glob("*.json"))}}
DEFAULT_PAGES = Path(tempfile.gettempdir()) / "chronicle-real-pages"
DEFAULT_JIONLP_PYTHON = ROOT / ".venv-bench" / "bin" / "python"
_FIGURE = re.compile(r"found=(\d+) labels=(\d+)")
_JIONLP = """
import contextlib, io, json, sys
import jionlp as jio
out = []
for path, year in json.load(sys.stdin):
    text = open(path, encoding="utf-8").read()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        base = {"year": year, "month": 12, "day": 31}
        found = jio.ner.extract_time(text, time_base=base, with_parsing=True)
    spans = []
    for item in found:
        time = (item.get("detail") or {}).get("time")
        if isinstance(time, list) and len(time) == 2 and all(isinstance(t, str) for t in time):
            spans.append([time[0][:10], time[1][:10]])
    out.append(spans)
print(json.dumps(out))
"""


def page_files(folder: Path, count: int) -> list[Path] | None:
    files = []
    for number in range(1, count + 1):
        found = next((folder / name for name in (f"page{number:02d}.txt", f"page{number}.txt")
                      if (folder / name).exists()), None)
        if found is None:
            return None
        files.append(found)
    return files


def ours(labels: Path, folder: Path, verbose: bool) -> tuple[int, int, str]:
    command = [sys.executable, str(SCORER), str(labels), str(folder)] + (["-v"] if verbose else [])
    completed = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
    figures = _FIGURE.search(completed.stdout.strip().splitlines()[-1])
    return int(figures.group(1)), int(figures.group(2)), completed.stdout


def jionlp(python: Path, pages: list[dict], files: list[Path]) -> int | None:
    """How many labels JioNLP dates right, handed each page's year (the scorer's own fallback: the
    first year written, where the label gives none; else the first label's)."""
    jobs = []
    for page, path in zip(pages, files, strict=True):
        text = path.read_text(encoding="utf-8")
        written = re.search(r"(1[89]|20)\d\d", text)
        year = page.get("year_context") or (int(written.group(0)) if written else
                                            int(page["events"][0]["start_date"][:4]))
        jobs.append([str(path), year])
    completed = subprocess.run([str(python), "-c", _JIONLP], input=json.dumps(jobs), capture_output=True,
                               text=True, check=False)
    if completed.returncode != 0:
        return None
    spans = json.loads(completed.stdout.strip().splitlines()[-1])
    return sum((label["start_date"], label["end_date"]) in {tuple(s) for s in found}
               for page, found in zip(pages, spans, strict=True) for label in page["events"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=Path, default=DEFAULT_PAGES)
    parser.add_argument("--jionlp-python", type=Path, default=DEFAULT_JIONLP_PYTHON)
    parser.add_argument("-v", action="store_true", help="print every label not found")
    args = parser.parse_args()
    with_jionlp = args.jionlp_python.exists()
    if not with_jionlp:
        print(f"JioNLP not compared: {args.jionlp_python} does not exist "
              "(python3 -m venv .venv-bench && .venv-bench/bin/pip install jionlp)")
    print(f"{'set':<20}{'pages':>6}{'labels':>8}{'chronicle':>11}{'JioNLP':>9}")
    totals = {"new": [0, 0, 0], "all": [0, 0, 0]}
    for name, labels in SETS.items():
        pages = json.loads(labels.read_text(encoding="utf-8"))
        files = page_files(args.pages / name, len(pages))
        if files is None:
            print(f"{name:<20} texts not fetched into {args.pages / name} "
                  "(see benchmarks/real-pages/README.md)")
            continue
        found, count, detail = ours(labels, args.pages / name, args.v)
        theirs = jionlp(args.jionlp_python, pages, files) if with_jionlp else None
        shown = f"{theirs / count:9.3f}" if theirs is not None else f"{'—':>9}"
        print(f"{name:<20}{len(pages):>6}{count:>8}{found / count:>11.3f}{shown}")
        if args.v:
            print("\n".join(line for line in detail.splitlines() if line.startswith("  MISS")))
        for key in ("all",) + (("new",) if name != "dev-pages" else ()):
            totals[key][0] += found
            totals[key][1] += count
            totals[key][2] += theirs or 0
    for key, title in (("new", "labelled here"), ("all", "all sets")):
        found, count, theirs = totals[key]
        if count:
            shown = f"{theirs / count:9.3f}" if with_jionlp else f"{'—':>9}"
            print(f"{title:<20}{'':>6}{count:>8}{found / count:>11.3f}{shown}")


if __name__ == "__main__":
    main()
