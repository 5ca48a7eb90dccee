"""Logo uploads through the group form: checked by content, limited, and stripped of EXIF."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from cities.models import LocalGroup
from tests.cities.conftest import group_form_data, image_bytes
from tests.conftest import make_group

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


def test_it_refuses_a_file_over_ten_megabytes(client, person, city_malmo):
    big = image_bytes("PNG") + b"\0" * (10 * 1024 * 1024)
    response = register_with_logo(client, person, city_malmo, SimpleUploadedFile("big.png", big))
    assert "the largest allowed is 10.0" in response.content.decode()
    assert not LocalGroup.objects.exists()


def test_it_refuses_a_png_too_large_to_decode_within_the_memory_budget(client, person, city_malmo):
    """5000×4000 pixels as PNG (small on disk, 80 MB decoded) is refused with a clear message."""
    buffer = io.BytesIO()
    Image.new("1", (5000, 4000)).save(buffer, format="PNG")
    wide = SimpleUploadedFile("wide.png", buffer.getvalue())
    response = register_with_logo(client, person, city_malmo, wide)
    assert "5000×4000 pixels; a PNG or WebP image may have at most 16 million" in (
        response.content.decode()
    )
    assert not LocalGroup.objects.exists()


def test_it_refuses_a_decompression_bomb(client, person, city_malmo):
    """A small file that claims 10000×10000 pixels is refused before it is decoded."""
    buffer = io.BytesIO()
    Image.new("1", (10000, 10000)).save(buffer, format="PNG", optimize=True)
    assert buffer.tell() < 1024 * 1024
    bomb = SimpleUploadedFile("bomb.png", buffer.getvalue())
    response = register_with_logo(client, person, city_malmo, bomb)
    assert response.status_code == 200
    assert "at most 40 million pixels" in response.content.decode()
    assert not LocalGroup.objects.exists()


def test_it_refuses_a_gif(client, person, city_malmo):
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20)).save(buffer, format="GIF")
    response = register_with_logo(
        client, person, city_malmo, SimpleUploadedFile("logo.gif", buffer.getvalue())
    )
    assert "Upload a JPEG, PNG or WebP image." in response.content.decode()


def edit_logo(client, group, **fields):
    data = group_form_data(group.city, name=group.name)
    del data["city"]
    return client.post(f"/en/groups/{group.slug}/edit/", {**data, **fields})


def stored_files(settings) -> set[str]:
    root = settings.MEDIA_ROOT
    return {str(path.relative_to(root)) for path in root.rglob("*") if path.is_file()}


def test_it_stores_the_logo_under_its_contents_name_with_renditions(
    client, person, city_malmo, settings
):
    upload = SimpleUploadedFile("../Min logga (1).png", image_bytes("PNG", size=(1200, 600)))
    register_with_logo(client, person, city_malmo, upload)
    group = LocalGroup.objects.get()
    assert re.fullmatch(r"groups/logos/[0-9a-f]{32}\.png", group.logo.name)
    assert (group.logo_width, group.logo_height) == (1200, 600)
    assert sorted((r["width"], r["format"]) for r in group.logo_renditions) == [
        (480, "png"),
        (480, "webp"),
        (960, "png"),
        (960, "webp"),
        (1200, "png"),
        (1200, "webp"),
    ]
    assert stored_files(settings) == {group.logo.name} | {r["name"] for r in group.logo_renditions}


def test_the_group_page_and_directory_serve_the_logo_in_responsive_sizes(client, alma, group):
    client.force_login(alma)
    edit_logo(client, group, logo=SimpleUploadedFile("l.jpg", image_bytes("JPEG", (800, 400))))
    group.refresh_from_db()
    for url in ["/en/groups/rosengards-roster/", "/en/groups/"]:
        html = client.get(url).content.decode()
        assert '<source type="image/webp" srcset="' in html
        assert f"{group.logo_renditions[0]['name']} 480w" in html
        assert 'width="800" height="400"' in html
    page = client.get("/en/groups/rosengards-roster/").content.decode()
    assert 'alt="Logo of Rosengårds röster"' in page


def test_an_admin_replaces_and_clears_the_logo_and_the_old_files_go(
    client, alma, group, settings, django_capture_on_commit_callbacks
):
    client.force_login(alma)
    with django_capture_on_commit_callbacks(execute=True):
        edit_logo(client, group, logo=SimpleUploadedFile("l.webp", image_bytes("WEBP")))
    group.refresh_from_db()
    first = {group.logo.name} | {r["name"] for r in group.logo_renditions}
    assert group.logo.name.endswith(".webp")
    assert stored_files(settings) == first

    with django_capture_on_commit_callbacks(execute=True):
        edit_logo(client, group, logo=SimpleUploadedFile("l.png", image_bytes("PNG", (70, 50))))
    group.refresh_from_db()
    second = {group.logo.name} | {r["name"] for r in group.logo_renditions}
    assert group.logo.name.endswith(".png")
    assert stored_files(settings) == second

    with django_capture_on_commit_callbacks(execute=True):
        edit_logo(client, group, **{"logo-clear": "on"})
    group.refresh_from_db()
    assert not group.logo
    assert group.logo_renditions == []
    assert stored_files(settings) == set()
    assert "<picture" not in client.get("/en/groups/rosengards-roster/").content.decode()


def test_a_refused_edit_keeps_the_old_logo_and_stores_nothing_new(
    client, alma, group, city_malmo, settings, django_capture_on_commit_callbacks
):
    """A name already taken refuses the edit: the new logo's files are removed, the old stays."""
    make_group("Grannar för rättvisa", city_malmo)
    client.force_login(alma)
    with django_capture_on_commit_callbacks(execute=True):
        edit_logo(client, group, logo=SimpleUploadedFile("l.png", image_bytes("PNG")))
    group.refresh_from_db()
    before = stored_files(settings)
    data = group_form_data(group.city, name="Grannar för rättvisa")
    del data["city"]
    logo = SimpleUploadedFile("new.png", image_bytes("PNG", (90, 90)))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/en/groups/{group.slug}/edit/", {**data, "logo": logo})
    assert response.status_code == 200
    assert stored_files(settings) == before
