"""The portal's shell in a real browser: both languages, the language switch, the login form."""

import pytest

from tests.browser.conftest import axe_violations, go
from tests.conftest import make_user

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.mark.parametrize(
    ("language", "heading"),
    [
        ("sv", "Lokal social mobilisering – ett mänskligare samhälle"),
        ("en", "Local social mobilisation – a more humane society"),
    ],
)
def test_the_home_page_has_no_accessibility_violations(live_server, page, language, heading):
    page.goto(f"{live_server.url}/{language}/")
    assert page.locator("h1").inner_text() == heading
    assert page.locator("html").get_attribute("lang") == language
    assert axe_violations(page) == []


def test_the_language_switch_and_skip_link_work(live_server, page):
    page.goto(f"{live_server.url}/sv/privacy/")
    go(page, page.get_by_role("link", name="English"))
    assert page.url == f"{live_server.url}/en/privacy/"
    assert page.locator("h1").inner_text() == "Privacy notice"
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    assert skip.evaluate("el => el === document.activeElement")
    assert skip.is_visible()


def test_a_wrong_password_shows_the_error_summary_without_violations(live_server, page):
    make_user("maria@example.org")
    page.goto(f"{live_server.url}/sv/accounts/login/")
    page.get_by_label("E-post").fill("maria@example.org")
    page.get_by_label("Lösenord").fill("fel-lösenord")
    go(page, page.get_by_role("button", name="Logga in"))
    summary = page.locator("#error-summary")
    assert summary.is_visible()
    assert page.title().startswith("Fel: ")
    assert page.get_by_label("E-post").input_value() == "maria@example.org"
    assert axe_violations(page) == []


def test_a_person_logs_in_and_reaches_their_page(live_server, page):
    make_user("maria@example.org", password="ett-riktigt-bra-losenord")
    page.goto(f"{live_server.url}/en/accounts/login/")
    page.get_by_label("Email").fill("maria@example.org")
    page.get_by_label("Password").fill("ett-riktigt-bra-losenord")
    go(page, page.get_by_role("button", name="Log in"))
    assert page.locator("h1").inner_text() == "My page"
    assert "maria@example.org" in page.locator("main").inner_text()
