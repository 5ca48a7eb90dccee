"""The calendar and the participant list run the same number of queries for few or many rows."""

import pytest

from tests.conftest import count_queries, login, make_group
from tests.trainings.conftest import make_course, make_registration, make_session

pytestmark = pytest.mark.django_db


def add_sessions(cities, number):
    courses = [make_course() for _ in range(3)]
    for n in range(number):
        session = make_session(cities[n % 2], course=courses[n % 3], days=n + 1, capacity=2)
        make_registration(session)
        if n % 2:
            make_registration(session)
            make_registration(session, status="waitlisted")


def test_the_calendar_runs_a_fixed_number_of_queries(client, city_malmo, city_stockholm):
    add_sessions([city_malmo, city_stockholm], 2)
    few = count_queries(client, "/en/trainings/?language=sv")
    few_home = count_queries(client, "/en/")

    add_sessions([city_malmo, city_stockholm], 45)
    many = count_queries(client, "/en/trainings/?language=sv")
    second_page = count_queries(client, "/en/trainings/?language=sv&page=2")

    assert few == many == second_page
    assert few_home == count_queries(client, "/en/")
    assert few <= 6


def test_the_participant_list_runs_a_fixed_number_of_queries(client, staff_malmo, city_malmo):
    login(client, staff_malmo)
    group = make_group("Rosengårds röster", city_malmo)
    session = make_session(city_malmo, capacity=40)
    for n in range(3):
        make_registration(session, local_group=group if n % 2 else None)
    url = f"/en/staff/trainings/{session.pk}/"
    few = count_queries(client, url)
    few_print = count_queries(client, url + "print/")

    for n in range(80):
        make_registration(
            session,
            status="confirmed" if n < 37 else "waitlisted" if n < 70 else "cancelled",
            local_group=group if n % 2 else None,
        )
    many = count_queries(client, url)

    assert few == many
    assert few_print == count_queries(client, url + "print/")


def test_the_staff_session_list_runs_a_fixed_number_of_queries(
    client, staff_malmo, city_malmo, city_stockholm
):
    login(client, staff_malmo)
    add_sessions([city_malmo, city_stockholm], 2)
    few = count_queries(client, "/en/staff/trainings/")
    add_sessions([city_malmo, city_stockholm], 30)
    assert few == count_queries(client, "/en/staff/trainings/")
