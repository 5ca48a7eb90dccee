"""A refused form (CSRF), a request over the size limit and one with too many fields get the
site's own page, in the language of the address, with the whole layout."""

import pytest
from django.test import Client

from tests.conftest import login

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "title"),
    [("sv", "Formuläret kunde inte skickas"), ("en", "The form could not be sent")],
)
def test_it_explains_a_csrf_failure_in_the_pages_language(person, language, title):
    client = Client(enforce_csrf_checks=True)
    login(client, person)
    response = client.post(f"/{language}/groups/new/", {"name": "Grannar"})
    assert response.status_code == 403
    page = response.content.decode()
    assert f"<h1>{title}</h1>" in page
    assert f'<html lang="{language}">' in page
    assert 'href="/sv/my/"' in page or 'href="/en/my/"' in page  # the account menu is there


@pytest.mark.parametrize(
    ("language", "title"),
    [("sv", "Begäran kunde inte hanteras"), ("en", "The request could not be handled")],
)
def test_it_answers_a_request_over_the_size_limit_with_its_own_page(
    client, settings, language, title
):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = client.post(f"/{language}/accounts/login/", {"login": "x" * 2000})
    assert response.status_code == 400
    page = response.content.decode()
    assert f"<h1>{title}</h1>" in page
    assert f'<html lang="{language}">' in page


def test_it_answers_too_many_fields_with_its_own_page(client):
    fields = {f"field{n}": "x" for n in range(1100)}
    response = client.post("/en/accounts/login/", fields)
    assert response.status_code == 400
    assert "<h1>The request could not be handled</h1>" in response.content.decode()
