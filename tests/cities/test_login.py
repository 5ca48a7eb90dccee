"""Where a login leads: city staff to what needs their attention, everyone else to /my/."""

import pytest

from tests.conftest import PASSWORD, make_user

pytestmark = pytest.mark.django_db


def log_in(client, email: str):
    return client.post("/en/accounts/login/", {"login": email, "password": PASSWORD})


def test_city_staff_land_on_the_staff_start_page(client, staff_malmo):
    response = log_in(client, staff_malmo.email)
    assert response.status_code == 302
    assert response["Location"] == "/en/staff/"
    assert client.get(response["Location"]).status_code == 200


def test_a_person_lands_on_their_own_page(client):
    person = make_user("petra@example.org")
    response = log_in(client, person.email)
    assert response["Location"] == "/en/my/"


def test_a_next_address_still_wins_for_staff(client, staff_malmo):
    response = client.post(
        "/en/accounts/login/?next=/en/groups/",
        {"login": staff_malmo.email, "password": PASSWORD, "next": "/en/groups/"},
    )
    assert response["Location"] == "/en/groups/"
