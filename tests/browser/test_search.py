"""A visitor types in the header's search box, reads the results, opens one; axe checks the
results page with results and without, in both languages."""

import pytest

from tests.browser.conftest import axe_violations, go
from tests.conftest import make_group

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_header_box_leads_to_results_and_a_result(live_server, page):
    from cities.models import City

    make_group(
        "Läxhjälp på modersmål",
        City.objects.get(slug="malmo"),
        description="Frivilliga ger barn **läxhjälp** på arabiska och somaliska.",
    )
    base = live_server.url

    page.goto(f"{base}/sv/")
    page.get_by_role("search", name="Webbplatsen").get_by_label("Sök på webbplatsen").fill(
        "läxhjälp"
    )
    go(page, page.get_by_role("search", name="Webbplatsen").get_by_role("button", name="Sök"))
    assert page.locator("h1").inner_text() == "Sök"
    assert page.get_by_role("heading", name="Grupper (1)").is_visible()
    assert page.locator(".search-hit mark").first.inner_text().lower() == "läxhjälp"
    assert axe_violations(page) == []

    go(page, page.get_by_role("link", name="Läxhjälp på modersmål"))
    assert page.locator("h1").inner_text() == "Läxhjälp på modersmål"


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_results_page_passes_axe_with_and_without_results(live_server, page, language):
    from cities.models import City

    make_group("Rosengårds röster", City.objects.get(slug="malmo"))
    base = live_server.url

    page.goto(f"{base}/{language}/search/?q=Rosengårds")
    assert page.locator(".search-hit").count() == 1
    assert axe_violations(page) == []

    page.goto(f"{base}/{language}/search/?q=ingenting-alls-zzz")
    assert page.locator(".search-hit").count() == 0
    assert axe_violations(page) == []

    page.goto(f"{base}/{language}/search/?q=%21%21")
    assert axe_violations(page) == []
