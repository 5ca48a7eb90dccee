"""Every write that matters for trainings: sign-up, cancellation, promotion, the staff's changes
to a session, attendance, purge.

Each service runs in one transaction and locks the session row before it counts seats, so two
people can never take the last seat at once (PostgreSQL: SELECT … FOR UPDATE; SQLite: the
IMMEDIATE transaction holds the database's write lock). The staff's services take the person who
acts (`actor=`, keyword-only), ask `trainings.permissions` again under the lock, write, and log a
`SessionEvent`. Emails (trainings/emails.py) go into the outbox in the same transaction and out
after commit. Refusals raise `TrainingError` with a translated message (and, for a form's fields,
`errors`), which views show with `mobilisering.errors.add_to_form` or `messages.error`.

Public API (all keyword-only):

- `register_for_session(session_id, name, email, consent, language, …) -> SignupResult`
- `cancel_registration(token, actor=None, notify=True) -> (Registration, promoted)`
- `create_session(actor, form_key="", **fields) -> Session`
- `update_session(session_id, actor, changes) -> (Session, promoted)`
- `cancel_session(session_id, actor, message) -> int` — how many were told
- `email_participants(session_id, actor, subject, body, include_waitlist=False) -> int`
- `mark_attendance(session_id, actor, shown_ids, attended_ids) -> int` — how many came
- `purge_personal_data(now=None, retention_days=None) -> PurgeResult`
- `anonymise_registrations_of(addresses, now=None) -> int`
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import CharField, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cities.models import LocalGroup
from mobilisering import submissions
from mobilisering.errors import DomainError
from mobilisering.models import current_language
from mobilisering.personal_data import email_matches
from trainings import emails, permissions, selectors
from trainings.models import Registration, Session, SessionEvent, session_timing_errors

Status = Registration.Status
Kind = SessionEvent.Kind

# What the staff form may change through `update_session` (seats and cancellation have their
# own rules; the written language follows the text).
EDITABLE_FIELDS = {
    "course",
    "city",
    "is_online",
    "venue_name",
    "venue_address",
    "starts_at",
    "ends_at",
    "signup_closes_at",
    "capacity",
    "language",
    "contact",
}

OWN_CITY = _("Sessions can only be hosted by a city you are staff of.")


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


# The place in the queue is a read; it stays importable from here for the callers that know it.
queue_place = selectors.queue_place


def _lock_session(session_id: int) -> Session:
    return Session.objects.select_for_update().select_related("course", "city").get(pk=session_id)


def _confirmed_count(session: Session) -> int:
    return session.registrations.filter(status=Status.CONFIRMED).count()


def _log(session: Session, actor, kind: str, **data) -> SessionEvent:
    """One entry of the session's log: facts only, the words are rendered when it is shown."""
    return SessionEvent.objects.create(
        session=session,
        actor=actor if actor and actor.is_authenticated else None,
        kind=kind,
        data=data,
    )


def _refuse_unless_manager(actor, session: Session) -> None:
    if actor is None or not permissions.can_manage_session(actor, session):
        raise TrainingError(_("Only staff of the session's city can do this."))


def _check_timing(starts_at, ends_at, signup_closes_at) -> None:
    errors = session_timing_errors(
        starts_at=starts_at, ends_at=ends_at, signup_closes_at=signup_closes_at
    )
    if errors:
        raise TrainingError(next(iter(errors.values()))[0], errors=errors)


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
        if not permissions.can_sign_up(session):
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


def _promote_waitlisted(session: Session, *, now: datetime, actor=None) -> list[Registration]:
    """Confirm the earliest waitlisted people while seats are free (session row held locked);
    logs how many moved up."""
    free = session.capacity - _confirmed_count(session)
    if free <= 0:
        return []
    promoted = list(selectors.waitlist(session.pk).select_for_update()[:free])
    for registration in promoted:
        registration.status = Status.CONFIRMED
        registration.promoted_at = now
        registration.save(update_fields=["status", "promoted_at"])
        registration.session = session
        emails.send_promoted_email(registration)
    if promoted:
        _log(session, actor, Kind.PROMOTED, count=len(promoted))
    return promoted


def cancel_registration(
    *, token: str, actor=None, notify: bool = True
) -> tuple[Registration, list[Registration]]:
    """Cancel the registration behind `token`; a freed seat goes to the earliest waitlisted.

    Without `actor` the person cancels their own registration (the token is their key); with
    one, staff of the session's city cancel it for them, and the session's log says so.
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
        if actor is not None:
            _refuse_unless_manager(actor, session)
        # Read again under the lock: a concurrent cancellation may have got here first.
        registration = Registration.objects.get(token=token)
        registration.session = session
        if registration.status == Status.CANCELLED:
            raise TrainingError(_("This registration is already cancelled."))
        if session.is_past:
            raise TrainingError(_("The session has already taken place."))
        if not permissions.can_cancel(registration):
            raise TrainingError(_("This session has been cancelled."))
        now = timezone.now()
        was_confirmed = registration.status == Status.CONFIRMED
        registration.status = Status.CANCELLED
        registration.cancelled_at = now
        registration.save(update_fields=["status", "cancelled_at"])
        if actor is not None:
            _log(session, actor, Kind.REGISTRATION_CANCELLED, registration=registration.pk)
        if notify:
            emails.send_cancelled_email(registration)
        promoted = []
        if was_confirmed:
            promoted = _promote_waitlisted(session, now=now, actor=actor)
    return registration, promoted


def create_session(*, actor, form_key: str = "", **fields) -> Session:
    """A new session from the staff form's cleaned data, hosted by a city `actor` is staff of.
    A second post of the same form (`form_key`, see mobilisering.submissions) returns the
    session the first created."""
    # Sign-up stays open until the session starts unless staff close it earlier.
    fields["signup_closes_at"] = fields.get("signup_closes_at") or fields.get("starts_at")
    _check_timing(fields.get("starts_at"), fields.get("ends_at"), fields["signup_closes_at"])
    with transaction.atomic():
        city = fields.get("city")
        if not permissions.can_create_session(actor, getattr(city, "pk", city)):
            raise TrainingError(OWN_CITY, errors={"city": [OWN_CITY]})
        claim = submissions.spend(key=form_key, action="trainings.create_session", user=actor)
        if isinstance(claim, submissions.Spent):
            return submissions.earlier(Session, claim, error=TrainingError)
        session = Session.objects.create(**fields)
        _log(session, actor, Kind.CREATED)
        claim.done(session)
    return session


def update_session(*, session_id: int, actor, changes: dict) -> tuple[Session, list[Registration]]:
    """Apply staff edits; more seats promote waitlisted people, fewer may not drop anyone.
    Logs which fields changed (their names, not their values)."""
    unknown = set(changes) - EDITABLE_FIELDS
    if unknown:
        raise ValueError(f"update_session cannot change {sorted(unknown)}")
    with transaction.atomic():
        session = _lock_session(session_id)
        _refuse_unless_manager(actor, session)
        new_city = changes.get("city", session.city)
        if not permissions.can_create_session(actor, getattr(new_city, "pk", new_city)):
            raise TrainingError(OWN_CITY, errors={"city": [OWN_CITY]})
        confirmed = _confirmed_count(session)
        if changes.get("capacity", session.capacity) < confirmed:
            message = _("%(count)s people are already confirmed; the seats cannot be fewer.") % {
                "count": confirmed
            }
            raise TrainingError(message, errors={"capacity": [message]})
        changed = sorted(name for name, value in changes.items() if getattr(session, name) != value)
        for name in changed:
            setattr(session, name, changes[name])
        _check_timing(session.starts_at, session.ends_at, session.signup_closes_at)
        if {"venue_name", "venue_address"} & set(changed):
            session.written_language = current_language()
        session.save()
        if changed:
            _log(session, actor, Kind.UPDATED, fields=changed)
        promoted = (
            []
            if session.is_cancelled
            else _promote_waitlisted(session, now=timezone.now(), actor=actor)
        )
    return session, promoted


def cancel_session(*, session_id: int, actor, message: str) -> int:
    """Cancel the session and email everyone still registered; returns how many were told."""
    with transaction.atomic():
        session = _lock_session(session_id)
        _refuse_unless_manager(actor, session)
        if session.is_cancelled:
            raise TrainingError(_("This session is already cancelled."))
        session.is_cancelled = True
        session.cancel_message = message.strip()
        session.written_language = current_language()
        session.save(
            update_fields=["is_cancelled", "cancel_message", "written_language", "updated_at"]
        )
        recipients = list(session.registrations.exclude(status=Status.CANCELLED))
        for registration in recipients:
            registration.session = session
            emails.send_session_cancelled_email(registration)
        _log(session, actor, Kind.CANCELLED, count=len(recipients))
    return len(recipients)


def email_participants(
    *, session_id: int, actor, subject: str, body: str, include_waitlist: bool = False
) -> int:
    """Email every confirmed participant (and the waiting list if asked); returns the count.
    The log keeps the subject and how many it reached (the message itself is in the outbox)."""
    statuses = [Status.CONFIRMED, Status.WAITLISTED] if include_waitlist else [Status.CONFIRMED]
    with transaction.atomic():
        session = _lock_session(session_id)
        _refuse_unless_manager(actor, session)
        recipients = list(session.registrations.filter(status__in=statuses))
        for registration in recipients:
            registration.session = session
            emails.send_participant_message(registration, subject=subject, body=body)
        _log(
            session,
            actor,
            Kind.EMAILED,
            count=len(recipients),
            subject=subject,
            waitlist=include_waitlist,
        )
    return len(recipients)


def mark_attendance(*, session_id: int, actor, shown_ids: set[int], attended_ids: set[int]) -> int:
    """Record who came among the confirmed people shown on the form; returns how many came."""
    with transaction.atomic():
        session = _lock_session(session_id)
        _refuse_unless_manager(actor, session)
        rows = session.registrations.filter(status=Status.CONFIRMED, id__in=shown_ids)
        came = rows.filter(id__in=attended_ids).update(attended=True)
        absent = rows.exclude(id__in=attended_ids).update(attended=False)
        _log(session, actor, Kind.ATTENDANCE, attended=came, absent=absent)
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
        # A cancelled session has no seat to give up.
        upcoming = mine.filter(session__starts_at__gt=now, session__is_cancelled=False).exclude(
            status=Status.CANCELLED
        )
        for token in list(upcoming.values_list("token", flat=True)):
            cancel_registration(token=token, notify=False)
        return _anonymise(mine, now=now)
