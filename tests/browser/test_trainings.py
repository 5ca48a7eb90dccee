"""Trainings in a real browser: sign up, read the confirmation, manage and cancel; axe checks."""

import re

import pytest
from django.core import mail

from tests.browser.conftest import axe_violations, go, log_in
from tests.conftest import make_city_staff
from tests.trainings.conftest import make_course, make_registration, make_session

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def session(city_malmo):
    course = make_course(
        slug="paverkansarbete",
        title_sv="Påverkansarbete och opinionsbildning",
        title_en="Advocacy and opinion-forming",
    )
    make_session(city_malmo, course=course, capacity=4, days=12, is_online=True, venue_name="")
    return make_session(city_malmo, course=course, capacity=4, days=5)


def test_a_person_signs_up_reads_the_email_and_cancels(live_server, page, session):
    page.goto(f"{live_server.url}/sv/trainings/")
    assert axe_violations(page) == []
    go(page, page.get_by_role("link", name="Påverkansarbete och opinionsbildning").first)
    assert page.locator("h1").inner_text() == "Påverkansarbete och opinionsbildning"

    page.get_by_label("Ditt namn").fill("Amina Hassan")
    page.get_by_label("E-post").fill("amina@example.org")
    page.get_by_label("Jag godkänner").check()
    go(page, page.get_by_role("button", name="Anmäl dig"))

    assert "Du har fått en plats" in page.locator(".messages").inner_text()
    assert page.locator("h1").inner_text() == "Din anmälan"
    message = mail.outbox[-1]
    assert message.to == ["amina@example.org"]
    assert message.subject.startswith("Du har en plats")
    link = re.search(r"https?://\S+/sv/trainings/registration/\S+/", message.body).group(0)
    path = link.split("/sv/", 1)[1]

    page.goto(f"{live_server.url}/sv/{path}")
    assert "Du har en plats." in page.locator("main").inner_text()
    go(page, page.get_by_role("button", name="Avboka min anmälan"))

    assert "Din anmälan är avbokad" in page.locator(".messages").inner_text()
    assert "Den här anmälan är avbokad." in page.locator("main").inner_text()
    assert page.get_by_role("button", name="Avboka min anmälan").count() == 0


def test_a_session_page_with_form_errors_has_no_violations(live_server, page, session):
    page.goto(f"{live_server.url}/sv/trainings/sessions/{session.pk}/")
    page.get_by_label("Ditt namn").fill("Amina")
    page.get_by_label("E-post").fill("inte-en-adress")
    go(page, page.get_by_role("button", name="Anmäl dig"))

    assert page.locator("#error-summary").is_visible()
    assert page.title().startswith("Fel: ")
    assert page.get_by_label("Ditt namn").input_value() == "Amina"
    assert axe_violations(page) == []


def test_the_staff_participant_list_has_no_violations(live_server, page, session, city_malmo):
    make_city_staff("mona.staff@example.org", city_malmo)
    for n in range(5):
        make_registration(
            session, name=f"Deltagare {n}", status="confirmed" if n < 4 else "waitlisted"
        )
    make_registration(session, name="Avbokad Person", status="cancelled", access_needs="Hörslinga")

    log_in(page, live_server.url, "mona.staff@example.org")
    page.goto(f"{live_server.url}/sv/staff/trainings/{session.pk}/")

    assert page.locator("h1").inner_text() == "Påverkansarbete och opinionsbildning"
    page.get_by_label("Deltagare 1 närvarade").check()
    go(page, page.get_by_role("button", name="Spara närvaro"))
    assert "Närvaron är sparad: 1 kom." in page.locator(".messages").inner_text()
    assert axe_violations(page) == []
