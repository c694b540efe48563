"""`import_document DIR --jobs N` in processes of its own, on a real database file or server:
several imports at once neither fail ('database is locked') nor lose a document."""
import subprocess
import sys

from tests.reliability import stack
from tests.reliability.test_interrupted_import import yearbook


def test_a_folder_imported_by_two_jobs_holds_every_document(tmp_path):
    folder = tmp_path / "books"
    folder.mkdir()
    for n in range(4):
        (folder / f"book-{n}.txt").write_text(yearbook(300, seed=n), encoding="utf-8")
    (folder / "broken.txt").write_bytes(b"\x00\xff" * 100)
    with stack.scratch_database(tmp_path) as url:
        env = {**stack.production_env(url, None), "DEBUG": "1"}
        done = subprocess.run([sys.executable, "manage.py", "import_document", str(folder), "--jobs", "2",
                               "--year", "2020"], cwd=stack.ROOT, env=env, capture_output=True, text=True,
                              timeout=300)
        assert done.returncode == 1
        assert sorted(line.split(":")[0] for line in done.stdout.splitlines()) == [
            f"book-{n}.txt" for n in range(4)]
        errors = done.stderr.strip().splitlines()
        assert errors[0].startswith(f"cannot import {folder / 'broken.txt'}: binary file")
        assert "4 of 5 files imported" in errors[-1] and "with 2 jobs" in errors[-1]
        assert "locked" not in done.stderr and "Traceback" not in done.stderr
        script = ("from events.models import Document, Event\n"
                  "print(Document.objects.count(), Event.objects.count())")
        count = subprocess.run([sys.executable, "manage.py", "shell", "-c", script], cwd=stack.ROOT, env=env,
                               capture_output=True, text=True, timeout=120)
        documents, events = map(int, count.stdout.splitlines()[-1].split())
        assert documents == 4 and events == 4 * 300
