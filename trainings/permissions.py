"""Who may do what with trainings, and when: one small function per question.

Views, templates (through their context) and tests ask these; the services ask them again under
the session's lock before every write. Signing up and cancelling need no account (the secret
manage link is the key); running a session is for the staff of its hosting city.
"""

from cities.permissions import is_city_staff
from trainings.models import Registration, Session


def can_run_trainings(user) -> bool:
    """Staff of any city reach the staff pages for trainings (superusers are staff of all)."""
    return is_city_staff(user)


def can_create_session(user, city_id: int) -> bool:
    """Staff of a city create sessions hosted by that city."""
    return is_city_staff(user, city_id)


def can_manage_session(user, session: Session) -> bool:
    """Staff of the session's hosting city edit it, see its participants, cancel it, email the
    participants, mark attendance and cancel a participant's registration."""
    return is_city_staff(user, session.city_id)


def can_sign_up(session: Session) -> bool:
    """Anyone signs up for a session that is not cancelled, until sign-up closes."""
    return session.is_open_for_signup


def shows_seats_left(session: Session) -> bool:
    """Free seats are news only while a session is still to come and not cancelled."""
    return not session.is_cancelled and not session.is_past


def can_cancel(registration: Registration) -> bool:
    """A confirmed or waitlisted person cancels until the session starts (not once it has been
    cancelled: then there is nothing left to cancel)."""
    session = registration.session
    return registration.is_active and not session.is_past and not session.is_cancelled


def offers_calendar(session: Session) -> bool:
    """The public session page offers its calendar file while the session is still to come."""
    return not session.is_cancelled and not session.is_past


def can_add_to_calendar(registration: Registration) -> bool:
    """Only a seat belongs in a calendar: a confirmed registration of a session not cancelled.
    The waiting list gets the calendar file once promoted."""
    return registration.status == Registration.Status.CONFIRMED and not (
        registration.session.is_cancelled
    )
