"""Every write that matters for trainings: sign-up, cancellation, promotion, attendance, purge.

Each service runs in one transaction and locks the session row before it counts seats, so two
people can never take the last seat at once (PostgreSQL: SELECT … FOR UPDATE; SQLite: the
IMMEDIATE transaction holds the database's write lock). Emails go out after commit.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import CharField, Q, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cities.models import LocalGroup
from mobilisering import submissions
from mobilisering.errors import DomainError
from mobilisering.personal_data import email_matches
from trainings import emails
from trainings.models import Registration, Session

Status = Registration.Status


class TrainingError(DomainError):
    """A rule of the trainings was broken; `message` is translated and fit to show a person."""


class SignupClosed(TrainingError):
    pass


@dataclass
class SignupResult:
    registration: Registration
    # True when the address already had an active registration: nothing was created, the
    # manage link was sent to that address again.
    already_registered: bool = False
    queue_place: int | None = None


def _lock_session(session_id: int) -> Session:
    return Session.objects.select_for_update().select_related("course", "city").get(pk=session_id)


def queue_place(registration: Registration) -> int | None:
    """The registration's place on its session's waiting list (1 = next in line), or None."""
    if registration.status != Status.WAITLISTED:
        return None
    ahead = Registration.objects.filter(
        session_id=registration.session_id, status=Status.WAITLISTED
    )
    ahead = ahead.filter(
        Q(created_at__lt=registration.created_at)
        | Q(created_at=registration.created_at, id__lt=registration.id)
    )
    return ahead.count() + 1


def _confirmed_count(session: Session) -> int:
    return session.registrations.filter(status=Status.CONFIRMED).count()


def register_for_session(
    *,
    session_id: int,
    name: str,
    email: str,
    consent: bool,
    language: str,
    local_group: LocalGroup | None = None,
    organisation: str = "",
    access_needs: str = "",
) -> SignupResult:
    """Sign a person up: confirmed while seats remain, otherwise on the waiting list.

    An address that already holds an active registration (whatever its letter case) gets its
    manage link again and nothing is created; the caller learns only that, so no other person's
    data is revealed. Raises SignupClosed when the session is cancelled, past or closed.
    """
    if not consent:
        raise TrainingError(_("You need to accept the privacy notice to sign up."))
    email = email.strip()
    with transaction.atomic():
        session = _lock_session(session_id)
        if not session.is_open_for_signup:
            raise SignupClosed(session.closed_reason)
        existing = (
            session.registrations.filter(email__iexact=email)
            .exclude(status=Status.CANCELLED)
            .first()
        )
        if existing is not None:
            existing.session = session
            emails.send_manage_link_email(existing)
            return SignupResult(registration=existing, already_registered=True)
        status = (
            Status.CONFIRMED if _confirmed_count(session) < session.capacity else Status.WAITLISTED
        )
        registration = Registration.objects.create(
            session=session,
            name=name.strip(),
            email=email,
            local_group=local_group,
            organisation=organisation.strip(),
            access_needs=access_needs.strip(),
            consent=True,
            language=language,
            status=status,
            created_at=timezone.now(),
        )
        place = queue_place(registration)
        emails.send_signup_email(registration, queue_place=place)
    return SignupResult(registration=registration, queue_place=place)


def _promote_waitlisted(session: Session, *, now: datetime) -> list[Registration]:
    """Confirm the earliest waitlisted people while seats are free (session row held locked)."""
    free = session.capacity - _confirmed_count(session)
    if free <= 0:
        return []
    promoted = list(
        session.registrations.select_for_update()
        .filter(status=Status.WAITLISTED)
        .order_by("created_at", "id")[:free]
    )
    for registration in promoted:
        registration.status = Status.CONFIRMED
        registration.promoted_at = now
        registration.save(update_fields=["status", "promoted_at"])
        registration.session = session
        emails.send_promoted_email(registration)
    return promoted


def cancel_registration(
    *, token: str, notify: bool = True
) -> tuple[Registration, list[Registration]]:
    """Cancel the registration behind `token`; a freed seat goes to the earliest waitlisted.

    Returns the cancelled registration and the people promoted (each emailed after commit).
    `notify=False` sends the cancelled person no confirmation (their account is being deleted).
    """
    with transaction.atomic():
        session_id = (
            Registration.objects.filter(token=token).values_list("session_id", flat=True).first()
        )
        if session_id is None:
            raise Registration.DoesNotExist
        session = _lock_session(session_id)
        # Read again under the lock: a concurrent cancellation may have got here first.
        registration = Registration.objects.get(token=token)
        if registration.status == Status.CANCELLED:
            raise TrainingError(_("This registration is already cancelled."))
        if session.is_past:
            raise TrainingError(_("The session has already taken place."))
        now = timezone.now()
        was_confirmed = registration.status == Status.CONFIRMED
        registration.status = Status.CANCELLED
        registration.cancelled_at = now
        registration.save(update_fields=["status", "cancelled_at"])
        registration.session = session
        if notify:
            emails.send_cancelled_email(registration)
        promoted = []
        if was_confirmed and not session.is_cancelled:
            promoted = _promote_waitlisted(session, now=now)
    return registration, promoted


def create_session(*, form_key: str = "", actor=None, **fields) -> Session:
    """A new session from the staff form's cleaned data. A second post of the same form
    (`form_key`, see mobilisering.submissions) returns the session the first created."""
    with transaction.atomic():
        claim = submissions.spend(key=form_key, action="trainings.create_session", user=actor)
        if isinstance(claim, submissions.Spent):
            earlier = Session.objects.filter(pk=claim.result_id).first()
            if earlier is None:
                raise TrainingError(_("This form has already been sent."))
            return earlier
        session = Session.objects.create(**fields)
        claim.done(session)
    return session


def update_session(*, session_id: int, changes: dict) -> tuple[Session, list[Registration]]:
    """Apply staff edits; more seats promote waitlisted people, fewer may not drop anyone."""
    with transaction.atomic():
        session = _lock_session(session_id)
        confirmed = _confirmed_count(session)
        if changes.get("capacity", session.capacity) < confirmed:
            raise TrainingError(
                _("%(count)s people are already confirmed; the seats cannot be fewer.")
                % {"count": confirmed}
            )
        for name, value in changes.items():
            setattr(session, name, value)
        session.save()
        promoted = [] if session.is_cancelled else _promote_waitlisted(session, now=timezone.now())
    return session, promoted


def cancel_session(*, session_id: int, message: str) -> int:
    """Cancel the session and email everyone still registered; returns how many were told."""
    with transaction.atomic():
        session = _lock_session(session_id)
        if session.is_cancelled:
            raise TrainingError(_("This session is already cancelled."))
        session.is_cancelled = True
        session.cancel_message = message.strip()
        session.save(update_fields=["is_cancelled", "cancel_message", "updated_at"])
        recipients = list(session.registrations.exclude(status=Status.CANCELLED))
        for registration in recipients:
            registration.session = session
            emails.send_session_cancelled_email(registration)
    return len(recipients)


def email_participants(
    *, session_id: int, subject: str, body: str, include_waitlist: bool = False
) -> int:
    """Email every confirmed participant (and the waiting list if asked); returns the count."""
    statuses = [Status.CONFIRMED, Status.WAITLISTED] if include_waitlist else [Status.CONFIRMED]
    with transaction.atomic():
        session = Session.objects.select_related("course", "city").get(pk=session_id)
        recipients = list(session.registrations.filter(status__in=statuses))
        for registration in recipients:
            registration.session = session
            emails.send_participant_message(registration, subject=subject, body=body)
    return len(recipients)


def mark_attendance(*, session_id: int, shown_ids: set[int], attended_ids: set[int]) -> int:
    """Record who came among the confirmed people shown on the form; returns how many came."""
    with transaction.atomic():
        session = _lock_session(session_id)
        rows = session.registrations.filter(status=Status.CONFIRMED, id__in=shown_ids)
        came = rows.filter(id__in=attended_ids).update(attended=True)
        rows.exclude(id__in=attended_ids).update(attended=False)
    return came


@dataclass
class PurgeResult:
    access_needs_cleared: int = 0
    anonymised: int = 0
    sessions: set[int] = field(default_factory=set)


def purge_personal_data(*, now: datetime | None = None, retention_days: int | None = None):
    """Delete access needs once a session has ended; anonymise registrations after a while.

    `retention_days` defaults to settings.TRAININGS_RETENTION_DAYS.
    """
    now = now or timezone.now()
    if retention_days is None:
        retention_days = settings.TRAININGS_RETENTION_DAYS
    result = PurgeResult()
    with transaction.atomic():
        ended = Registration.objects.filter(session__ends_at__lte=now).exclude(access_needs="")
        result.sessions |= set(ended.values_list("session_id", flat=True))
        result.access_needs_cleared = ended.update(access_needs="")
        old = Registration.objects.filter(
            session__ends_at__lte=now - timedelta(days=retention_days), anonymised_at__isnull=True
        )
        result.sessions |= set(old.values_list("session_id", flat=True))
        result.anonymised = _anonymise(old, now=now)
    return result


def _anonymise(registrations, *, now: datetime) -> int:
    # The token is replaced too (unique, by id), and the manage page ignores anonymised rows.
    return registrations.update(
        name="",
        email="",
        organisation="",
        access_needs="",
        token=Concat(Value("anonymised-"), Cast("id", CharField())),
        anonymised_at=now,
    )


def anonymise_registrations_of(*, addresses: list[str], now: datetime | None = None) -> int:
    """Anonymise every registration made with one of `addresses` (any letter case), for a
    person who deletes their account. A seat they hold in a session still to come is given up
    first, as a cancellation would (the earliest waitlisted person gets it and is emailed)."""
    now = now or timezone.now()
    if not addresses:
        return 0
    with transaction.atomic():
        mine = Registration.objects.filter(email_matches(addresses), anonymised_at__isnull=True)
        upcoming = mine.filter(session__starts_at__gt=now).exclude(status=Status.CANCELLED)
        for token in list(upcoming.values_list("token", flat=True)):
            cancel_registration(token=token, notify=False)
        return _anonymise(mine, now=now)
