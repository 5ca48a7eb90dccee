"""The directory, a hub, a profile and the staff queue run a fixed number of queries."""

import pytest

from cities.models import City
from tests.conftest import count_queries, make_group, make_user

pytestmark = pytest.mark.django_db

THEMES = ["housing", "health", "education", "participation"]


def city_order() -> list[City]:
    """Malmö first, so that even two groups give the Malmö pages something to show."""
    return sorted(City.objects.all(), key=lambda city: city.slug != "malmo")


def make_approved_group(number: int, cities: list[City]) -> None:
    """Approved group `number` ("Grupp 007") in the cities in turn, with two themes, an admin."""
    member = make_user(f"member{number}@example.org")
    make_group(
        f"Grupp {number:03d}",
        cities[number % len(cities)],
        themes=[THEMES[number % 4], THEMES[(number + 1) % 4]],
        admins=[member],
    )


def queries_with_2_then_30_groups(client, path: str) -> tuple[int, int]:
    """The queries of a GET of `path` with two approved groups, and again with thirty."""
    make_groups(2)
    small = count_queries(client, path)
    cities = city_order()
    for number in range(2, 30):
        make_approved_group(number, cities)
    return small, count_queries(client, path)


def make_groups(count: int) -> None:
    """`count` approved groups spread over the cities, each with a pending twin."""
    cities = city_order()
    for number in range(count):
        make_approved_group(number, cities)
        make_group(f"Väntande {number:03d}", cities[number % len(cities)], status="pending")


@pytest.mark.parametrize(
    "path",
    [
        "/sv/groups/",
        "/sv/groups/?city=malmo&theme=housing&q=grupp",
        "/sv/cities/malmo/",
        "/sv/cities/",
        "/sv/groups/grupp-000/",
        "/sv/",
    ],
)
def test_a_public_page_runs_as_many_queries_for_2_groups_as_for_30(client, path):
    """Each public page's query count does not grow with the number of groups."""
    small, large = queries_with_2_then_30_groups(client, path)
    assert small == large, f"{path}: {small} queries with 2 groups, {large} with 30"


def test_the_profile_and_my_page_of_an_admin_stay_fixed(client, city_malmo):
    """Signed in as a member of many groups, the profile and /my/ stay fixed."""
    admin = make_user("ada@example.org")
    make_group("Grupp 000", city_malmo, themes=THEMES, admins=[admin])
    make_group("Grupp 001", city_malmo, themes=THEMES, admins=[admin])
    client.force_login(admin)
    small = [count_queries(client, p) for p in ["/sv/groups/grupp-000/", "/sv/my/"]]
    for number in range(2, 30):
        make_group(f"Grupp {number:03d}", city_malmo, themes=THEMES, admins=[admin])
    large = [count_queries(client, p) for p in ["/sv/groups/grupp-000/", "/sv/my/"]]
    assert small == large


def test_the_staff_queue_stays_fixed(client, staff_malmo, city_malmo):
    for number in range(2):
        make_group(f"Väntande {number:03d}", city_malmo, status="pending", themes=THEMES)
    client.force_login(staff_malmo)
    small = count_queries(client, "/sv/staff/groups/")
    for number in range(2, 30):
        make_group(f"Väntande {number:03d}", city_malmo, status="pending", themes=THEMES)
    assert count_queries(client, "/sv/staff/groups/") == small


@pytest.mark.parametrize(
    "path",
    [
        "/sv/groups/",
        "/sv/groups/?page=5",
        "/sv/groups/?q=grupp&page=5",
        "/sv/groups/grupp-000/",
        "/sv/cities/malmo/",
    ],
)
def test_the_directory_a_profile_and_a_hub_stay_within_12_queries(client, path, monkeypatch):
    """With two groups a page, a deep page (the last one at the small size) and a text filter
    run the same queries at both sizes, never more than 12."""
    monkeypatch.setattr("cities.views.PAGE_SIZE", 2)
    small, large = queries_with_2_then_30_groups(client, path)
    assert small == large <= 12, f"{path}: {small} queries with 2 groups, {large} with 30"


def test_a_deep_directory_page_lists_the_groups_of_that_page(client, monkeypatch):
    """Page 5 of two a page shows the ninth and tenth groups by name."""
    monkeypatch.setattr("cities.views.PAGE_SIZE", 2)
    make_groups(12)
    html = client.get("/sv/groups/", {"page": 5}).content.decode()
    assert "Grupp 008" in html and "Grupp 009" in html
    assert "Grupp 007" not in html and "Grupp 010" not in html
    assert 'aria-current="page">5<' in html


def test_a_profile_runs_as_many_queries_with_one_similar_group_as_with_30(client, city_malmo):
    """The similar groups come in one ranked query and their themes in one more, whether one
    other group shares the profile's themes or thirty do; within 12."""
    make_group("Grupp 000", city_malmo, themes=THEMES[:2])
    make_group("Grupp 001", city_malmo, themes=THEMES[1:3])
    few = count_queries(client, "/sv/groups/grupp-000/")
    for number in range(2, 31):
        make_group(f"Grupp {number:03d}", city_malmo, themes=THEMES[number % 2 : number % 2 + 2])
    html = client.get("/sv/groups/grupp-000/").content.decode()
    assert "Grupp 002" in html
    assert count_queries(client, "/sv/groups/grupp-000/") == few <= 12
