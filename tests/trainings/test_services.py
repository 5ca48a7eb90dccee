"""The sign-up, cancellation and staff services, one call at a time (any database)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from tests.trainings.conftest import make_registration, make_session
from trainings import services
from trainings.models import Registration

pytestmark = pytest.mark.django_db

CONFIRMED, WAITLISTED, CANCELLED = "confirmed", "waitlisted", "cancelled"


def sign_up(session, email, **fields):
    return services.register_for_session(
        session_id=session.pk,
        name=fields.pop("name", email.split("@")[0]),
        email=email,
        consent=True,
        language=fields.pop("language", "sv"),
        **fields,
    )


def test_it_confirms_while_seats_remain_then_waitlists_in_order(
    session_malmo, django_capture_on_commit_callbacks
):
    """Three seats: the first three are confirmed, the next two wait as number 1 and 2."""
    with django_capture_on_commit_callbacks(execute=True):
        results = [sign_up(session_malmo, f"p{n}@example.org") for n in range(5)]

    assert [r.registration.status for r in results] == [CONFIRMED] * 3 + [WAITLISTED] * 2
    assert [r.queue_place for r in results] == [None, None, None, 1, 2]
    assert len(mail.outbox) == 5


def test_it_treats_the_same_address_in_other_letters_as_a_duplicate(
    session_malmo, django_capture_on_commit_callbacks
):
    """A second sign-up creates nothing and re-sends the manage link to that address only."""
    first = sign_up(session_malmo, "Amina@Example.org", name="Amina")
    with django_capture_on_commit_callbacks(execute=True):
        again = sign_up(session_malmo, "amina@EXAMPLE.ORG", name="Someone else")

    assert again.already_registered
    assert again.registration.pk == first.registration.pk
    assert Registration.objects.count() == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["Amina@Example.org"]
    assert first.registration.token in message.body
    assert "Someone else" not in message.body


def test_it_lets_a_cancelled_address_sign_up_again(session_malmo):
    """Only active registrations count as duplicates."""
    first = sign_up(session_malmo, "amina@example.org")
    services.cancel_registration(token=first.registration.token)

    again = sign_up(session_malmo, "amina@example.org")

    assert not again.already_registered
    assert again.registration.status == CONFIRMED


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"signup_closes_at": timezone.now() - timedelta(hours=1)}, "Sign-up for this session"),
        ({"is_cancelled": True}, "cancelled"),
        ({"starts_at": timezone.now() - timedelta(hours=1)}, "already taken place"),
    ],
)
@pytest.mark.usefixtures("english")
def test_it_refuses_sign_up_when_closed(city_malmo, change, reason):
    """Closing time passed, cancelled or past: a clear message, nothing stored."""
    session = make_session(city_malmo)
    for name, value in change.items():
        setattr(session, name, value)
    if "starts_at" in change:
        session.ends_at = session.starts_at + timedelta(hours=2)
    session.save()

    with pytest.raises(services.SignupClosed) as error:
        sign_up(session, "amina@example.org")

    assert reason in str(error.value.message)
    assert not Registration.objects.exists()


def test_it_refuses_sign_up_without_consent(session_malmo):
    with pytest.raises(services.TrainingError):
        services.register_for_session(
            session_id=session_malmo.pk,
            name="Amina",
            email="amina@example.org",
            consent=False,
            language="sv",
        )


def test_it_promotes_the_earliest_waitlisted_on_cancellation(
    city_malmo, django_capture_on_commit_callbacks
):
    """Earliest by creation time, then by id; the promoted person is emailed."""
    session = make_session(city_malmo, capacity=1)
    seated = make_registration(session)
    now = timezone.now()
    later = make_registration(session, "later@example.org", status=WAITLISTED, created_at=now)
    first = make_registration(
        session, "first@example.org", status=WAITLISTED, created_at=now - timedelta(minutes=5)
    )
    tie = make_registration(session, "tie@example.org", status=WAITLISTED, created_at=now)

    with django_capture_on_commit_callbacks(execute=True):
        cancelled, promoted = services.cancel_registration(token=seated.token)

    assert cancelled.status == CANCELLED
    assert promoted == [first]
    first.refresh_from_db()
    assert first.status == CONFIRMED and first.promoted_at is not None
    assert services.queue_place(Registration.objects.get(pk=later.pk)) == 1
    assert services.queue_place(Registration.objects.get(pk=tie.pk)) == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["first@example.org", seated.email]


def test_it_promotes_nobody_when_a_waitlisted_person_cancels(city_malmo):
    session = make_session(city_malmo, capacity=1)
    make_registration(session)
    waiting = make_registration(session, status=WAITLISTED)
    behind = make_registration(session, status=WAITLISTED)

    _, promoted = services.cancel_registration(token=waiting.token)

    assert promoted == []
    assert services.queue_place(Registration.objects.get(pk=behind.pk)) == 1


def test_it_refuses_to_cancel_twice(session_malmo):
    registration = make_registration(session_malmo)
    services.cancel_registration(token=registration.token)

    with pytest.raises(services.TrainingError):
        services.cancel_registration(token=registration.token)


def test_more_seats_promote_the_waiting_list_and_fewer_than_confirmed_are_refused(
    city_malmo, staff_malmo, django_capture_on_commit_callbacks
):
    session = make_session(city_malmo, capacity=2)
    make_registration(session)
    make_registration(session)
    waiting = make_registration(session, status=WAITLISTED)

    with pytest.raises(services.TrainingError):
        services.update_session(session_id=session.pk, actor=staff_malmo, changes={"capacity": 1})
    with django_capture_on_commit_callbacks(execute=True):
        _, promoted = services.update_session(
            session_id=session.pk, actor=staff_malmo, changes={"capacity": 3}
        )

    assert promoted == [waiting]
    assert len(mail.outbox) == 1


def test_it_marks_attendance_for_the_people_shown(session_malmo, staff_malmo):
    came, absent, other_page = (make_registration(session_malmo) for _ in range(3))

    count = services.mark_attendance(
        session_id=session_malmo.pk,
        actor=staff_malmo,
        shown_ids={came.pk, absent.pk},
        attended_ids={came.pk},
    )

    assert count == 1
    assert [Registration.objects.get(pk=r.pk).attended for r in (came, absent, other_page)] == [
        True,
        False,
        None,
    ]
