"""The staff start page and the statistics in a real browser: staff land on the start page
after logging in, follow it to the statistics, choose a year; axe checks in both languages."""

import pytest

from tests.browser.conftest import axe_violations, go, log_in
from tests.mobilisering.conftest import add_programme

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def programme(city_malmo, city_stockholm, staff_malmo):
    add_programme(city_malmo, city_stockholm)


def test_staff_land_on_what_needs_attention_and_read_the_statistics(live_server, page, programme):
    base = live_server.url
    log_in(page, base, "mona.staff@example.org")
    assert page.url == f"{base}/sv/staff/"
    assert page.locator("h1").inner_text() == "Det här behöver göras"
    assert "Grupper som väntar på godkännande" in page.locator("main").inner_text()
    assert axe_violations(page) == []

    go(page, page.get_by_role("link", name="Statistik", exact=True))
    assert page.locator("h1").inner_text().startswith("Statistik")
    chart = page.locator("#support-by-city svg[role=img]")
    assert chart.get_attribute("aria-labelledby") == "chart-support-by-city-title"
    assert "Malmö 2025: 15\xa0000 kr" in chart.locator("desc").text_content()
    assert "15\xa0000" in page.locator("#support-by-city table").inner_text()
    assert axe_violations(page) == []

    page.get_by_label("År", exact=True).select_option("2025")
    go(page, page.get_by_role("button", name="Visa"))
    assert "Malmö, 2025" in page.locator("h1").inner_text()
    assert "8\xa0000" not in page.locator("#support-by-city table").inner_text()
    assert axe_violations(page) == []

    # The same pages in English.
    page.goto(f"{base}/en/staff/")
    assert page.locator("h1").inner_text() == "What needs attention"
    assert axe_violations(page) == []
    page.goto(f"{base}/en/staff/stats/?year=2026")
    assert "Malmö, 2026" in page.locator("h1").inner_text()
    assert axe_violations(page) == []
