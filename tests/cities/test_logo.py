"""Logo uploads through the group form: checked by content, limited, and stripped of EXIF."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from cities.models import LocalGroup
from tests.cities.conftest import group_form_data, image_bytes

pytestmark = pytest.mark.django_db


def register_with_logo(client, person, city, logo):
    client.force_login(person)
    return client.post("/en/groups/new/", {**group_form_data(city), "logo": logo})


def test_it_accepts_a_png_and_strips_its_exif(client, person, city_malmo):
    """A JPEG with a GPS position in its EXIF is stored without it."""
    exif = Image.Exif()
    exif[0x8825] = {2: (59.0, 19.0, 48.0)}  # GPSInfo
    exif[0x010F] = "Kamera AB"
    upload = SimpleUploadedFile("logo.jpg", image_bytes("JPEG", exif=exif.tobytes()))
    response = register_with_logo(client, person, city_malmo, upload)
    assert response.status_code == 302
    group = LocalGroup.objects.get()
    with Image.open(group.logo.path) as stored:
        assert stored.format == "JPEG"
        assert dict(stored.getexif()) == {}


def test_it_refuses_a_text_file_renamed_to_png(client, person, city_malmo):
    upload = SimpleUploadedFile("logo.png", b"#!/bin/sh\necho not an image\n", "image/png")
    response = register_with_logo(client, person, city_malmo, upload)
    html = response.content.decode()
    assert response.status_code == 200
    assert "not an image we can read" in html
    assert not LocalGroup.objects.exists()


def test_it_refuses_a_file_over_five_megabytes(client, person, city_malmo):
    big = image_bytes("PNG") + b"\0" * (5 * 1024 * 1024)
    response = register_with_logo(client, person, city_malmo, SimpleUploadedFile("big.png", big))
    assert "the largest allowed is 5.0" in response.content.decode()
    assert not LocalGroup.objects.exists()


def test_it_refuses_an_image_larger_than_4000_pixels(client, person, city_malmo):
    wide = SimpleUploadedFile("wide.png", image_bytes("PNG", size=(4001, 10)))
    response = register_with_logo(client, person, city_malmo, wide)
    assert "at most 4000×4000 fits" in response.content.decode()
    assert not LocalGroup.objects.exists()


def test_it_refuses_a_decompression_bomb(client, person, city_malmo):
    """A small file that claims 30000×30000 pixels is refused before it is decoded."""
    buffer = io.BytesIO()
    Image.new("1", (30000, 30000)).save(buffer, format="PNG", optimize=True)
    assert buffer.tell() < 1024 * 1024
    bomb = SimpleUploadedFile("bomb.png", buffer.getvalue())
    response = register_with_logo(client, person, city_malmo, bomb)
    assert response.status_code == 200
    assert "at most 4000×4000" in response.content.decode()
    assert not LocalGroup.objects.exists()


def test_it_refuses_a_gif(client, person, city_malmo):
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20)).save(buffer, format="GIF")
    response = register_with_logo(
        client, person, city_malmo, SimpleUploadedFile("logo.gif", buffer.getvalue())
    )
    assert "Upload a JPEG, PNG or WebP image." in response.content.decode()


def test_an_admin_replaces_and_clears_the_logo(client, alma, group):
    client.force_login(alma)
    data = group_form_data(group.city, name=group.name)
    del data["city"]
    client.post(
        "/en/groups/rosengards-roster/edit/",
        {**data, "logo": SimpleUploadedFile("l.webp", image_bytes("WEBP"))},
    )
    group.refresh_from_db()
    assert group.logo.name.endswith(".webp")
    assert group.logo.url in client.get("/en/groups/rosengards-roster/").content.decode()
    client.post("/en/groups/rosengards-roster/edit/", {**data, "logo-clear": "on"})
    group.refresh_from_db()
    assert not group.logo
