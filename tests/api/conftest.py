"""Fixtures for the API tests: clients for each kind of caller, and a fresh throttle per test."""

import pytest
from django.contrib.auth.models import Permission, User
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient


@pytest.fixture(autouse=True)
def _throttle_unspent(fresh_throttle):
    """The anonymous rate limit counts in the cache: start every test with none spent."""


@pytest.fixture
def client_anon() -> APIClient:
    return APIClient()


@pytest.fixture
def reader(db) -> User:
    return User.objects.create_user("reader")  # no password: hashing one costs half a second


@pytest.fixture
def editor(db) -> User:
    user = User.objects.create_user("editor")
    user.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["change_event", "add_document", "view_event", "view_document"]
        )
    )
    return user


@pytest.fixture
def client_reader(reader) -> APIClient:
    client = APIClient()
    client.force_authenticate(reader)
    return client


@pytest.fixture
def client_editor(editor) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=editor).key}")
    return client
