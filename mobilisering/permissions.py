"""Who may do what with the portal's own machinery: one small function per question."""

from mobilisering.sections import provided


def can_manage_outbox(user) -> bool:
    """Only superusers read the outbox and send an email again.

    The outbox holds every city's mail, some of it personal (a visitor's message to a group) or
    secret (a password-reset link), so it is not for one city's staff; they see only how many
    emails are held up.
    """
    return user.is_authenticated and user.is_superuser


def is_programme_staff(user) -> bool:
    """Does an app count the person as the programme's staff (cities: a city's staff)?

    Each app may say so with `<app>.permissions.holds_staff_role(user)`; mobilisering asks them
    through the registry rather than knowing the apps' roles."""
    if not user.is_authenticated:
        return False
    return any(check(user) for check in provided("holds_staff_role", module="permissions"))
