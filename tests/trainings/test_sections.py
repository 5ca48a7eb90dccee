"""What trainings add to the home page, a city hub and a person's own page."""

import pytest

from tests.conftest import login
from tests.trainings.conftest import make_registration, make_session

pytestmark = pytest.mark.django_db


def test_the_home_page_shows_upcoming_trainings(client, city_malmo):
    session = make_session(city_malmo)
    make_session(city_malmo, days=-2)

    html = client.get("/en/").content.decode()

    assert "Upcoming trainings" in html
    assert session.get_absolute_url().replace("/sv/", "/en/") in html


def test_a_hub_shows_its_own_sessions(client, city_malmo, city_stockholm):
    here = make_session(city_malmo)
    there = make_session(city_stockholm)

    html = client.get("/en/cities/malmo/").content.decode()

    assert "Trainings in Malmö" in html
    assert f"/en/trainings/sessions/{here.pk}/" in html
    assert f"/en/trainings/sessions/{there.pk}/" not in html


def test_my_page_lists_my_registrations_by_email_in_any_case(client, person, session_malmo):
    mine = make_registration(session_malmo, "PETRA@example.org")
    other = make_registration(session_malmo, "someone@example.org")
    login(client, person)

    html = client.get("/en/my/").content.decode()

    assert "Your training registrations" in html
    assert f"/en/trainings/registration/{mine.token}/" in html
    assert other.token not in html
