"""The main navigation tells screen readers (and shows everyone) which section a page is in."""

import re

import pytest

from tests.conftest import login, make_city_staff, make_group, make_user

pytestmark = pytest.mark.django_db


def current_links(html: str) -> list[tuple[str, str]]:
    """(label, aria-current value) of the main navigation's marked links."""
    nav = re.search(r'<nav class="main-nav".*?</nav>', html, re.S).group(0)
    return re.findall(r'<a href="[^"]*" aria-current="(\w+)">([^<]*)</a>', nav)


@pytest.mark.parametrize(
    ("path", "label"),
    [
        ("/en/cities/", "Cities"),
        ("/en/groups/", "Groups"),
        ("/en/initiatives/", "Initiatives"),
        ("/en/trainings/", "Trainings"),
        ("/en/stories/", "Stories"),
        ("/en/handbook/", "Handbook"),
    ],
)
def test_it_marks_the_section_page_itself(client, path, label):
    html = client.get(path).content.decode()
    assert current_links(html) == [("page", label)]


def test_it_marks_the_section_of_a_page_inside_it(client, city_malmo):
    group = make_group("Rosengårds röster", city=city_malmo)
    html = client.get(f"/en/groups/{group.slug}/").content.decode()
    assert current_links(html) == [("true", "Groups")]
    html = client.get("/en/cities/malmo/").content.decode()
    assert current_links(html) == [("true", "Cities")]


def test_it_marks_no_section_on_the_home_page_and_the_search(client):
    assert current_links(client.get("/en/").content.decode()) == []
    assert current_links(client.get("/en/search/?q=rights").content.decode()) == []


def test_it_marks_the_staff_section_for_staff(client, city_malmo):
    login(client, make_city_staff("staff@example.org", city_malmo))
    assert current_links(client.get("/en/staff/").content.decode()) == [("page", "Staff")]
    html = client.get("/en/staff/initiatives/").content.decode()
    assert current_links(html) == [("true", "Staff")]


def test_it_marks_nothing_on_a_persons_own_page(client):
    login(client, make_user("nina@example.org"))
    assert current_links(client.get("/en/my/").content.decode()) == []
