"""A group registers, staff approve it, it appears in the directory — and every page on the
way is checked with axe."""

import pytest

from tests.browser.conftest import axe_violations, go, log_in
from tests.conftest import make_city_staff, make_group, make_user

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_group_registers_is_approved_and_appears_in_the_directory(live_server, page):
    from cities.models import City

    malmo = City.objects.get(slug="malmo")
    make_city_staff("mona.staff@example.org", malmo)
    make_user("petra@example.org", first_name="Petra")
    make_group("Tillgängligt Malmö", malmo, themes=["disability", "participation"])
    base = live_server.url

    log_in(page, base, "petra@example.org")
    page.goto(f"{base}/sv/groups/new/")
    assert axe_violations(page) == []
    go(page, page.get_by_role("button", name="Registrera gruppen"))
    assert page.title().startswith("Fel: ")
    assert page.locator("#error-summary").is_visible()
    assert axe_violations(page) == []

    page.get_by_label("Gruppens namn").fill("Grannar för rättvisa")
    page.locator("select[name=city]").select_option(label="Malmö")
    page.locator("#id_description").fill("Grannar som driver frågor om **delaktighet**.")
    page.get_by_label("Delaktighet och inflytande").check()
    page.get_by_label("E-postadress för kontakt").fill("kontakt@grannar.example.org")
    go(page, page.get_by_role("button", name="Registrera gruppen"))
    assert page.locator("h1").inner_text() == "Grannar för rättvisa"
    assert "väntar på godkännande" in page.locator("main").inner_text()

    log_in(page, base, "mona.staff@example.org")
    page.goto(f"{base}/sv/staff/groups/")
    assert page.locator("h1").inner_text() == "Godkännande av grupper"
    assert axe_violations(page) == []
    go(page, page.get_by_role("link", name="Grannar för rättvisa"))
    assert axe_violations(page) == []
    page.get_by_label("Godkänn").check()
    page.get_by_label("Meddelande till gruppen").fill("Välkomna!")
    go(page, page.get_by_role("button", name="Spara beslutet"))
    assert "är sparat" in page.locator(".messages").inner_text()

    page.context.clear_cookies()
    page.goto(f"{base}/sv/groups/")
    assert page.get_by_role("link", name="Grannar för rättvisa").is_visible()
    assert axe_violations(page) == []
    go(page, page.get_by_role("link", name="Grannar för rättvisa"))
    assert page.locator("h1").inner_text() == "Grannar för rättvisa"
    assert page.get_by_role("link", name="Tillgängligt Malmö").is_visible()  # a similar group
    assert axe_violations(page) == []


def test_the_members_contact_and_invitation_pages_have_no_violations(live_server, page):
    """The admin's members page, the contact form with an error, and an invitation link."""
    from cities.models import City, GroupInvitation

    admin = make_user("alma@example.org", first_name="Alma")
    group = make_group("Rosengårds röster", City.objects.get(slug="malmo"), admins=[admin])
    invitation = GroupInvitation.objects.create(group=group, email="nora@example.org")
    base = live_server.url

    page.goto(f"{base}/sv/groups/rosengards-roster/contact/")
    page.get_by_label("Ditt namn").fill("Vera")
    go(page, page.get_by_role("button", name="Skicka meddelandet"))
    assert page.title().startswith("Fel: ")
    assert page.get_by_label("Ditt namn").input_value() == "Vera"
    assert axe_violations(page) == []

    page.goto(f"{base}/sv/groups/invitations/{invitation.token}/")
    assert page.get_by_role("button", name="Skapa konto och gå med").is_visible()
    assert axe_violations(page) == []

    log_in(page, base, "alma@example.org")
    page.goto(f"{base}/sv/groups/rosengards-roster/members/")
    assert "nora@example.org" in page.locator("main").inner_text()
    assert axe_violations(page) == []
