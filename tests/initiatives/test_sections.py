"""The initiatives' parts of other pages: hub, group profile, /my/, home."""

import pytest
from django.urls import reverse

from initiatives.models import Status
from tests.conftest import login
from tests.initiatives.conftest import make_initiative

S = Status
pytestmark = pytest.mark.django_db


@pytest.fixture
def mixed(group, member, staff_malmo):
    """One public (active) and one private (in review) initiative of the group."""
    return (
        make_initiative(group, member=member, staff=staff_malmo, status=S.ACTIVE, title="Öppet"),
        make_initiative(group, member=member, staff=staff_malmo, status=S.IN_REVIEW, title="Dolt"),
    )


def test_it_lists_only_public_initiatives_on_the_hub_and_profile(client, group, mixed):
    """The Malmö hub and the group's profile show the active one, never the one in review."""
    for url in [reverse("cities:detail", args=["malmo"]), group.get_absolute_url()]:
        page = client.get(url).text
        assert "Öppet" in page, url
        assert "Dolt" not in page, url
    assert "Öppet" not in client.get(reverse("cities:detail", args=["stockholm"])).text


def test_it_lists_the_groups_initiatives_with_the_next_step_on_my_page(
    client, group, member, mixed, other_member
):
    """/my/ shows both, each with its status and what the group should do next; another
    group's member sees neither."""
    login(client, member)
    page = client.get(reverse("my")).text
    assert "Öppet" in page and "Dolt" in page
    assert "Stadsmissionen granskar förslaget." in page
    assert "Skriv lägesrapporter" in page
    assert reverse("initiatives:create") in page
    login(client, other_member)
    page = client.get(reverse("my")).text
    assert "Dolt" not in page and "Öppet" not in page


def test_it_invites_members_to_propose_from_the_group_profile(client, group, member, person):
    """Members see "Propose an initiative" on their group's profile; others do not."""
    login(client, member)
    assert reverse("initiatives:create") in client.get(group.get_absolute_url()).text
    login(client, person)
    assert reverse("initiatives:create") not in client.get(group.get_absolute_url()).text


def test_it_shows_the_latest_public_initiatives_on_the_home_page(client, mixed):
    """The home page lists public initiatives only."""
    page = client.get(reverse("home")).text
    assert "Öppet" in page and "Dolt" not in page
