"""The staff start page: what waits in the staff member's own cities, each a count with a link;
staff land there after logging in; the old queue address still leads to the queue."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from initiatives.models import Initiative
from mobilisering.demo import DEMO_PASSWORD
from tests.conftest import PASSWORD, count_queries, login, make_city_staff, make_group, make_user
from tests.mobilisering.conftest import add_programme, make_submitted
from tests.trainings.conftest import make_registration, make_session

pytestmark = pytest.mark.usefixtures("english")


def attention(client) -> dict[str, int]:
    """Each item's label and count, as the start page shows them."""
    response = client.get(reverse("staff_home"))
    assert response.status_code == 200
    found = re.findall(
        r'<span class="attention__count">(\d+)</span> ([^<]+)</h2>', response.content.decode()
    )
    return {label.strip(): int(count) for count, label in found}


@pytest.fixture
def waiting(programme, city_malmo, city_stockholm, staff_malmo, staff_stockholm):
    """Besides the programme: in each city a submission three weeks old, a review assigned to
    its staff member and a coming session with people on the waiting list."""
    three_weeks_ago = timezone.now() - datetime.timedelta(days=21)
    for city, staff, name in [
        (city_malmo, staff_malmo, "Malmö"),
        (city_stockholm, staff_stockholm, "Stockholm"),
    ]:
        group = make_group(f"Väntande grupp {name}", city)
        make_submitted(group, f"Nytt förslag {name}", status="submitted", submitted=three_weeks_ago)
        reviewed = make_submitted(
            group, f"Granskas {name}", status="in_review", submitted=timezone.now()
        )
        Initiative.objects.filter(pk=reviewed.pk).update(assigned_to=staff)
        full = make_session(city, days=12, capacity=2)
        make_registration(full)
        make_registration(full)
        make_registration(full, status="waitlisted")


def test_it_counts_what_waits_in_the_staff_members_city(waiting, client, staff_malmo):
    login(client, staff_malmo)
    assert attention(client) == {
        "Groups waiting for approval": 1,
        "New submissions and resubmissions": 1,
        "Reviews overdue (over 14 days)": 1,
        "Reviews assigned to me": 1,
        "Final reports due": 1,
        # The empty session in the programme, and the full one with its waiting list.
        "Upcoming sessions with few sign-ups or a waiting list": 2,
    }


def test_it_names_the_initiatives_and_sessions_behind_the_counts(waiting, client, staff_malmo):
    login(client, staff_malmo)
    page = client.get(reverse("staff_home")).content.decode()
    assert "Trygga trappuppgångar" in page  # its final report is due
    assert "2 of 2 seats taken, 1 waiting" in page
    assert reverse("initiatives:staff_queue") + "?section=overdue" in page
    assert reverse("initiatives:staff_queue") + "?section=in_review&amp;reviewer=me" in page


def test_it_never_counts_another_citys_work(waiting, client, staff_stockholm):
    login(client, staff_stockholm)
    counts = attention(client)
    assert counts["Groups waiting for approval"] == 0
    assert counts["Final reports due"] == 0
    assert counts["Upcoming sessions with few sign-ups or a waiting list"] == 1
    page = client.get(reverse("staff_home")).content.decode()
    assert "Trygga trappuppgångar" not in page and "Malmö\n" not in page
    assert "in Stockholm today" in page


def test_it_counts_every_city_for_the_administrator(waiting, client):
    login(client, make_user("ada@example.org", is_superuser=True, is_staff=True))
    counts = attention(client)
    assert counts["New submissions and resubmissions"] == 2
    assert counts["Reviews assigned to me"] == 0


def test_it_refuses_the_start_page_to_people_who_are_not_staff(client, person):
    login(client, person)
    assert client.get(reverse("staff_home")).status_code == 403


def test_it_sends_old_queue_links_to_the_queue_with_their_filters(client, staff_malmo):
    login(client, staff_malmo)
    response = client.get(reverse("staff_home"), {"section": "overdue", "city": "malmo"})
    assert response.status_code == 302
    assert response["Location"] == "/en/staff/initiatives/?section=overdue&city=malmo"
    assert client.get(response["Location"]).status_code == 200


def test_it_links_the_queue_to_the_reviews_assigned_to_me(waiting, client, staff_malmo):
    login(client, staff_malmo)
    page = client.get(
        reverse("initiatives:staff_queue"), {"section": "in_review", "reviewer": "me"}
    ).content.decode()
    assert "Granskas Malmö" in page
    assert "Showing the reviews assigned to you." in page


@pytest.mark.parametrize(
    ("who", "lands_on"),
    [("staff", "/en/staff/"), ("admin", "/en/staff/"), ("person", "/en/my/")],
)
def test_it_lands_staff_on_the_start_page_after_logging_in(client, staff_malmo, who, lands_on):
    emails = {
        "staff": staff_malmo.email,
        "admin": make_user("ada@example.org", is_superuser=True).email,
        "person": make_user("petra@example.org").email,
    }
    response = client.post(reverse("account_login"), {"login": emails[who], "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == lands_on


def test_it_still_follows_next_after_logging_in(client, staff_malmo):
    response = client.post(
        reverse("account_login") + "?next=/en/staff/trainings/",
        {"login": staff_malmo.email, "password": PASSWORD},
    )
    assert response["Location"] == "/en/staff/trainings/"


def test_it_runs_the_same_number_of_queries_whatever_the_datas_size(
    waiting, client, city_malmo, city_stockholm
):
    login(client, make_city_staff("tvastad@example.org", city_malmo, city_stockholm))
    small = count_queries(client, reverse("staff_home"))
    for n in range(3):
        add_programme(city_malmo, city_stockholm, suffix=f" {n}")
    assert count_queries(client, reverse("staff_home")) == small
    # The initiatives' four counts are one query, and the sessions' rows carry their count.
    assert small <= 12, small


def test_it_gives_the_demo_staff_something_to_act_on(demo, client):
    assert client.login(username="staff.malmo@example.org", password=DEMO_PASSWORD)
    counts = attention(client)
    assert counts["Final reports due"] == 1
    assert counts["Groups waiting for approval"] >= 1
    assert counts["New submissions and resubmissions"] >= 1
    page = client.get(reverse("staff_home")).content.decode()
    assert "Rätt till förstahandskontrakt" in page
