"""The outbox in a real browser: the count on the staff pages, the list, "send again"; axe."""

import pytest
from django.core import mail

from mobilisering.models import OutgoingEmail
from tests.browser.conftest import axe_violations, go, log_in
from tests.conftest import make_city_staff, make_user

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def failed_email(db):
    return OutgoingEmail.objects.create(
        from_email="Mobilisering <noreply@example.org>",
        to=["amina@example.org"],
        subject="Du har en plats: Påverkansarbete",
        body="Hej Amina!",
        status=OutgoingEmail.Status.FAILED,
        attempts=6,
        last_error="ConnectionRefusedError: [Errno 111] Connection refused",
    )


def test_staff_see_how_many_emails_are_held_up(live_server, page, failed_email, city_malmo):
    make_city_staff("mona.staff@example.org", city_malmo)
    log_in(page, live_server.url, "mona.staff@example.org")
    page.goto(f"{live_server.url}/sv/staff/trainings/")
    assert "1 mejl har inte levererats än" in page.locator(".staff-nav__mail").inner_text()
    assert axe_violations(page) == []


def test_a_superuser_sends_a_failed_email_again(live_server, page, failed_email):
    make_user("root@example.org", is_superuser=True, is_staff=True)
    log_in(page, live_server.url, "root@example.org")
    page.goto(f"{live_server.url}/sv/staff/outbox/")
    assert "Connection refused" in page.locator("table").inner_text()
    assert axe_violations(page) == []

    go(page, page.get_by_role("button", name="Skicka igen"))

    assert "är på väg igen" in page.locator(".messages").inner_text()
    assert "Alla mejl har levererats." in page.locator("main").inner_text()
    assert [m.to for m in mail.outbox] == [["amina@example.org"]]
    assert axe_violations(page) == []
