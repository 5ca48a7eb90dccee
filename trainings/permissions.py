"""Who may do what with trainings: one small function per question.

Signing up and cancelling need no account (the secret manage link is the key); running a
session is for the staff of its hosting city.
"""

from cities.permissions import is_city_staff, staff_city_ids
from trainings.models import Session


def can_run_trainings(user) -> bool:
    """Staff of any city (and superusers) reach the staff pages for trainings."""
    return user.is_authenticated and (user.is_superuser or is_city_staff(user))


def can_manage_session(user, session: Session) -> bool:
    """Staff of the session's hosting city edit it, see its participants, cancel it."""
    return user.is_authenticated and (user.is_superuser or is_city_staff(user, session.city_id))


def manageable_city_ids(user) -> set[int] | None:
    """The cities whose sessions `user` manages; None means all of them (superusers)."""
    if user.is_authenticated and user.is_superuser:
        return None
    return staff_city_ids(user)
