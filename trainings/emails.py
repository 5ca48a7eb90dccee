"""The emails a registrant receives, each in the language they signed up in."""

from django.core.mail import EmailMessage
from django.utils import translation

from mobilisering.email import build_email, send_email_on_commit
from trainings.ical import session_calendar
from trainings.models import Registration


def _registration_email(
    registration: Registration,
    template: str,
    *,
    attach_calendar: bool = False,
    **context,
) -> EmailMessage:
    session = registration.session
    message = build_email(
        to=[registration.email],
        template=f"trainings/email/{template}",
        context={"registration": registration, "session": session, **context},
        language=registration.language,
        reply_to=[session.city.contact_email],
    )
    if attach_calendar:
        with translation.override(registration.language):
            ics = session_calendar(session)
        message.attach("training.ics", ics, "text/calendar")
    return message


def send_signup_email(registration: Registration, *, queue_place: int | None) -> None:
    """Confirmed (with the calendar file) or waitlisted (with the place in the queue)."""
    send_email_on_commit(
        _registration_email(
            registration,
            "signup",
            # Only a seat belongs in a calendar; the waiting list gets the file once promoted.
            attach_calendar=registration.status == Registration.Status.CONFIRMED,
            queue_place=queue_place,
        )
    )


def send_manage_link_email(registration: Registration) -> None:
    """To an address that is already registered: the manage link again, nothing else."""
    send_email_on_commit(_registration_email(registration, "manage_link"))


def send_promoted_email(registration: Registration) -> None:
    send_email_on_commit(_registration_email(registration, "promoted", attach_calendar=True))


def send_cancelled_email(registration: Registration) -> None:
    send_email_on_commit(_registration_email(registration, "cancelled"))


def send_session_cancelled_email(registration: Registration) -> None:
    send_email_on_commit(_registration_email(registration, "session_cancelled"))


def send_participant_message(registration: Registration, *, subject: str, body: str) -> None:
    send_email_on_commit(
        _registration_email(registration, "participant_message", subject=subject, body=body)
    )
