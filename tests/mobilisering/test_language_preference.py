"""The portal remembers the language a person uses, so emails to them are in that language."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from mobilisering.email import languages_for
from tests.conftest import login, make_user

pytestmark = pytest.mark.django_db


def test_it_writes_to_a_new_person_in_swedish():
    """Someone who has not used the portal yet gets Swedish, the programme's language."""
    maria = make_user("maria@example.org")
    assert languages_for([maria]) == {maria.pk: "sv"}


def test_it_remembers_the_language_a_person_last_read_the_portal_in(client):
    """Reading English pages makes English the language of their emails, and back again."""
    maria = make_user("maria@example.org")
    login(client, "maria@example.org")
    client.get("/en/")
    assert languages_for([maria]) == {maria.pk: "en"}
    client.get("/sv/privacy/")
    assert languages_for([maria]) == {maria.pk: "sv"}
    olle = make_user("olle@example.org")
    assert languages_for([maria, olle]) == {maria.pk: "sv", olle.pk: "sv"}


def test_it_writes_once_per_language_change(client):
    """Browsing in the same language does not touch the preference again on every page."""
    make_user("maria@example.org")
    login(client, "maria@example.org")
    client.get("/en/")
    with CaptureQueriesContext(connection) as queries:
        client.get("/en/privacy/")
    assert not [q for q in queries if "accountpreference" in q["sql"]]
