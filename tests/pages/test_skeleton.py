"""The skeleton runs: home page from templates/, admin with the three models."""

import pytest
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.django_db


def test_home_on_an_empty_database_says_how_to_import(client):
    response = client.get("/")
    assert response.status_code == 200
    assert "import_document" in response.content.decode()


@pytest.mark.parametrize("model", ["document", "event", "mention"])
def test_admin_lists_each_model(client, model):
    user = get_user_model().objects.create_superuser("admin", "a@example.org", "pw-123456")
    client.force_login(user)
    assert client.get(f"/admin/events/{model}/").status_code == 200
