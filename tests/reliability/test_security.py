"""Security, one test per rule: writes need a user with the permission everywhere, forms need the
CSRF token, uploads have a size limit, the admin needs staff, and no secret is written in the code.

`check --deploy` in production settings is tested in tests/test_settings.py, and page output
escaping in tests/pages/test_escaping.py; they are not repeated here.
"""
import re
import subprocess
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import URLResolver, get_resolver
from rest_framework.authtoken.models import Token

from events.models import Document, Event
from tests.factories import make_event, make_mention
from tests.reliability.rows import counts

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_throttle")]
ROOT = Path(__file__).resolve().parent.parent.parent
WRITES = ["post", "put", "patch", "delete"]
STATEMENT = "1月27日，区委召开常委会议，研究部署安全生产工作。\n".encode()


@pytest.fixture
def event():
    event = make_event(people=["李朝锋"], organizations=["区委常委会"])
    make_mention(event)
    return event


@pytest.fixture
def reader():
    return User.objects.create_user("reader")  # signed in, no permission at all


@pytest.fixture
def editor():
    user = User.objects.create_user("editor")
    user.user_permissions.add(*Permission.objects.filter(codename__in=["change_event", "add_document"]))
    return user


def every_url(event) -> dict[str, str]:
    """One concrete address for each named route of the pages and the API, by route name."""
    document = event.document.pk
    return {
        "api-event-list": "/api/events/",
        "api-event-detail": f"/api/events/{event.pk}/",
        "api-document-list": "/api/documents/",
        "api-document-detail": f"/api/documents/{document}/",
        "api-job-list": "/api/jobs/",
        "api-job-detail": "/api/jobs/1/",
        "api-timeline": "/api/timeline/?year=2020",
        "api-series": "/api/series/",
        "api-chronicle": "/api/chronicle/?year=2020&format=md",
        "api-schema": "/api/schema/",
        "api-docs": "/api/docs/",
        "home": "/",
        "timeline-latest": "/timeline/",
        "timeline": "/timeline/2020/",
        "calendar-latest": "/calendar/",
        "calendar": "/calendar/2020/1/",
        "event": f"/events/{event.pk}/",
        "document-list": "/documents/",
        "document": f"/documents/{document}/",
        "document-original": f"/documents/{document}/original/",
        "search": "/search/?q=会议",
        "years": "/years/",
        "on-this-day-today": "/on-this-day/",
        "on-this-day": "/on-this-day/1/27/",
        "names": "/people/",
        "person": "/people/李朝锋/",
        "organization": "/organizations/区委常委会/",
        "favicon": "/favicon.ico",
    }


def route_names(patterns=None, prefix="") -> set[str]:
    names = set()
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            names |= route_names(pattern.url_patterns, route)
        elif pattern.name and not route.startswith(("admin/", "i18n/")):
            names.add(pattern.name)
    return names


def test_the_sweep_below_covers_every_route(event):
    assert route_names() == set(every_url(event)), "a new route: add it to every_url()"


def api_urls(event) -> dict[str, str]:
    return {name: url for name, url in every_url(event).items() if url.startswith("/api/")}


def page_urls(event) -> dict[str, str]:
    return {name: url for name, url in every_url(event).items() if not url.startswith("/api/")}


@pytest.mark.parametrize("method", WRITES)
def test_anonymous_api_writes_are_refused_everywhere(method, event):
    client = Client()
    before = counts()
    for name, url in api_urls(event).items():
        response = getattr(client, method)(url, {"title": "改"}, content_type="application/json")
        assert response.status_code in {401, 403, 405}, (name, method, response.status_code)
    assert counts() == before
    assert Event.objects.get(pk=event.pk).title == event.title


@pytest.mark.parametrize("method", WRITES)
def test_api_writes_by_a_user_without_permission_are_refused_everywhere(method, event, reader):
    client = Client()
    client.force_login(reader)
    before = counts()
    for name, url in api_urls(event).items():
        response = getattr(client, method)(url, {"title": "改"}, content_type="application/json")
        assert response.status_code in {403, 405}, (name, method, response.status_code)
    assert counts() == before


@pytest.mark.parametrize("method", WRITES)
def test_writes_to_the_pages_change_nothing(method, event, reader):
    for client in (Client(), Client()):
        before = counts()
        for name, url in page_urls(event).items():
            response = getattr(client, method)(url, {"title": "改"}, content_type="application/json")
            assert response.status_code < 500, (name, method, response.status_code)
        assert counts() == before
        client.force_login(reader)  # the second round is signed in
    assert Event.objects.get(pk=event.pk).title == event.title


@pytest.mark.parametrize("method", WRITES)
def test_the_pages_answer_405_to_writes(method, event):
    client = Client()
    for name, url in page_urls(event).items():
        response = getattr(client, method)(url)
        assert response.status_code == 405, (name, method, response.status_code)


def test_a_permission_opens_only_its_own_write(event, reader):
    """change_event lets a user PATCH events; it does not let them upload documents."""
    reader.user_permissions.add(Permission.objects.get(codename="change_event"))
    client = Client()
    client.force_login(reader)
    patch = client.patch(f"/api/events/{event.pk}/", {"title": "改"}, content_type="application/json")
    assert patch.status_code == 200
    upload = SimpleUploadedFile("a.txt", STATEMENT, content_type="text/plain")
    assert client.post("/api/documents/", {"file": upload}).status_code == 403


ADMIN_URLS = ["/admin/", "/admin/events/event/", "/admin/events/document/", "/admin/auth/user/",
              "/admin/events/document/add/"]


@pytest.mark.parametrize("url", ADMIN_URLS)
def test_the_admin_sends_anonymous_and_non_staff_users_to_the_login(url, reader):
    anonymous, signed_in = Client(), Client()
    signed_in.force_login(reader)  # not staff
    for client in (anonymous, signed_in):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/admin/login/"), url


def test_a_non_staff_user_cannot_change_an_event_through_the_admin(event, editor):
    """Even with change_event: the admin is for staff only."""
    client = Client()
    client.force_login(editor)
    response = client.post(f"/admin/events/event/{event.pk}/change/", {"title": "改"})
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    assert Event.objects.get(pk=event.pk).title == event.title


def test_staff_without_permissions_is_refused_the_events_admin(event, reader):
    reader.is_staff = True
    reader.save()
    client = Client()
    client.force_login(reader)
    assert client.get("/admin/events/event/").status_code == 403
    assert client.get(f"/admin/events/event/{event.pk}/change/").status_code == 403


# -- CSRF ---------------------------------------------------------------------------------------


def csrf_token(client: Client, url: str = "/") -> str:
    client.get(url)
    return client.cookies["csrftoken"].value


def test_every_post_form_on_the_pages_carries_the_csrf_token(event):
    client = Client()
    forms = 0
    for url in every_url(event).values():
        if url.startswith("/api/"):
            continue
        html = client.get(url, follow=True).content.decode()
        for form in re.findall(r"<form\b[^>]*method=\"?post\"?[^>]*>.*?</form>", html, re.S | re.I):
            forms += 1
            assert 'name="csrfmiddlewaretoken"' in form, (url, form[:200])
    assert forms, "the pages hold at least the language switcher"


def test_the_language_form_needs_the_csrf_token(event):
    client = Client(enforce_csrf_checks=True)
    assert client.post("/i18n/setlang/", {"language": "en", "next": "/"}).status_code == 403
    token = csrf_token(client)
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/", "csrfmiddlewaretoken": token})
    assert response.status_code == 302


def test_the_admin_login_needs_the_csrf_token():
    User.objects.create_user("staff", password="a-long-enough-password-1", is_staff=True)
    client = Client(enforce_csrf_checks=True)
    credentials = {"username": "staff", "password": "a-long-enough-password-1", "next": "/admin/"}
    assert client.post("/admin/login/", credentials).status_code == 403
    token = csrf_token(client, "/admin/login/")
    response = client.post("/admin/login/", {**credentials, "csrfmiddlewaretoken": token})
    assert response.status_code == 302 and response["Location"] == "/admin/"


def test_an_admin_change_form_needs_the_csrf_token(event, editor):
    editor.is_staff = True
    editor.save()
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    response = client.post(f"/admin/events/event/{event.pk}/change/", {"title": "改"})
    assert response.status_code == 403
    assert Event.objects.get(pk=event.pk).title == event.title


def test_session_authenticated_api_writes_need_the_csrf_token(event, editor):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    patch = {"path": f"/api/events/{event.pk}/", "data": {"title": "改"}, "content_type": "application/json"}
    refused = client.patch(**patch)
    assert refused.status_code == 403 and "CSRF" in refused.json()["detail"]
    upload = SimpleUploadedFile("a.txt", STATEMENT, content_type="text/plain")
    assert client.post("/api/documents/", {"file": upload}).status_code == 403
    assert Event.objects.get(pk=event.pk).title == event.title
    assert client.patch(**patch, HTTP_X_CSRFTOKEN=csrf_token(client)).status_code == 200


def test_token_authenticated_api_writes_need_no_csrf_token(event, editor):
    """A token cannot be sent by another site's form, so it is not a CSRF risk."""
    token = Token.objects.create(user=editor).key
    client = Client(enforce_csrf_checks=True, HTTP_AUTHORIZATION=f"Token {token}")
    response = client.patch(f"/api/events/{event.pk}/", {"title": "改"}, content_type="application/json")
    assert response.status_code == 200


# -- upload size --------------------------------------------------------------------------------


@override_settings(CHRONICLE_MAX_DOCUMENT_BYTES=1000)
def test_an_api_upload_over_the_limit_is_refused_with_a_clear_message(editor):
    client = Client()
    client.force_login(editor)
    upload = SimpleUploadedFile("big.txt", STATEMENT * 30, content_type="text/plain")
    before = counts()
    response = client.post("/api/documents/", {"file": upload})
    assert response.status_code == 413
    assert "file" in response.json()["errors"]
    assert "上限" in response.json()["errors"]["file"][0]
    assert counts() == before


def test_an_upload_just_over_the_default_20_mb_is_refused(editor, settings):
    assert settings.CHRONICLE_MAX_DOCUMENT_BYTES == 20 * 1024 * 1024
    client = Client()
    client.force_login(editor)
    data = STATEMENT * (settings.CHRONICLE_MAX_DOCUMENT_BYTES // len(STATEMENT) + 1)
    response = client.post("/api/documents/", {"file": SimpleUploadedFile("big.txt", data)})
    assert response.status_code == 413 and "上限" in response.json()["detail"]
    assert not Document.objects.exists()


@override_settings(CHRONICLE_MAX_DOCUMENT_BYTES=1000)
def test_an_admin_upload_over_the_limit_is_refused(editor):
    editor.is_staff = True
    editor.save()
    editor.user_permissions.add(*Permission.objects.filter(codename__in=["view_document"]))
    client = Client()
    client.force_login(editor)
    upload = SimpleUploadedFile("big.txt", STATEMENT * 30, content_type="text/plain")
    response = client.post("/admin/events/document/add/", {"file": upload, "title": "", "year": ""})
    assert response.status_code == 200, "the form comes back with the error"
    assert "1,000" in response.content.decode() or "too large" in response.content.decode()
    assert not Document.objects.exists()


# -- secrets ------------------------------------------------------------------------------------

SECRET_PATTERNS = [
    re.compile(r"""(?i)\b(secret_key|password|passwd|api_key|token|access_key)\b\s*[:=]\s*["'][^"'\s]{8,}["']"""),
    re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----"),
    re.compile(r"\bAKIA[0-9A-Z]{16}\b"),
    re.compile(r"django-insecure-"),
    # a password in a database URL, other than the placeholders the docs use (user:pass@, :secret@ …)
    re.compile(r"\b(?:postgres|postgresql|mysql)://[^:/\s@]+:(?!(?:pass|p|secret|password|\.\.\.|<[^>]+>)@)[^@\s/]+@"),
]


def tracked_files() -> list[Path]:
    listed = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True)
    if listed.returncode != 0:
        pytest.skip("not a git checkout: no list of tracked files")
    return [ROOT / name for name in listed.stdout.splitlines() if not name.startswith("tests/")]


def test_no_secret_is_written_in_the_code():
    found = []
    for path in tracked_files():
        if not path.is_file() or path.suffix in {".mo", ".png", ".jpg", ".ico", ".woff2"}:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        for number, line in enumerate(text.splitlines(), 1):
            if any(p.search(line) for p in SECRET_PATTERNS) and "_DEV_SECRET" not in line:
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()[:120]}")
    assert not found, "hard-coded secrets:\n" + "\n".join(found)


def test_the_only_default_secret_is_the_development_key_and_production_refuses_it():
    settings_text = (ROOT / "chronicle" / "settings.py").read_text(encoding="utf-8")
    literals = re.findall(r"""_DEV_SECRET\s*=\s*["']([^"']+)["']""", settings_text)
    assert literals == ["dev-only-insecure-key-do-not-use-in-production"]
    assert 'SECRET_KEY = os.environ.get("SECRET_KEY") or (_DEV_SECRET if DEBUG else "")' in settings_text
    from tests.test_settings import run_manage

    # Set on purpose in production, the development key fails the deploy check (too short, too few
    # characters to be random); left unset, production refuses to start (tests/test_settings.py).
    result = run_manage("check", "--deploy", "--fail-level", "WARNING",
                        DEBUG="0", ALLOWED_HOSTS="example.org", SECRET_KEY=literals[0])
    assert result.returncode != 0 and "SECRET_KEY" in result.stderr


@pytest.mark.parametrize(
    ("line", "secret"),
    [
        ('SECRET_KEY = "q8f3k2l9z0x7c6v5b4n3m2"', True),
        ("password='hunter2hunter2'", True),
        ("DATABASE_URL=postgres://app:s3cr3tP4ss@db:5432/app", True),
        ("-----BEGIN RSA PRIVATE KEY-----", True),
        ('SECRET_KEY = os.environ.get("SECRET_KEY")', False),
        ("postgres://user:pass@host:5432/name", False),
        ('create_user("reader")', False),
    ],
)
def test_the_secret_patterns_catch_secrets_and_spare_placeholders(line, secret):
    assert any(p.search(line) for p in SECRET_PATTERNS) is secret
