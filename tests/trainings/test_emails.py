"""What the emails say, in which language, and the calendar file attached to them."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from icalendar import Calendar

from tests.trainings.conftest import make_course, make_registration, make_session
from trainings import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(city_malmo):
    course = make_course(title_sv="Att arbeta med media", title_en="Working with media")
    starts = timezone.now().replace(microsecond=0) + timedelta(days=7)
    return make_session(city_malmo, course=course, capacity=1, starts_at=starts)


def sign_up(session, email, language):
    return services.register_for_session(
        session_id=session.pk, name="Amina", email=email, consent=True, language=language
    )


def test_the_confirmation_is_in_swedish_with_details_link_and_calendar(
    session, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        result = sign_up(session, "amina@example.org", "sv")

    message = mail.outbox[0]
    assert message.subject == "Du har en plats: Att arbeta med media"
    assert message.to == ["amina@example.org"]
    assert "Hej Amina!" in message.body
    assert "Bergsgatan 32, Malmö" in message.body
    assert f"/sv/trainings/registration/{result.registration.token}/" in message.body
    assert message.reply_to == [session.city.contact_email]
    name, content, mimetype = message.attachments[0]
    assert (name, mimetype) == ("training.ics", "text/calendar")
    event = Calendar.from_ical(content).walk("VEVENT")[0]
    assert event.decoded("DTSTART") == session.starts_at
    assert str(event["SUMMARY"]) == "Att arbeta med media"


def test_the_waitlist_email_is_in_english_with_the_queue_place(
    session, django_capture_on_commit_callbacks
):
    make_registration(session)
    make_registration(session, status="waitlisted")

    with django_capture_on_commit_callbacks(execute=True):
        sign_up(session, "sam@example.org", "en")

    message = mail.outbox[0]
    assert message.subject == "Waiting list, number 2: Working with media"
    assert "Hello Amina," in message.body
    assert "waiting list, number 2" in message.body
    assert "/en/trainings/registration/" in message.body


def test_a_promoted_person_is_emailed_in_their_language(
    session, django_capture_on_commit_callbacks
):
    seated = make_registration(session, language="sv")
    make_registration(session, "next@example.org", status="waitlisted", language="en")

    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_registration(token=seated.token)

    promoted = next(m for m in mail.outbox if m.to == ["next@example.org"])
    assert promoted.subject == "A seat is free – you are confirmed: Working with media"
    assert promoted.attachments
    cancelled = next(m for m in mail.outbox if m.to == [seated.email])
    assert cancelled.subject == "Avbokad: din anmälan till Att arbeta med media"


def test_names_are_not_html_escaped_in_plain_text(session, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.register_for_session(
            session_id=session.pk,
            name="Åsa & O'Brien",
            email="asa@example.org",
            consent=True,
            language="en",
        )

    assert "Hello Åsa & O'Brien," in mail.outbox[0].body


def test_the_waitlist_email_has_no_calendar_file(session, django_capture_on_commit_callbacks):
    make_registration(session)

    with django_capture_on_commit_callbacks(execute=True):
        sign_up(session, "sam@example.org", "en")

    assert mail.outbox[0].attachments == []


def test_email_all_carries_the_staff_text_and_the_manage_link(
    session, staff_malmo, django_capture_on_commit_callbacks
):
    registration = make_registration(session, language="en")

    with django_capture_on_commit_callbacks(execute=True):
        services.email_participants(
            session_id=session.pk,
            actor=staff_malmo,
            subject="Room change",
            body="We meet in room 2 & 3.",
        )

    message = mail.outbox[0]
    assert message.subject == "Room change – Working with media"
    assert "We meet in room 2 & 3." in message.body
    assert f"/en/trainings/registration/{registration.token}/" in message.body
