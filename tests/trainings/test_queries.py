"""The public pages and the participant list run the same, small number of queries for few or
many sessions, registrations and groups."""

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import count_queries, login, make_group, make_user
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


def add_groups(city, number, *, members=()):
    for _ in range(number):
        make_group(f"Grupp {next(_group_numbers)}", city, members=members)


_group_numbers = iter(range(1, 10_000))


def test_the_calendar_and_home_page_stay_within_twelve_queries_at_any_size(
    client, city_malmo, city_stockholm
):
    """The calendar (both pages) and the home page with its trainings section."""
    urls = ["/en/trainings/", "/en/trainings/?page=2", "/en/"]
    add_sessions([city_malmo, city_stockholm], 2)
    add_groups(city_malmo, 2)
    few = [count_queries(client, url) for url in urls]

    add_sessions([city_malmo, city_stockholm], 45)
    add_groups(city_malmo, 30)
    many = [count_queries(client, url) for url in urls]

    assert few == many
    assert max(many) <= 12


def test_the_calendar_counts_its_sessions_without_reading_registrations(
    client, city_malmo, city_stockholm
):
    """The pager's total is a plain count of the upcoming sessions; the seat counts are read
    only for the sessions shown."""
    add_sessions([city_malmo, city_stockholm], 25)
    client.get("/en/trainings/")
    caches["fragments"].clear()

    with CaptureQueriesContext(connection) as queries:
        response = client.get("/en/trainings/")

    counts = [q["sql"] for q in queries if "COUNT(*)" in q["sql"]]
    assert response.context["page_obj"].paginator.count == 25
    assert len(counts) == 1 and "trainings_registration" not in counts[0]


@pytest.mark.parametrize("signed_in", [False, True], ids=["visitor", "member"])
def test_the_session_page_stays_within_twelve_queries_at_any_size(
    client, city_malmo, city_stockholm, signed_in
):
    """However many groups the city has (and the person belongs to), registrations the session
    holds or sessions there are, the page with its sign-up form runs the same few queries."""
    me = make_user("me@example.org")
    session = make_session(city_malmo, capacity=5)
    add_groups(city_malmo, 2, members=[me])
    add_groups(city_malmo, 2)
    if signed_in:
        login(client, me)
    url = f"/en/trainings/sessions/{session.pk}/"
    few = count_queries(client, url)

    add_groups(city_malmo, 20, members=[me])
    add_groups(city_malmo, 60)
    add_groups(city_stockholm, 20, members=[me])
    for n in range(12):
        make_registration(session, status="confirmed" if n < 5 else "waitlisted")
    add_sessions([city_malmo, city_stockholm], 10)
    many = count_queries(client, url)

    assert few == many
    assert many <= 12
    form = client.get(url).context["form"]
    assert ("local_group" in form.fields) == signed_in
    if signed_in:
        assert len(form.fields["local_group"].widget.choices) == 1 + 22


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
