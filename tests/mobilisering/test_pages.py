import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db


def test_it_redirects_the_root_to_swedish_by_default(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/sv/"


def test_it_redirects_the_root_to_the_browsers_language(client):
    response = client.get("/", headers={"accept-language": "en-GB,en;q=0.9"})
    assert response["Location"] == "/en/"


def test_it_shows_the_home_page_in_swedish(client):
    response = client.get("/sv/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="sv">' in html
    assert "Lokal social mobilisering" in html
    for hub in ["Göteborg", "Stockholm", "Linköping", "Malmö", "Skånes Stadsmission"]:
        assert hub in html


def test_it_shows_the_home_page_in_english(client):
    response = client.get("/en/")
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Local social mobilisation" in html
    assert "Gothenburg" in html


def test_the_language_switch_keeps_the_page(client):
    """On the Swedish privacy notice, the English link leads to the English privacy notice."""
    html = client.get("/sv/privacy/").content.decode()
    assert 'href="/en/privacy/" hreflang="en" lang="en"' in html
    english = client.get("/en/privacy/").content.decode()
    assert "Privacy notice" in english
    assert 'href="/sv/privacy/" hreflang="sv" lang="sv"' in english


def test_the_header_links_to_login_and_the_footer_to_privacy_and_accessibility(client):
    html = client.get("/en/").content.decode()
    assert 'href="/en/accounts/login/"' in html
    assert 'href="/en/privacy/"' in html
    assert 'href="/en/accessibility/"' in html
    assert 'class="skip-link" href="#main"' in html


def test_every_response_carries_csp_and_security_headers(client):
    response = client.get("/sv/")
    csp = response["Content-Security-Policy"]
    for directive in [
        "default-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    ]:
        assert directive in csp
    assert "unsafe-inline" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


@override_settings(SECURE_SSL_REDIRECT=True, SECURE_HSTS_SECONDS=31_536_000)
def test_it_redirects_to_https_and_sends_hsts_in_production(client):
    assert client.get("/sv/")["Location"] == "https://testserver/sv/"
    assert "max-age=31536000" in client.get("/sv/", secure=True)["Strict-Transport-Security"]


def test_a_missing_page_answers_404_in_its_language(client):
    swedish = client.get("/sv/finns-inte/")
    english = client.get("/en/no-such-page/")
    assert swedish.status_code == english.status_code == 404
    assert "Sidan finns inte" in swedish.content.decode()
    assert "Page not found" in english.content.decode()
    assert '<html lang="en">' in english.content.decode()


def test_the_my_page_asks_anonymous_visitors_to_log_in(client):
    response = client.get("/en/my/")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")


def test_robots_txt_keeps_crawlers_out_of_private_pages(client):
    body = client.get("/robots.txt").content.decode()
    assert "Disallow: /sv/my/" in body


@pytest.mark.parametrize(
    ("language", "text"), [("sv", "Något gick fel"), ("en", "Something went wrong")]
)
def test_the_500_page_is_translated_and_in_the_layout(rf, language, text):
    from django.utils import translation
    from django.views.defaults import server_error

    with translation.override(language):
        response = server_error(rf.get(f"/{language}/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert text in html
    assert f'<html lang="{language}">' in html
    assert 'class="skip-link"' in html


def test_the_403_page_is_translated(rf):
    from django.core.exceptions import PermissionDenied
    from django.utils import translation
    from django.views.defaults import permission_denied

    request = rf.get("/sv/")
    request.user = None
    with translation.override("sv"):
        response = permission_denied(request, PermissionDenied())
    assert response.status_code == 403
    assert "Ingen behörighet" in response.content.decode()


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "sv",
            [
                "Så testar vi",
                "axe-core",
                "Nu HTML Checker",
                "tvingade färger",
                "320 pixlar",
                "200 %",
                "Kända brister",
                "DIGG",
                "granskades senast",
            ],
        ),
        (
            "en",
            [
                "How we test it",
                "axe-core",
                "Nu HTML checker",
                "forced colours",
                "320 pixels",
                "200%",
                "Known problems",
                "DIGG",
                "last reviewed",
            ],
        ),
    ],
)
def test_the_accessibility_statement_says_how_the_portal_is_tested_and_what_falls_short(
    client, language, expected
):
    response = client.get(f"/{language}/accessibility/")
    text = " ".join(response.text.split())
    for part in expected:
        assert part in text, part
