"""What travels over the wire: HTML compressed for clients that accept it, static files
compressed, fingerprinted and kept by browsers for a year."""

import gzip
import re

import pytest
from django.core.management import call_command
from django.templatetags.static import static
from django.test import override_settings
from whitenoise.middleware import WhiteNoiseMiddleware

pytestmark = pytest.mark.django_db


def test_a_page_comes_compressed_when_the_browser_accepts_it(client):
    plain = client.get("/sv/")
    packed = client.get("/sv/", headers={"accept-encoding": "gzip, br"})
    assert "Content-Encoding" not in plain
    assert packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"]
    html = gzip.decompress(packed.content).decode()
    assert "Lokal social mobilisering" in html
    assert len(packed.content) < len(plain.content) / 3


def test_static_files_are_fingerprinted_compressed_and_kept_a_year(tmp_path, settings, rf):
    """As `collectstatic` leaves them in production (the project's own files only, for speed)."""
    root = tmp_path / "static"
    storages = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    with override_settings(
        STATIC_ROOT=root,
        STORAGES=storages,
        WHITENOISE_USE_FINDERS=False,
        STATICFILES_FINDERS=["django.contrib.staticfiles.finders.FileSystemFinder"],
    ):
        call_command("collectstatic", "--noinput", verbosity=0)
        url = static("css/vendor/bootstrap.css")
        assert re.fullmatch(r"/static/css/vendor/bootstrap\.[0-9a-f]{12}\.css", url)
        stored = root / url.removeprefix("/static/")
        assert stored.with_suffix(".css.gz").exists() and stored.with_suffix(".css.br").exists()

        serve = WhiteNoiseMiddleware(lambda request: None)
        response = serve(rf.get(url, headers={"accept-encoding": "br, gzip"}))
    assert response["Content-Encoding"] == "br"
    assert "immutable" in response["Cache-Control"]
    max_age = int(re.search(r"max-age=(\d+)", response["Cache-Control"])[1])
    assert max_age >= 365 * 24 * 3600
