"""Media in production: public pictures served from the storage with DEBUG off, nothing else."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.cities.conftest import group_form_data, image_bytes
from tests.conftest import make_group, make_user
from tests.mobilisering.test_settings import run_settings

pytestmark = pytest.mark.django_db


@pytest.fixture
def logo_group(client, city_malmo):
    """An approved, public group with a 600×300 PNG logo its admin uploaded."""
    alma = make_user("alma@example.org")
    group = make_group("Rosengårds röster", city_malmo, admins=[alma])
    client.force_login(alma)
    data = group_form_data(group.city, name=group.name)
    del data["city"]
    logo = SimpleUploadedFile("logo.png", image_bytes("PNG", size=(600, 300)))
    client.post(f"/en/groups/{group.slug}/edit/", {**data, "logo": logo})
    client.logout()
    group.refresh_from_db()
    return group


def test_it_serves_a_logo_and_its_renditions_with_debug_off(client, logo_group, settings):
    assert settings.DEBUG is False
    for name in [logo_group.logo.name] + [r["name"] for r in logo_group.logo_renditions]:
        response = client.get(f"/media/{name}")
        assert response.status_code == 200, name
        with default_storage.open(name) as stored:
            assert b"".join(response.streaming_content) == stored.read()
        assert response["Content-Type"] == f"image/{name.rsplit('.', 1)[1]}"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Cache-Control"] == "public, max-age=31536000, immutable"
    assert client.head(f"/media/{logo_group.logo.name}").status_code == 200


def test_the_logo_url_on_the_page_is_the_one_served(client, logo_group):
    page = client.get(logo_group.get_absolute_url()).content.decode()
    assert f'src="/media/{logo_group.logo_renditions[-2]["name"]}"' in page
    assert logo_group.logo_renditions[-2]["name"].endswith("-600w.png")


@pytest.mark.parametrize(
    "path",
    [
        "/media/groups/logos/../../initiatives/1/budget.pdf",
        "/media/groups/logos/..%2F..%2Finitiatives%2F1%2Fbudget.pdf",
        "/media/groups/logos/%2e%2e/%2e%2e/initiatives/1/budget.pdf",
        "/media//etc/passwd",
        "/media/groups/logos/./page.png",
        "/media/initiatives/1/budget.pdf",
        "/media/initiatives/1/photo.png",
        "/media/groups/logos/page.html",
        "/media/groups/logos/missing.png",
    ],
)
def test_it_serves_nothing_outside_the_public_picture_folders(client, path):
    default_storage.save("initiatives/1/budget.pdf", ContentFile(b"%PDF-1.7 private"))
    default_storage.save("initiatives/1/photo.png", ContentFile(image_bytes("PNG")))
    default_storage.save("groups/logos/page.html", ContentFile(b"<script>alert(1)</script>"))
    response = client.get(path)
    assert response.status_code == 404
    assert b"private" not in b"".join(getattr(response, "streaming_content", [response.content]))


def test_it_serves_from_whatever_storage_is_configured(client, settings):
    """The view reads through the storage API, so S3 (or any storage) serves the same way."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    name = default_storage.save(
        "groups/logos/0123456789abcdef0123456789abcdef.png", ContentFile(b"x")
    )
    response = client.get(f"/media/{name}")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"x"


def test_every_response_carries_a_permissions_policy(client):
    for url in ["/sv/", "/en/groups/", "/healthz", "/sv/no-such-page/"]:
        policy = client.get(url)["Permissions-Policy"]
        for feature in ["camera", "microphone", "geolocation", "payment", "usb"]:
            assert f"{feature}=()" in policy
        assert "browsing-topics=()" in policy


SETTINGS_CODE = (
    "from django.core.files.storage import storages; d = storages['default']; "
    "print(type(d).__name__, d.bucket_name, d.endpoint_url, d.file_overwrite, "
    "d.url('groups/logos/a.png'))"
)


def test_the_settings_choose_s3_storage_when_configured():
    env = {
        "DEBUG": "false",
        "SECRET_KEY": "x" * 60,
        "STORAGE_BACKEND": "s3",
        "AWS_STORAGE_BUCKET_NAME": "mobilisering-media",
        "AWS_S3_ENDPOINT_URL": "https://objects.example.org",
        "AWS_ACCESS_KEY_ID": "test",
        "AWS_SECRET_ACCESS_KEY": "test",
    }
    result = run_settings(env, SETTINGS_CODE)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "MediaS3Storage",
        "mobilisering-media",
        "https://objects.example.org",
        "False",
        "/media/groups/logos/a.png",
    ]


def test_s3_storage_without_a_bucket_stops_with_a_clear_message():
    result = run_settings({"DEBUG": "true", "STORAGE_BACKEND": "s3"})
    assert result.returncode != 0
    assert "STORAGE_BACKEND=s3 needs AWS_STORAGE_BUCKET_NAME" in result.stderr


def test_the_default_storage_is_the_local_disk():
    code = (
        "from django.core.files.storage import storages; print(type(storages['default']).__name__)"
    )
    result = run_settings({"DEBUG": "true"}, code)
    assert result.stdout.strip() == "FileSystemStorage"


def test_hsts_is_not_preloaded_unless_asked():
    code = (
        "from django.conf import settings as s; print(s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_PRELOAD)"
    )
    production = {"DEBUG": "false", "SECRET_KEY": "x" * 60}
    assert run_settings(production, code).stdout.split() == ["31536000", "False"]
    preload = run_settings({**production, "HSTS_PRELOAD": "true"}, code)
    assert preload.stdout.split() == ["31536000", "True"]
