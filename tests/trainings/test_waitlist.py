"""The waiting list as people meet it: one order everywhere, whatever the timestamps, and
waitlisted or cancelled people are never welcomed as if they had a seat."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from tests.conftest import login
from tests.trainings.conftest import make_registration, make_session, signup_data
from trainings import services
from trainings.models import Registration, Session, SessionEvent

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def registration_page(client, registration) -> str:
    return client.get(f"/en/trainings/registration/{registration.token}/").content.decode()


@pytest.fixture
def queue(city_malmo):
    """A full session whose waiting list was written out of order: the row created last has
    the earliest time, and two share a time (the id decides between them)."""
    session = make_session(city_malmo, capacity=1)
    make_registration(session, "seated@example.org")
    now = timezone.now()
    second = make_registration(
        session, "second@example.org", status="waitlisted", created_at=now - timedelta(hours=1)
    )
    third = make_registration(
        session, "third@example.org", status="waitlisted", created_at=now - timedelta(hours=1)
    )
    first = make_registration(
        session, "first@example.org", status="waitlisted", created_at=now - timedelta(days=2)
    )
    return session, [first, second, third]


def test_the_queue_holds_one_order_everywhere(client, queue, staff_malmo, person):
    """The place a person is told, the staff list, the CSV, /my/ and promotion agree."""
    session, in_order = queue
    Registration.objects.filter(pk=in_order[1].pk).update(email=person.email)

    told = [
        int(registration_page(client, r).split("waiting list, number ")[1].split(".")[0])
        for r in in_order
    ]
    login(client, person)
    mine = client.get("/en/my/").content.decode()
    login(client, staff_malmo)
    staff = client.get(f"/en/staff/trainings/{session.pk}/").context["groups"]
    csv = client.get(f"/en/staff/trainings/{session.pk}/participants.csv").content.decode()

    assert told == [1, 2, 3]
    assert "on the waiting list, number 2" in mine
    waiting = dict(staff)["waitlisted"]
    assert [(r.pk, r.queue_place) for r in waiting] == [
        (r.pk, n) for n, r in enumerate(in_order, 1)
    ]
    rows = [line.split(",") for line in csv.splitlines() if "waiting list" in line]
    emails = [Registration.objects.get(pk=r.pk).email for r in in_order]
    assert [(row[1], row[3]) for row in rows] == [(e, str(n)) for n, e in enumerate(emails, 1)]

    seated = Registration.objects.get(session=session, status="confirmed")
    _cancelled, promoted = services.cancel_registration(token=seated.token)
    assert promoted == [in_order[0]]


def test_a_new_sign_up_joins_the_end_of_the_queue(client, queue):
    """Three waiting: the page says so, and the next person is number four."""
    session, _in_order = queue

    page = client.get(f"/en/trainings/sessions/{session.pk}/").content.decode()
    response = client.post(f"/en/trainings/sessions/{session.pk}/", signup_data(), follow=True)

    assert "Full – 3 people on the waiting list" in page
    assert "waiting list, number 4" in response.content.decode()


def test_a_waitlisted_person_is_not_welcomed_as_if_they_had_a_seat(
    client, queue, django_capture_on_commit_callbacks
):
    session, _in_order = queue

    with django_capture_on_commit_callbacks(execute=True):
        result = services.register_for_session(
            session_id=session.pk, name="Sam", email="sam@example.org", consent=True, language="sv"
        )
    page = registration_page(client, result.registration)

    message = mail.outbox[0]
    assert message.subject.startswith("Väntelista, nummer 4:")
    assert "Välkommen" not in message.body and "kalenderfil" not in message.body
    assert message.attachments == []
    assert "waiting list, number 4" in page
    assert "You have a seat" not in page
    assert "Add to your calendar" not in page
    assert (
        client.get(
            f"/en/trainings/registration/{result.registration.token}/calendar.ics"
        ).status_code
        == 404
    )


def test_a_confirmed_person_is_welcomed_with_a_calendar_file(
    client, session_malmo, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        result = services.register_for_session(
            session_id=session_malmo.pk,
            name="Sam",
            email="sam@example.org",
            consent=True,
            language="sv",
        )
    page = registration_page(client, result.registration)
    calendar = client.get(f"/en/trainings/registration/{result.registration.token}/calendar.ics")

    assert "Välkommen!" in mail.outbox[0].body
    assert "Add to your calendar" in page
    assert calendar.status_code == 200
    assert calendar["Content-Type"].startswith("text/calendar")


def test_a_cancelled_registration_offers_no_calendar(client, session_malmo):
    registration = make_registration(session_malmo, status="cancelled")

    page = registration_page(client, registration)
    calendar = client.get(f"/en/trainings/registration/{registration.token}/calendar.ics")

    assert "This registration is cancelled." in page
    assert "Add to your calendar" not in page and "Cancel my registration" not in page
    assert calendar.status_code == 404


def test_a_registration_for_a_cancelled_session_offers_no_calendar(client, session_malmo):
    registration = make_registration(session_malmo)
    Session.objects.filter(pk=session_malmo.pk).update(is_cancelled=True)

    page = registration_page(client, registration)
    calendar = client.get(f"/en/trainings/registration/{registration.token}/calendar.ics")

    assert "This session has been cancelled." in page
    assert "Add to your calendar" not in page
    assert calendar.status_code == 404


def test_a_past_session_shows_no_free_seats_and_no_calendar(client, city_malmo):
    past = make_session(city_malmo, days=-2, capacity=20)
    make_registration(past)
    upcoming = make_session(city_malmo, capacity=20)

    past_page = client.get(f"/en/trainings/sessions/{past.pk}/").content.decode()
    upcoming_page = client.get(f"/en/trainings/sessions/{upcoming.pk}/").content.decode()

    assert "seats left" not in past_page and "Add to your calendar" not in past_page
    assert "20 of 20 seats left" in upcoming_page and "Add to your calendar" in upcoming_page


def test_the_demo_writes_nothing_after_now_and_its_queues_hold(demo, client):
    """The demo's sign-ups and log lie in the past; a new sign-up on a full demo session is
    the last in its queue."""
    now = timezone.now()
    assert not Registration.objects.filter(created_at__gt=now).exists()
    assert not SessionEvent.objects.filter(created_at__gt=now).exists()
    full = (
        Session.objects.filter(registrations__status="waitlisted", starts_at__gt=now)
        .distinct()
        .first()
    )
    waiting = full.registrations.filter(status="waitlisted").count()

    result = services.register_for_session(
        session_id=full.pk, name="Ny", email="ny@example.org", consent=True, language="en"
    )

    assert result.queue_place == waiting + 1
