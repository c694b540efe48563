"""The admin's import jobs: an upload that waits for a worker leads to its job, whose page shows a
progress bar that follows it; editors see jobs and change none."""
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from events.models import Document, ImportJob

pytestmark = pytest.mark.django_db
RECORD = "1月27日，区委召开常委会议。\n".encode()


@override_settings(CELERY_TASK_ALWAYS_EAGER=False)
def test_an_upload_with_a_queue_goes_to_its_job_page(editor_client):
    upload = SimpleUploadedFile("qinghe.txt", RECORD)
    data = {"file": upload, "title": "", "year": "2020"}
    response = editor_client.post("/admin/events/document/add/", data)
    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:events_importjob_change", args=[job.pk])
    assert (job.status, job.file_name, job.year, bytes(job.data)) == ("queued", "qinghe.txt", 2020, RECORD)
    assert not Document.objects.exists()


@pytest.mark.parametrize(
    ("fields", "running", "shown"),
    [
        ({"status": "running", "stage": "reading", "pages": 150, "total_pages": 300}, True,
         ['value="32"', "读取文件 · 150/300 页"]),
        ({"status": "queued"}, True, ['value="0"', "排队中"]),
        ({"status": "done", "stage": "storing", "events": 1200}, False,
         ['value="100"', "已完成 · 1,200 个事件"]),
    ],
)
def test_the_job_page_shows_a_progress_bar_that_follows_a_running_job(editor_client, fields, running, shown):
    job = ImportJob.objects.create(file_name="a.pdf", **fields)
    html = editor_client.get(reverse("admin:events_importjob_change", args=[job.pk])).content.decode()
    assert '<progress class="import-progress"' in html and all(text in html for text in shown)
    assert ("data-running" in html) is running
    assert "js/import-progress.js" in html
    assert f'data-url="/api/jobs/{job.pk}"' in html


def test_a_failed_job_shows_why_and_no_full_bar(editor_client):
    job = ImportJob.objects.create(file_name="a.pdf", status="failed", error="damaged PDF: <b>x</b>")
    html = editor_client.get(reverse("admin:events_importjob_change", args=[job.pk])).content.decode()
    assert "<progress" not in html and "data-running" not in html
    assert "damaged PDF: &lt;b&gt;x&lt;/b&gt;" in html
    assert '<span class="import-stage import-failed">失败</span>' in html


def test_editors_see_the_job_list_and_change_nothing(editor_client):
    job = ImportJob.objects.create(file_name="a.pdf", status="running", stage="extracting")
    listing = editor_client.get(reverse("admin:events_importjob_changelist"))
    assert listing.status_code == 200 and "a.pdf" in listing.content.decode()
    change = editor_client.post(reverse("admin:events_importjob_change", args=[job.pk]), {"status": "done"})
    assert change.status_code == 403
    assert ImportJob.objects.get(pk=job.pk).status == "running"
    assert editor_client.get(reverse("admin:events_importjob_add")).status_code == 403
