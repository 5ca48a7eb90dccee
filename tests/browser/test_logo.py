"""A group admin uploads a logo: the browser shows it, from a WebP rendition the portal serves
itself with DEBUG off, on the group page and in the directory, with no axe violations."""

import io

import pytest
from PIL import Image, ImageDraw

from tests.browser.conftest import axe_violations, go, log_in
from tests.conftest import make_group, make_user

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def drawn_logo() -> bytes:
    image = Image.new("RGB", (1200, 600), (250, 240, 230))
    ImageDraw.Draw(image).ellipse([300, 100, 900, 500], fill=(122, 31, 72))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG")
    return buffer.getvalue()


def shown_logo(page, selector: str) -> dict:
    logo = page.locator(selector).first
    logo.scroll_into_view_if_needed()
    page.wait_for_function(
        "el => el.complete && el.naturalWidth > 0", arg=logo.element_handle(), timeout=10_000
    )
    return logo.evaluate("el => ({src: el.currentSrc, width: el.naturalWidth})")


def test_an_uploaded_logo_shows_on_the_group_page_and_in_the_directory(live_server, page):
    from cities.models import City

    alma = make_user("alma@example.org", first_name="Alma")
    make_group("Rosengårds röster", City.objects.get(slug="malmo"), admins=[alma])
    base = live_server.url

    log_in(page, base, "alma@example.org")
    page.goto(f"{base}/sv/groups/rosengards-roster/edit/")
    page.get_by_label("Logotyp").set_input_files(
        files=[{"name": "logga.jpg", "mimeType": "image/jpeg", "buffer": drawn_logo()}]
    )
    go(page, page.get_by_role("button", name="Spara"))
    assert page.locator("h1").inner_text() == "Rosengårds röster"

    page.context.clear_cookies()
    for path, selector in [
        ("/sv/groups/rosengards-roster/", ".group-header__logo"),
        ("/sv/groups/", ".group-card__logo"),
        ("/en/groups/rosengards-roster/", ".group-header__logo"),
    ]:
        page.goto(f"{base}{path}")
        logo = shown_logo(page, selector)
        assert "/media/groups/logos/" in logo["src"]
        assert logo["src"].endswith("w.webp")  # a rendition, in WebP
        assert axe_violations(page) == []
