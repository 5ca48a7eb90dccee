"""The whole journey of an initiative in a real browser: a member drafts and submits, staff
start the review and ask for changes, the member submits again, staff approve and record a
grant, the member starts the work and writes the final report, staff complete it. Axe checks
the proposal form (with errors), the staff pages, the public detail and /my/."""

import re

import pytest

from tests.browser.conftest import axe_violations, go, log_in
from tests.conftest import make_city_staff, make_group, make_user

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def status_of(initiative_id: int) -> str:
    from initiatives.models import Initiative

    return Initiative.objects.get(pk=initiative_id).status


def open_parts(page):
    """Open the folded parts of the form, as a person does by clicking their headings."""
    closed = page.locator("details:not([open]) > summary")
    while closed.count():
        closed.first.click()


def fill_proposal(page):
    """Every answer of the proposal form, as a member types them."""
    open_parts(page)
    page.locator("#id_summary").fill("Vi samlar boendes erfarenheter av stadens samråd.")
    page.locator("input[name=kind_of_work][value=advocacy]").check()
    page.locator("input[name=themes]").first.check()
    page.locator("#id_right_at_stake").fill("Rätten att delta i beslut som rör en själv.")
    page.locator("#id_rights_holders").fill("Boende i Rosengård, särskilt unga.")
    page.locator("#id_location").fill("Rosengård, Malmö")
    page.locator("#id_evidence").fill("Vi har intervjuat 40 grannar.")
    page.locator("#id_people_concerned").fill("Unga och vuxna som själva leder samtalen.")
    page.locator("#id_goals").fill("Samråd på tider och språk som fler kan delta i.")
    page.locator("#id_activities").fill("Fyra öppna samtal och ett möte med politiker.")
    page.locator("#id_planned_start").fill("2026-03-01")
    page.locator("#id_planned_end").fill("2026-09-30")
    page.locator("#id_budget_sek").fill("20000")
    page.locator("#id_cost_breakdown").fill("Lokal 6 000 kr, tolkar 8 000 kr, tryck 6 000 kr.")
    page.locator("input[name=support_requested][value=funding]").check()


def test_an_initiative_from_draft_to_completed(live_server, page):
    from cities.models import City

    malmo = City.objects.get(slug="malmo")
    make_city_staff("mona.staff@example.org", malmo)
    maja = make_user("maja@example.org", first_name="Maja")
    make_group("Rosengårds röster", malmo, admins=[maja])
    base = live_server.url

    # A member drafts; submitting half a proposal lists what is missing and keeps the input.
    log_in(page, base, "maja@example.org")
    page.goto(f"{base}/sv/initiatives/new/")
    page.locator("#id_title").fill("Röster från Rosengård")
    go(page, page.get_by_role("button", name="Spara och skicka in"))
    assert page.title().startswith("Fel: ")
    assert page.locator("#error-summary").is_visible()
    assert page.locator("#id_title").input_value() == "Röster från Rosengård"
    assert axe_violations(page) == []

    fill_proposal(page)
    go(page, page.get_by_role("button", name="Spara och skicka in"))
    assert page.locator("h1").inner_text() == "Röster från Rosengård"
    initiative_id = int(re.search(r"/initiatives/(\d+)/", page.url).group(1))
    assert status_of(initiative_id) == "submitted"

    # Staff find it among the new submissions, start the review and ask for changes.
    log_in(page, base, "mona.staff@example.org")
    page.goto(f"{base}/sv/staff/initiatives/")
    assert page.locator("h1").inner_text() == "Granskningskö"
    assert axe_violations(page) == []
    go(page, page.get_by_role("link", name="Röster från Rosengård"))
    assert axe_violations(page) == []
    go(page, page.get_by_role("button", name="Börja granska"))
    assert status_of(initiative_id) == "in_review"

    # Asking for changes without a message is refused, with the error summary.
    go(page, page.get_by_role("button", name="Begär ändringar"))
    assert page.title().startswith("Fel: ")
    assert page.locator("#error-summary").is_visible()
    assert axe_violations(page) == []
    page.locator("#id_request_changes-message").fill(
        "Beskriv hur ni når dem som inte talar svenska."
    )
    go(page, page.get_by_role("button", name="Begär ändringar"))
    assert status_of(initiative_id) == "changes_requested"

    # An internal comment and an assessment, both for staff only.
    page.locator("#id_note-body").fill("Intern: budgeten verkar rimlig.")
    go(page, page.get_by_role("button", name="Spara kommentaren"))
    page.locator("#id_assess-participation_score_4").check()
    page.locator("#id_assess-participation_note").fill("De boende leder själva.")
    go(page, page.get_by_role("button", name="Spara bedömningen"))
    assert page.locator("#id_assess-participation_score_4").is_checked()
    assert axe_violations(page) == []

    # The member reads the message, changes the proposal and submits it again.
    log_in(page, base, "maja@example.org")
    page.goto(f"{base}/sv/initiatives/{initiative_id}/")
    assert "Beskriv hur ni når dem som inte talar svenska." in page.locator("main").inner_text()
    assert "Intern: budgeten" not in page.content()
    go(page, page.get_by_role("link", name="Ändra förslaget"))
    open_parts(page)
    page.locator("#id_people_concerned").fill("Unga och vuxna leder samtalen, med tolkar.")
    go(page, page.get_by_role("button", name="Spara och skicka in igen"))
    assert status_of(initiative_id) == "submitted"

    # Staff approve with support terms and record a funding grant.
    log_in(page, base, "mona.staff@example.org")
    page.goto(f"{base}/sv/staff/initiatives/{initiative_id}/")
    go(page, page.get_by_role("button", name="Börja granska"))
    page.locator("#id_approve-support_terms").fill("15 000 kr och handledning.")
    go(page, page.get_by_role("button", name="Godkänn"))
    assert status_of(initiative_id) == "approved"
    page.locator("#id_grant-kind").select_option("funding")
    page.locator("#id_grant-amount_sek").fill("15000")
    page.locator("#id_grant-note").fill("Utbetalas i två delar.")
    page.get_by_label("Visa beloppet offentligt").check()
    go(page, page.get_by_role("button", name="Registrera stödet"))
    assert "Stödet är registrerat." in page.locator(".messages").inner_text()
    assert axe_violations(page) == []

    # The member starts the work and writes the final report.
    log_in(page, base, "maja@example.org")
    page.goto(f"{base}/sv/initiatives/{initiative_id}/")
    go(page, page.get_by_role("link", name="Starta arbetet"))
    go(page, page.get_by_role("button", name="Starta arbetet"))
    assert status_of(initiative_id) == "active"
    page.goto(f"{base}/sv/initiatives/{initiative_id}/reports/new/")
    page.locator("#id_final").check()
    page.locator("#id_period_start").fill("2026-03-01")
    page.locator("#id_period_end").fill("2026-09-30")
    page.locator("#id_done").fill("Fyra samtal med 120 deltagare och ett möte med nämnden.")
    page.locator("#id_people_reached").fill("120")
    page.locator("#id_activities_held").fill("5")
    page.locator("#id_volunteers").fill("9")
    page.locator("#id_outcomes").fill("Nämnden håller nu samråd på kvällstid med tolk.")
    page.locator("#id_consent_to_feature").check()
    go(page, page.get_by_role("button", name="Skicka rapporten"))
    assert "Tack för slutrapporten!" in page.locator(".messages").inner_text()

    # Staff complete the initiative.
    log_in(page, base, "mona.staff@example.org")
    page.goto(f"{base}/sv/staff/initiatives/{initiative_id}/")
    go(page, page.get_by_role("button", name="Markera som avslutat"))
    assert status_of(initiative_id) == "completed"
    assert axe_violations(page) == []

    # The public page shows the outcomes and the public amount, never the internal notes.
    page.context.clear_cookies()
    page.goto(f"{base}/sv/initiatives/{initiative_id}/")
    main = page.locator("main").inner_text()
    assert "Nämnden håller nu samråd på kvällstid med tolk." in main
    assert re.search(r"15\s?000\skr", main)  # the amount the staff marked public
    assert "Intern: budgeten" not in page.content()
    assert "De boende leder själva." not in page.content()
    assert axe_violations(page) == []

    # /my/ lists the initiative with its status.
    log_in(page, base, "maja@example.org")
    page.goto(f"{base}/sv/my/")
    assert page.get_by_role("link", name="Röster från Rosengård").is_visible()
    assert axe_violations(page) == []
