"""The hubs, /my/ and the demo data."""

import io

import pytest
from django.apps import apps
from django.core.management import call_command

from cities.models import City, GroupInvitation, LocalGroup, RightsTheme
from tests.conftest import make_group, recreate_hubs_and_themes

pytestmark = pytest.mark.django_db


def test_the_hub_shows_its_groups_themes_with_counts_and_contact(
    client, city_malmo, city_stockholm
):
    """Malmö's hub lists Malmö's approved groups, their themes counted, and the contact."""
    make_group("Bostadsgruppen", city_malmo, themes=["housing", "health"])
    make_group("Hälsogruppen", city_malmo, themes=["health"])
    make_group("Väntande", city_malmo, status="pending", themes=["housing"])
    make_group("Stockholmsgruppen", city_stockholm, themes=["housing"])
    response = client.get("/en/cities/malmo/")
    html = response.content.decode()
    assert "Bostadsgruppen" in html and "Hälsogruppen" in html
    assert "Väntande" not in html and "Stockholmsgruppen" not in html
    themes = {theme.slug: theme.group_count for theme in response.context["themes"]}
    assert themes == {"health": 2, "housing": 1}
    assert "2 groups" in html
    assert city_malmo.contact_email in html
    assert "/en/groups/?city=malmo&amp;theme=health" in html


def test_the_city_list_counts_approved_groups(client, city_malmo):
    make_group("En", city_malmo)
    make_group("Två", city_malmo, status="pending")
    response = client.get("/sv/cities/")
    counts = {city.slug: city.group_count for city in response.context["cities"]}
    assert counts["malmo"] == 1
    assert "1 grupp" in response.content.decode()


def test_my_page_lists_groups_with_role_and_status_and_waiting_invitations(
    client, group, alma, city_malmo
):
    make_group("Ny grupp", city_malmo, status="pending", admins=[alma])
    other = make_group("Tredje gruppen", city_malmo)
    invitation = GroupInvitation.objects.create(group=other, email="ALMA@example.org")
    client.force_login(alma)
    html = client.get("/en/my/").content.decode()
    assert "Rosengårds röster" in html and "Ny grupp" in html
    assert "Administrator" in html and "Pending approval" in html
    assert f"/en/groups/invitations/{invitation.token}/" in html


def test_the_demo_has_six_groups_per_city_and_an_admin_in_malmo(demo):
    """seed_demo twice: six or more groups per city, some pending, group@ admin in Malmö."""
    call_command("seed_demo", stdout=io.StringIO())
    for slug in ["goteborg", "stockholm", "linkoping", "malmo"]:
        assert LocalGroup.objects.filter(city__slug=slug).count() >= 6
        assert LocalGroup.objects.filter(city__slug=slug, status="pending").exists()
    assert LocalGroup.objects.filter(
        city__slug="malmo",
        status="approved",
        memberships__user__email="group@example.org",
        memberships__role="admin",
    ).exists()
    assert GroupInvitation.objects.filter(accepted_at=None).count() == 2


def test_hubs_recreated_after_a_flush_carry_the_names_the_migrations_leave(client):
    """A transactional test empties every table; the hubs the next test sees must read as a fresh
    database's do, Skånes Stadsmission included, whatever order the tests run in."""
    City.objects.all().delete()
    RightsTheme.objects.all().delete()
    recreate_hubs_and_themes(apps)
    assert City.objects.get(slug="malmo").mission_name == "Skånes Stadsmission"
    assert "Skånes Stadsmission" in client.get("/sv/").content.decode()
