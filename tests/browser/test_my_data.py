"""A person's own data in a real browser: download it from /my/, delete the account; axe finds
nothing on those pages, in Swedish and in English."""

import io
import json
import zipfile

import pytest
from django.contrib.auth import get_user_model

from tests.browser.conftest import axe_violations, go, log_in
from tests.conftest import make_group, make_user

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def ylva(city_malmo):
    ylva = make_user("ylva@example.org", first_name="Ylva")
    make_group("Läxhjälp i Holma", city_malmo, admins=[ylva])
    return ylva


def test_a_person_downloads_their_data_from_my_page(live_server, page, ylva):
    log_in(page, live_server.url, "ylva@example.org")
    for language in ["sv", "en"]:
        page.goto(f"{live_server.url}/{language}/my/")
        assert axe_violations(page) == [], language

    page.goto(f"{live_server.url}/sv/my/")
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Hämta mina uppgifter").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".zip")
    with zipfile.ZipFile(io.BytesIO(open(download.path(), "rb").read())) as archive:
        data = json.loads(archive.read("data.json"))
        html = archive.read("index.html").decode()
    assert data["account"][0]["email"] == "ylva@example.org"
    assert [row["group"] for row in data["memberships"]] == ["Läxhjälp i Holma"]
    assert "Läxhjälp i Holma" in html

    # The readable page opens on its own and passes axe too.
    page.set_content(html)
    assert axe_violations(page) == []


def test_a_person_deletes_their_account_from_my_page(live_server, page, ylva):
    log_in(page, live_server.url, "ylva@example.org")
    page.goto(f"{live_server.url}/en/my/delete/")
    assert axe_violations(page) == []

    page.goto(f"{live_server.url}/sv/my/")
    go(page, page.get_by_role("link", name="Ta bort mitt konto"))
    assert axe_violations(page) == []

    page.get_by_label("Ditt lösenord").fill("fel-lösenord")
    go(page, page.get_by_role("button", name="Ta bort mitt konto"))
    assert "Lösenordet stämmer inte" in page.locator("main").inner_text()
    assert page.title().startswith("Fel: ")
    assert axe_violations(page) == []

    page.get_by_label("Ditt lösenord").fill("a-long-test-password-42")
    go(page, page.get_by_role("button", name="Ta bort mitt konto"))

    assert "Ditt konto är borttaget" in page.locator(".messages").inner_text()
    assert not get_user_model().objects.get(pk=ylva.pk).is_active
    page.goto(f"{live_server.url}/sv/my/")
    assert "/accounts/login/" in page.url
