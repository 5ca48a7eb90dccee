"""An editor turns a completed initiative into a story, gives it a picture, publishes it and
puts it in a new edition of the handbook; a visitor finds it among the stories and in the
handbook. Axe checks the stories list, a story, the handbook's contents, a chapter and the
editor's pages, in Swedish and in English."""

import io
import re

import pytest
from PIL import Image

from tests.browser.conftest import axe_violations, go, log_in
from tests.conftest import make_city_staff, make_group, make_user

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _setup():
    from cities.models import City, RightsTheme
    from initiatives.models import Status
    from tests.handbook.conftest import make_editor
    from tests.initiatives.conftest import make_initiative

    malmo = City.objects.get(slug="malmo")
    staff = make_city_staff("mona.staff@example.org", malmo)
    maja = make_user("maja@example.org", first_name="Maja")
    group = make_group("Tillgängligt Malmö", malmo, admins=[maja])
    make_initiative(
        group, member=maja, staff=staff, status=Status.COMPLETED, title="Tillgänglighetskartan",
        summary="Vi granskade 120 mötesplatser i Malmö.",
        themes=list(RightsTheme.objects.filter(slug="disability")),
    )  # fmt: skip
    make_editor("elin.editor@example.org")


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (800, 500), "#7a1f48").save(buffer, format="PNG")
    return buffer.getvalue()


def test_an_editor_publishes_a_story_a_visitor_finds(live_server, page):
    _setup()
    base = live_server.url
    log_in(page, base, "elin.editor@example.org")

    # The workspace offers the completed initiative; one action starts a prefilled story.
    page.goto(f"{base}/sv/staff/stories/")
    assert page.locator("h1").inner_text() == "Berättelser"
    assert axe_violations(page) == []
    go(page, page.get_by_role("button", name=re.compile("Påbörja en berättelse")))
    assert page.locator("#id_title_sv").input_value() == "Tillgänglighetskartan"
    assert "Vilken rättighet som inte respekteras" in page.locator("#id_body_sv").input_value()
    assert axe_violations(page) == []
    page.locator("#id_title_en").fill("The accessibility map")
    page.locator("#id_summary_en").fill("We reviewed 120 meeting places in Malmö.")
    go(page, page.get_by_role("button", name="Spara berättelsen"))

    # A picture, with alt text in both languages.
    page.locator("#id_picture").set_input_files(
        {"name": "karta.png", "mimeType": "image/png", "buffer": _png()}
    )
    page.locator("#id_alt_sv").fill("En karta med gröna och röda nålar")
    page.locator("#id_alt_en").fill("A map with green and red pins")
    go(page, page.get_by_role("button", name="Lägg till bilden"))
    assert page.get_by_alt_text("En karta med gröna och röda nålar").first.is_visible()

    go(page, page.get_by_role("button", name="Skicka för granskning"))
    go(page, page.get_by_role("button", name="Publicera"))
    assert "publicerad" in page.locator(".alert-success").inner_text()
    story_edit_url = page.url

    # The editor builds an edition with one chapter holding the story, and publishes it.
    page.goto(f"{base}/sv/staff/handbook/")
    assert axe_violations(page) == []
    page.locator("#id_slug").fill("2015")
    page.locator("#id_title_sv").fill("Goda exempel 2015")
    page.locator("#id_title_en").fill("Good examples 2015")
    go(page, page.get_by_role("button", name="Skapa utgåvan"))
    assert axe_violations(page) == []
    page.locator("#id_chapter-title_sv").fill("På lika villkor")
    page.locator("#id_chapter-title_en").fill("On equal terms")
    go(page, page.get_by_role("button", name="Lägg till kapitlet"))
    assert axe_violations(page) == []
    page.get_by_label("Tillgänglighetskartan").fill("1")
    go(page, page.get_by_role("button", name="Spara ordningen"))
    page.goto(f"{base}/sv/staff/handbook/2015/")
    go(page, page.get_by_role("button", name="Publicera utgåvan"))

    # The editor's pages in English too.
    for path in [
        "/en/staff/stories/",
        story_edit_url.replace("/sv/", "/en/"),
        "/en/staff/handbook/2015/",
    ]:
        page.goto(path if path.startswith("http") else f"{base}{path}")
        assert axe_violations(page) == [], path

    # A visitor finds the story among the stories and in the handbook.
    page.context.clear_cookies()
    page.goto(f"{base}/sv/stories/")
    assert axe_violations(page) == []
    go(page, page.get_by_role("link", name="Tillgänglighetskartan"))
    assert page.locator("h1").inner_text() == "Tillgänglighetskartan"
    assert page.get_by_alt_text("En karta med gröna och röda nålar").is_visible()
    assert axe_violations(page) == []
    page.goto(f"{base}/sv/handbook/")
    assert axe_violations(page) == []
    go(page, page.get_by_role("link", name="På lika villkor"))
    assert page.locator("h2", has_text="Tillgänglighetskartan").is_visible()
    assert axe_violations(page) == []

    for path in ["/en/stories/", "/en/handbook/", "/en/handbook/2015/pa-lika-villkor/"]:
        page.goto(f"{base}{path}")
        assert axe_violations(page) == [], path
    go(page, page.get_by_role("link", name="The accessibility map").first)
    assert page.get_by_alt_text("A map with green and red pins").is_visible()
    assert axe_violations(page) == []
