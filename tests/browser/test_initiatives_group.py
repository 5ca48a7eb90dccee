"""A group's side of initiatives in a real browser: the proposal form with its errors, the
public detail page and /my/ — each without accessibility violations."""

import pytest

from initiatives.models import Initiative, Status
from tests.browser.conftest import axe_violations, go, log_in
from tests.conftest import make_city_staff, make_group, make_user
from tests.initiatives.conftest import make_initiative

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def open_parts(page):
    """Open the folded parts of the form, as a person does by clicking their headings."""
    closed = page.locator("details:not([open]) > summary")
    while closed.count():
        closed.first.click()


def test_a_member_drafts_fixes_errors_and_submits(live_server, page):
    """A half-filled submission shows every gap in the error summary (axe-clean), keeps the
    input, and a completed form submits; the detail page and /my/ are axe-clean too."""
    from cities.models import City

    malmo = City.objects.get(slug="malmo")
    member = make_user("maja@example.org", first_name="Maja")
    make_city_staff("mona.staff@example.org", malmo)
    make_group("Rosengårds röster", malmo, admins=[member])
    log_in(page, live_server.url, "maja@example.org")

    page.goto(f"{live_server.url}/sv/initiatives/new/")
    page.get_by_label("Titel").fill("Samråd på riktigt")
    page.get_by_label("Sammanfattning").fill("Vi vill att samråden hålls på kvällstid.")
    open_parts(page)
    page.get_by_label("Planerad start").fill("2026-05-01")
    page.get_by_label("Planerat slut").fill("2026-04-01")
    page.get_by_label("Budget (kronor)").fill("-5")
    go(page, page.get_by_role("button", name="Spara och skicka in"))
    summary = page.locator("#error-summary")
    assert summary.is_visible()
    assert page.title().startswith("Fel: ")
    text = summary.inner_text()
    assert "Slutdatumet kan inte vara före startdatumet." in text
    assert "Budgeten kan inte vara negativ." in text
    assert page.get_by_label("Titel").input_value() == "Samråd på riktigt"
    assert axe_violations(page) == []

    page.get_by_label("Planerat slut").fill("2026-09-30")
    page.get_by_label("Budget (kronor)").fill("12000")
    go(page, page.get_by_role("button", name="Spara och skicka in"))
    # Shape is right now, so the draft is saved; the missing answers are listed.
    text = page.locator("#error-summary").inner_text()
    assert "Skriv vilken rättighet som inte respekteras." in text
    assert "Välj minst ett område." in text
    assert Initiative.objects.get().status == Status.DRAFT
    assert axe_violations(page) == []

    open_parts(page)
    page.get_by_label("Vilken rättighet respekteras inte?").fill("Rätten att delta.")
    page.get_by_label("För vem?").fill("Boende i Rosengård.")
    page.get_by_label("Var?").fill("Rosengård")
    page.get_by_label("Hur vet ni det?").fill("Intervjuer med grannar.")
    page.get_by_label("Delaktighet och inflytande").check()
    page.get_by_label("De som berörs").fill("Unga och äldre grannar.")
    page.get_by_label("Mål (krävs för att skicka in)", exact=True).fill("Samråd på kvällstid.")
    page.get_by_label("Planerade aktiviteter").fill("Fyra kvällsmöten.")
    page.get_by_label("Påverkansarbete och opinionsbildning").check()
    page.get_by_label("Kostnadsfördelning").fill("Lokal och tolk.")
    page.get_by_label("Ekonomiskt stöd").check()
    go(page, page.get_by_role("button", name="Spara och skicka in"))
    assert page.locator("h1").inner_text() == "Samråd på riktigt"
    assert "Inskickat" in page.locator("main").inner_text()
    assert Initiative.objects.get().status == Status.SUBMITTED
    assert axe_violations(page) == []

    page.goto(f"{live_server.url}/sv/my/")
    assert "Samråd på riktigt" in page.locator("main").inner_text()
    assert axe_violations(page) == []


def test_the_public_detail_and_list_have_no_violations(live_server, page):
    """A completed initiative's public page (outcomes, support) and the list, for a visitor."""
    from cities.models import City

    malmo = City.objects.get(slug="malmo")
    member = make_user("maja@example.org")
    staff = make_city_staff("mona.staff@example.org", malmo)
    group = make_group("Rosengårds röster", malmo, admins=[member])
    initiative = make_initiative(group, member=member, staff=staff, status=Status.COMPLETED)
    page.goto(f"{live_server.url}/sv/initiatives/{initiative.pk}/")
    assert page.locator("h1").inner_text() == initiative.title
    assert "Resultat" in page.locator("main").inner_text()
    assert axe_violations(page) == []
    page.goto(f"{live_server.url}/sv/initiatives/")
    assert initiative.title in page.locator("main").inner_text()
    assert axe_violations(page) == []
