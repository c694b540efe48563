"""Rate limits are keyed on the real client address, and the admin login is throttled.

The count shared by several web processes through Redis is tested against real gunicorn workers
in test_jobs_stack.py; these tests pin which address counts and what the login does."""
import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.test import Client
from rest_framework.settings import api_settings

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_counts(monkeypatch):
    cache.clear()
    monkeypatch.setattr(api_settings, "DEFAULT_THROTTLE_RATES", {"anon": "3/minute"})
    yield
    cache.clear()


def statuses(client: Client, forwarded: list[str], remote: str = "127.0.0.1") -> list[int]:
    return [client.get("/api/series/", HTTP_X_FORWARDED_FOR=value, REMOTE_ADDR=remote).status_code
            for value in forwarded]


def test_without_a_trusted_proxy_x_forwarded_for_is_ignored(client):
    assert statuses(client, [f"203.0.113.{n}" for n in range(5)]) == [200, 200, 200, 429, 429]


def test_another_client_address_has_its_own_count(client):
    statuses(client, ["x"] * 3, remote="192.0.2.1")
    assert statuses(client, ["x"], remote="192.0.2.2") == [200]


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        # One trusted proxy: the address it appended (the last one) is the client; what the client
        # wrote before it changes nothing.
        (1, [f"{n}.{n}.{n}.{n}, 198.51.100.7" for n in range(5)], [200, 200, 200, 429, 429]),
        # Different clients seen by the proxy: each its own count.
        (1, [f"198.51.100.{n}" for n in range(5)], [200] * 5),
        # Two proxies: the second from the right.
        (2, [f"{n}.0.0.1, 198.51.100.7, 10.0.0.1" for n in range(5)], [200, 200, 200, 429, 429]),
    ],
)
def test_behind_trusted_proxies_the_address_they_saw_counts(client, monkeypatch, proxies, forwarded,
                                                             expected):
    monkeypatch.setattr(api_settings, "NUM_PROXIES", proxies)
    assert statuses(client, forwarded) == expected


@pytest.fixture
def staff():
    return User.objects.create_user("staff", password="the-right-password-1", is_staff=True)


def login(client: Client, password: str, remote: str = "192.0.2.10") -> int:
    data = {"username": "staff", "password": password, "next": "/admin/"}
    return client.post("/admin/login/", data, REMOTE_ADDR=remote).status_code


def test_the_admin_login_refuses_a_client_after_five_failures(client, staff, settings):
    assert settings.CHRONICLE_LOGIN_ATTEMPTS == 5
    assert [login(client, f"wrong-{n}") for n in range(5)] == [200] * 5  # the form again, with the error
    refused = client.post("/admin/login/", {"username": "staff", "password": "the-right-password-1"},
                          REMOTE_ADDR="192.0.2.10")
    assert refused.status_code == 429 and int(refused["Retry-After"]) == settings.CHRONICLE_LOGIN_WINDOW
    assert "登录失败次数过多" in refused.content.decode()
    assert login(Client(), "the-right-password-1", remote="192.0.2.11") == 302, "another client is not held"


def test_a_successful_login_forgets_the_failures(client, staff):
    assert [login(client, "wrong") for _ in range(4)] == [200] * 4
    assert login(client, "the-right-password-1") == 302
    client.logout()
    assert [login(client, "wrong") for _ in range(5)] == [200] * 5


def test_the_login_page_itself_is_never_refused(client, staff):
    for _ in range(6):
        login(client, "wrong")
    assert client.get("/admin/login/", REMOTE_ADDR="192.0.2.10").status_code == 200
