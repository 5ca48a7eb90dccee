"""Helpers for the cities tests: people in their group roles, images."""

import io

import pytest
from PIL import Image

from tests.conftest import make_group, make_user


@pytest.fixture
def alma(db):
    """Alma: administrator of Rosengårds röster."""
    return make_user("alma@example.org", first_name="Alma")


@pytest.fixture
def mira(db):
    """Mira: an ordinary member of Rosengårds röster."""
    return make_user("mira@example.org", first_name="Mira")


@pytest.fixture
def group(city_malmo, alma, mira):
    """An approved Malmö group with Alma as admin and Mira as member."""
    return make_group(
        "Rosengårds röster",
        city_malmo,
        admins=[alma],
        members=[mira],
        themes=["participation", "discrimination-racism"],
    )


def image_bytes(fmt: str = "PNG", size=(60, 40), exif: bytes | None = None) -> bytes:
    buffer = io.BytesIO()
    image = Image.new("RGB", size, (122, 31, 72))
    options = {"exif": exif} if exif else {}
    image.save(buffer, format=fmt, **options)
    return buffer.getvalue()


def group_form_data(city, **overrides) -> dict:
    """A complete, valid registration form."""
    data = {
        "name": "Grannar för rättvisa",
        "city": city.pk,
        "kind": "association",
        "description": "Vi är grannar som driver frågor om **bostäder** och trygghet.",
        "themes": [],
        "rights_gaps": "Hyresvärdar nekar familjer med försörjningsstöd.",
        "website": "https://grannar.example.org",
        "contact_email": "kontakt@grannar.example.org",
        "open_to_cooperation": "on",
        "founded_year": "2014",
    }
    data.update(overrides)
    return data
