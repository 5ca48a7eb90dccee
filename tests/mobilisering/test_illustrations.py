"""The portal's own pictures: the home page's and each hub's drawing, and the demo groups' logos."""

import pytest

from cities.models import City, LocalGroup

pytestmark = pytest.mark.django_db


def test_the_home_page_shows_its_drawing_and_each_hubs(client):
    html = client.get("/sv/").content.decode()
    assert 'src="/static/img/illustrations/home.svg"' in html
    for slug in ["goteborg", "stockholm", "linkoping", "malmo"]:
        assert f'src="/static/img/illustrations/{slug}.svg"' in html


def test_a_hub_page_shows_its_drawing(client):
    html = client.get("/sv/cities/malmo/").content.decode()
    assert (
        '<img class="illustration hub-illustration" src="/static/img/illustrations/malmo.svg"'
        in html
    )


def test_a_hub_without_a_drawing_shows_no_broken_picture(client):
    City.objects.create(slug="umea", name="Umeå", mission_name="Umeå Stadsmission")
    assert "illustrations/umea.svg" not in client.get("/sv/cities/umea/").content.decode()
    assert "illustrations/umea.svg" not in client.get("/sv/").content.decode()


def test_every_demo_group_has_a_logo_on_its_page(client, demo):
    assert not LocalGroup.objects.filter(logo="").exists()
    group = LocalGroup.objects.get(slug="rosengards-roster")
    html = client.get(group.get_absolute_url()).content.decode()
    assert group.logo_renditions[0]["name"].rsplit("-", 1)[0] in html
