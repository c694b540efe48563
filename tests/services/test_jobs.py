"""Import jobs run in process without Redis (the tests' setting): what they record, how they fail."""
import pytest
from django.test import override_settings

from events.models import Document, ImportJob
from events.services import importing
from events.services.importing import document_import
from events.services.jobs import INTERNAL_ERROR, import_job_create, import_job_run
from tests.reliability.rows import counts

pytestmark = pytest.mark.django_db
RECORD = "2020年\n1月27日，区委召开常委会议。\n2月3日，区政府召开常务会议。\n".encode()


def test_without_a_broker_a_job_has_run_when_it_is_created():
    job = import_job_create(data=RECORD, file_name="a.txt", year=2020)
    assert (job.status, job.stage, job.progress, job.events, job.error) == ("done", "storing", 100, 2, "")
    assert job.document == Document.objects.get() and job.summary.startswith('imported "a"')
    assert job.data is None, "the file is dropped once the document keeps its own copy"
    assert job.started_at <= job.finished_at and job.worker


def test_a_refused_file_fails_the_job_with_the_one_line_reason_and_stores_nothing():
    before = counts()
    job = import_job_create(data=b"\x00\x01" * 100, file_name="a.bin")
    assert job.status == "failed" and job.document is None and "\n" not in job.error
    assert job.error.startswith("binary file")
    assert counts() == before


def test_an_unexpected_error_fails_the_job_without_a_traceback_and_stores_nothing(monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(importing, "_store_mentions", broken)
    before = counts()
    job = import_job_create(data=RECORD, file_name="a.txt")
    assert job.status == "failed" and job.error == INTERNAL_ERROR
    assert counts() == before


def test_a_job_delivered_twice_runs_once():
    job = import_job_create(data=RECORD, file_name="a.txt")
    assert import_job_run(job_id=job.pk) is None
    assert ImportJob.objects.get(pk=job.pk).status == "done" and Document.objects.count() == 1


@override_settings(CELERY_TASK_ALWAYS_EAGER=False)
def test_with_a_broker_the_job_waits_in_the_queue_with_its_file():
    job = import_job_create(data=RECORD, file_name="a.txt")
    assert (job.status, job.progress, bytes(job.data)) == ("queued", 0, RECORD)
    assert not Document.objects.exists()


def test_the_import_reports_its_stages_in_order():
    seen = []
    document_import(data=RECORD, source_name="a.txt", progress=lambda stage, **figures: seen.append(
        (stage, figures)))
    assert seen == [("reading", {}), ("extracting", {"pages": 0}), ("storing", {"pages": 0, "events": 2})]


def test_a_pdf_reports_its_pages_as_they_are_read_and_the_job_shows_them():
    from tests.formats.texts import yearbook_pdf

    seen = []
    document_import(data=yearbook_pdf(), source_name="a.pdf", progress=lambda stage, **figures: seen.append(
        (stage, figures)))
    reading = [figures for stage, figures in seen if stage == "reading" and figures]
    assert [figures["pages"] for figures in reading] == [1, 2, 3]
    assert {figures["total_pages"] for figures in reading} == {3}
    assert seen[-1][0] == "storing" and seen[-1][1]["pages"] == 3


@pytest.mark.parametrize(
    ("status", "stage", "pages", "total", "progress"),
    [("queued", "", 0, 0, 0), ("running", "reading", 0, 0, 5), ("running", "reading", 150, 300, 32),
     ("running", "reading", 300, 300, 60), ("running", "extracting", 300, 300, 60),
     ("running", "storing", 300, 300, 85), ("done", "storing", 300, 300, 100),
     ("failed", "reading", 1, 3, 100)],
)
def test_the_progress_bar_follows_the_stage_and_the_pages(status, stage, pages, total, progress):
    job = ImportJob(status=status, stage=stage, pages=pages, total_pages=total)
    assert job.progress == progress


@pytest.mark.parametrize(
    ("fields", "text", "language"),
    [
        ({"status": "queued"}, "排队中", "zh-hans"),
        ({"status": "running", "stage": "reading", "pages": 122, "total_pages": 305},
         "读取文件 · 122/305 页", "zh-hans"),
        ({"status": "running", "stage": "storing", "pages": 3, "total_pages": 3, "events": 13100},
         "写入数据库 · 3/3 页 · 13,100 个事件", "zh-hans"),
        ({"status": "failed", "stage": "reading"}, "失败", "zh-hans"),
        ({"status": "running", "stage": "reading", "pages": 122, "total_pages": 305},
         "reading the file · 122/305 pages", "en"),
        ({"status": "done", "stage": "storing", "events": 12}, "done · 12 events", "en"),
    ],
)
def test_the_words_beside_the_bar_say_stage_pages_and_events_in_the_readers_language(fields, text, language):
    from django.utils import translation

    with translation.override(language):
        assert ImportJob(**fields).progress_text == text
