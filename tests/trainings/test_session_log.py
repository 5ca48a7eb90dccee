"""The staff's writes on a session: each knows who acted, is refused to staff of another city
under the session's lock, and leaves an entry in the session's log that staff see."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from tests.conftest import login
from tests.trainings.conftest import make_course, make_registration, make_session
from trainings import services
from trainings.models import Registration, Session, SessionEvent

pytestmark = pytest.mark.django_db

Kind = SessionEvent.Kind


def only_event(session) -> SessionEvent:
    events = list(SessionEvent.objects.filter(session=session))
    assert len(events) == 1, events
    return events[0]


def test_creating_a_session_logs_who_created_it(city_malmo, staff_malmo):
    starts = timezone.now() + timedelta(days=5)
    session = services.create_session(
        actor=staff_malmo,
        course=make_course(),
        city=city_malmo,
        venue_name="Stadsmissionen",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        capacity=10,
    )

    event = only_event(session)
    assert (event.kind, event.actor) == (Kind.CREATED, staff_malmo)
    assert session.signup_closes_at == starts


def test_updating_logs_the_fields_changed_and_the_promotion(
    city_malmo, staff_malmo, django_capture_on_commit_callbacks
):
    session = make_session(city_malmo, capacity=1)
    make_registration(session)
    make_registration(session, status="waitlisted")

    with django_capture_on_commit_callbacks(execute=True):
        services.update_session(
            session_id=session.pk,
            actor=staff_malmo,
            changes={"capacity": 2, "venue_name": "Stadsmissionen", "venue_address": "Ny gata 1"},
        )

    events = {event.kind: event for event in SessionEvent.objects.filter(session=session)}
    assert events[Kind.UPDATED].actor == staff_malmo
    # Only what really changed: the venue's name was the same.
    assert events[Kind.UPDATED].data == {"fields": ["capacity", "venue_address"]}
    assert events[Kind.PROMOTED].data == {"count": 1}
    assert events[Kind.PROMOTED].actor == staff_malmo


def test_cancelling_logs_how_many_were_told(
    session_malmo, staff_malmo, django_capture_on_commit_callbacks
):
    make_registration(session_malmo)
    make_registration(session_malmo, status="waitlisted")
    make_registration(session_malmo, status="cancelled")

    with django_capture_on_commit_callbacks(execute=True):
        told = services.cancel_session(
            session_id=session_malmo.pk, actor=staff_malmo, message="Läraren är sjuk."
        )

    event = only_event(session_malmo)
    assert told == 2
    assert (event.kind, event.actor, event.data) == (Kind.CANCELLED, staff_malmo, {"count": 2})


def test_emailing_logs_the_subject_and_the_reach(
    session_malmo, staff_malmo, django_capture_on_commit_callbacks
):
    make_registration(session_malmo)
    make_registration(session_malmo, status="waitlisted")

    with django_capture_on_commit_callbacks(execute=True):
        services.email_participants(
            session_id=session_malmo.pk,
            actor=staff_malmo,
            subject="Nytt rum",
            body="Vi ses i rum 2.",
            include_waitlist=True,
        )

    event = only_event(session_malmo)
    assert event.kind == Kind.EMAILED and event.actor == staff_malmo
    assert event.data == {"count": 2, "subject": "Nytt rum", "waitlist": True}
    assert len(mail.outbox) == 2


def test_marking_attendance_logs_how_many_came(session_malmo, staff_malmo):
    came, absent = make_registration(session_malmo), make_registration(session_malmo)

    services.mark_attendance(
        session_id=session_malmo.pk,
        actor=staff_malmo,
        shown_ids={came.pk, absent.pk},
        attended_ids={came.pk},
    )

    event = only_event(session_malmo)
    assert (event.kind, event.actor) == (Kind.ATTENDANCE, staff_malmo)
    assert event.data == {"attended": 1, "absent": 1}


def test_staff_cancelling_someones_registration_is_logged_and_promotes(
    city_malmo, staff_malmo, django_capture_on_commit_callbacks
):
    session = make_session(city_malmo, capacity=1)
    seated = make_registration(session, "seated@example.org")
    waiting = make_registration(session, "next@example.org", status="waitlisted")

    with django_capture_on_commit_callbacks(execute=True):
        _cancelled, promoted = services.cancel_registration(token=seated.token, actor=staff_malmo)

    assert promoted == [waiting]
    events = {event.kind: event for event in SessionEvent.objects.filter(session=session)}
    assert events[Kind.REGISTRATION_CANCELLED].actor == staff_malmo
    assert events[Kind.REGISTRATION_CANCELLED].data == {"registration": seated.pk}
    assert events[Kind.PROMOTED].data == {"count": 1}
    assert sorted(m.to[0] for m in mail.outbox) == ["next@example.org", "seated@example.org"]


@pytest.mark.parametrize(
    "write",
    [
        lambda s, actor: services.update_session(
            session_id=s.pk, actor=actor, changes={"capacity": 5}
        ),
        lambda s, actor: services.cancel_session(session_id=s.pk, actor=actor, message="Nej."),
        lambda s, actor: services.email_participants(
            session_id=s.pk, actor=actor, subject="Hej", body="Hej."
        ),
        lambda s, actor: services.mark_attendance(
            session_id=s.pk, actor=actor, shown_ids={1}, attended_ids={1}
        ),
        lambda s, actor: services.cancel_registration(
            token=s.registrations.get().token, actor=actor
        ),
    ],
    ids=["update", "cancel", "email", "attendance", "cancel-registration"],
)
@pytest.mark.usefixtures("english")
def test_staff_of_another_city_are_refused_by_the_service_itself(
    session_malmo, staff_stockholm, django_capture_on_commit_callbacks, write
):
    """The service asks again under the lock, whatever the view did: nothing changes."""
    registration = make_registration(session_malmo)

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(services.TrainingError) as error,
    ):
        write(session_malmo, staff_stockholm)

    assert "Only staff of the session's city" in str(error.value.message)
    session = Session.objects.get(pk=session_malmo.pk)
    assert (session.capacity, session.is_cancelled) == (3, False)
    assert Registration.objects.get(pk=registration.pk).status == "confirmed"
    assert not SessionEvent.objects.exists()
    assert mail.outbox == []


def test_creating_in_another_city_is_refused_by_the_service(city_stockholm, staff_malmo):
    starts = timezone.now() + timedelta(days=5)

    with pytest.raises(services.TrainingError) as error:
        services.create_session(
            actor=staff_malmo,
            course=make_course(),
            city=city_stockholm,
            venue_name="Stadsmissionen",
            starts_at=starts,
            ends_at=starts + timedelta(hours=2),
            capacity=10,
        )

    assert "city" in error.value.errors
    assert not Session.objects.exists()


def test_the_times_rule_is_the_services_too(city_malmo, staff_malmo):
    """A session that ends before it starts is refused by the service, not only by the form."""
    session = make_session(city_malmo)

    with pytest.raises(services.TrainingError) as error:
        services.update_session(
            session_id=session.pk,
            actor=staff_malmo,
            changes={"ends_at": session.starts_at - timedelta(hours=1)},
        )

    assert list(error.value.errors) == ["ends_at"]
    assert Session.objects.get(pk=session.pk).ends_at == session.ends_at


@pytest.mark.usefixtures("english")
def test_staff_see_the_log_on_the_participant_page(
    client, session_malmo, staff_malmo, django_capture_on_commit_callbacks
):
    staff_malmo.first_name, staff_malmo.last_name = "Mona", "Malm"
    staff_malmo.save()
    make_registration(session_malmo)
    login(client, staff_malmo)
    url = f"/en/staff/trainings/{session_malmo.pk}/"

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/en/staff/trainings/{session_malmo.pk}/email/",
            {"subject": "Room change", "body": "Room 2."},
        )
    html = client.get(url).content.decode()

    assert "“Room change” emailed to 1 person." in html
    assert "by Mona Malm" in html
    swedish = client.get(f"/sv/staff/trainings/{session_malmo.pk}/").content.decode()
    assert "”Room change” mejlades till 1 person." in swedish


def test_staff_cancel_a_registration_from_the_participant_page(
    client, city_malmo, staff_malmo, django_capture_on_commit_callbacks
):
    session = make_session(city_malmo, capacity=1)
    seated = make_registration(session, name="Amina")
    waiting = make_registration(session, status="waitlisted")
    login(client, staff_malmo)

    page = client.get(f"/en/staff/trainings/{session.pk}/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/en/staff/trainings/{session.pk}/registrations/{seated.pk}/cancel/", follow=True
        )

    assert f"/staff/trainings/{session.pk}/registrations/{seated.pk}/cancel/" in page
    html = response.content.decode()
    assert "The registration of Amina is cancelled" in html
    assert "1 person moved from the waiting list to a seat" in html
    assert Registration.objects.get(pk=waiting.pk).status == "confirmed"
    assert "A registration was cancelled by staff." in html


def test_staff_of_another_city_cannot_cancel_a_registration(client, session_malmo, staff_stockholm):
    registration = make_registration(session_malmo)
    login(client, staff_stockholm)

    response = client.post(
        f"/en/staff/trainings/{session_malmo.pk}/registrations/{registration.pk}/cancel/"
    )

    assert response.status_code == 403
    assert Registration.objects.get(pk=registration.pk).status == "confirmed"
