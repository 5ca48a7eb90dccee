"""Who may do what with trainings: one small function per question.

Signing up and cancelling need no account (the secret manage link is the key); running a
session is for the staff of its hosting city.
"""

from cities.permissions import is_city_staff
from trainings.models import Session


def can_run_trainings(user) -> bool:
    """Staff of any city reach the staff pages for trainings (superusers are staff of all)."""
    return is_city_staff(user)


def can_manage_session(user, session: Session) -> bool:
    """Staff of the session's hosting city edit it, see its participants, cancel it."""
    return is_city_staff(user, session.city_id)
