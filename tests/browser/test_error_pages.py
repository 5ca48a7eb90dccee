"""The site's own pages for a refused form (CSRF) and an oversized request, in a real browser:
readable, in Swedish, without accessibility violations."""

import pytest

from tests.browser.conftest import axe_violations, go

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_form_sent_without_its_cookie_gets_the_explaining_page(live_server, page):
    page.goto(f"{live_server.url}/sv/accounts/login/")
    page.context.clear_cookies()  # as when cookies are blocked or the session ran out
    page.get_by_label("E-post").fill("petra@example.org")
    page.get_by_label("Lösenord").fill("ett-långt-lösenord")
    go(page, page.get_by_role("button", name="Logga in"))
    assert page.get_by_role("heading", level=1).inner_text() == "Formuläret kunde inte skickas"
    assert page.title().startswith("Formuläret kunde inte skickas")
    assert axe_violations(page) == []


def test_a_request_with_too_many_fields_gets_the_sites_own_page(live_server, page):
    query = "&".join(f"a{n}=1" for n in range(1100))
    response = page.goto(f"{live_server.url}/sv/groups/?{query}")
    assert response.status == 400
    assert page.get_by_role("heading", level=1).inner_text() == "Begäran kunde inte hanteras"
    assert axe_violations(page) == []
