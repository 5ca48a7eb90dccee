"""Who may do what with the portal's own machinery: one small function per question."""


def can_manage_outbox(user) -> bool:
    """Only superusers read the outbox and send an email again.

    The outbox holds every city's mail, some of it personal (a visitor's message to a group) or
    secret (a password-reset link), so it is not for one city's staff; they see only how many
    emails are held up.
    """
    return user.is_authenticated and user.is_superuser
