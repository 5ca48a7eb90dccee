"""A group's own words keep the language they were written in: an English page marks a
Swedish description with lang="sv", so a screen reader reads it with a Swedish voice."""

import pytest

from cities.models import LocalGroup
from tests.cities.conftest import group_form_data
from tests.conftest import make_group

pytestmark = pytest.mark.django_db


def test_an_english_page_marks_the_groups_swedish_text(client, city_malmo):
    make_group("Grannar för rättvisa", city_malmo, language="sv", rights_gaps="Hyror.")
    page = client.get("/en/groups/grannar-for-rattvisa/").content.decode()
    assert '<div class="prose" lang="sv"><p>Grannar för rättvisa arbetar' in page
    assert '<div class="prose" lang="sv"><p>Hyror.</p></div>' in page


def test_a_swedish_page_adds_nothing_to_swedish_text(client, city_malmo):
    make_group("Grannar för rättvisa", city_malmo, language="sv")
    page = client.get("/sv/groups/grannar-for-rattvisa/").content.decode()
    assert 'lang="sv"><p>Grannar' not in page


def test_the_directory_and_the_hub_mark_the_cards(client, city_malmo):
    make_group("Grannar för rättvisa", city_malmo, language="sv")
    for url in ["/en/groups/", "/en/cities/malmo/"]:
        page = client.get(url).content.decode()
        assert '<p class="card-text" lang="sv">Grannar för rättvisa arbetar' in page, url


def test_english_text_on_a_swedish_page_is_marked_english(client, city_malmo):
    make_group("Neighbours for justice", city_malmo, language="en")
    page = client.get("/sv/groups/neighbours-for-justice/").content.decode()
    assert '<div class="prose" lang="en">' in page


def test_a_group_registered_on_the_english_site_is_written_in_english(client, person, city_malmo):
    client.force_login(person)
    client.post("/en/groups/new/", group_form_data(city_malmo))
    assert LocalGroup.objects.get().language == "en"
