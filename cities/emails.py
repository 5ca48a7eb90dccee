"""The emails about groups: to the city's staff, to a group's admins, to an invited person and
to a group's contact address.

Called by the services inside their transaction; each message is built in its recipients'
language and goes into the outbox when the change is committed (mobilisering.email).
"""

from cities.models import CityStaff, GroupInvitation, GroupMembership, LocalGroup
from mobilisering.email import build_email, languages_for, send_email_on_commit


def _email_people(users: list, *, template: str, context: dict) -> None:
    """One email per language, each to the people who last used the portal in it."""
    languages = languages_for(users)
    by_language: dict[str, list[str]] = {}
    for user in users:
        by_language.setdefault(languages[user.pk], []).append(user.email)
    for language, recipients in sorted(by_language.items()):
        send_email_on_commit(
            build_email(to=recipients, template=template, context=context, language=language)
        )


def city_staff(city_id: int) -> list:
    """The city's staff who can be reached by email."""
    return [
        staff.user
        for staff in CityStaff.objects.filter(city_id=city_id, user__is_active=True)
        .exclude(user__email="")
        .select_related("user")
    ]


def group_admins(group: LocalGroup) -> list:
    """The group's administrators who can be reached by email."""
    return [
        membership.user
        for membership in group.memberships.filter(
            role=GroupMembership.Role.ADMIN, user__is_active=True
        )
        .exclude(user__email="")
        .select_related("user")
    ]


def send_group_registered(group: LocalGroup, *, registrant) -> None:
    """To the city's staff: a new group waits for their review."""
    _email_people(
        city_staff(group.city_id),
        template="cities/email/group_registered",
        context={"group": group, "registrant": registrant},
    )


def send_group_decided(group: LocalGroup, *, action: str, message: str) -> None:
    """To the group's admins: the staff's decision and its message."""
    _email_people(
        group_admins(group),
        template="cities/email/group_decided",
        context={"group": group, "action": action, "message": message},
    )


def send_invitation(invitation: GroupInvitation, *, inviter) -> None:
    """To the invited address, in the inviter's language: the single-use link."""
    send_email_on_commit(
        build_email(
            to=[invitation.email],
            template="cities/email/invitation",
            context={"invitation": invitation, "group": invitation.group, "inviter": inviter},
            language=invitation.language,
        )
    )


def send_contact_message(group: LocalGroup, *, name: str, email: str, message: str) -> None:
    """To the group's contact address, in the group's language, with the visitor as reply-to."""
    send_email_on_commit(
        build_email(
            to=[group.contact_email],
            template="cities/email/contact",
            context={
                "group": group,
                "sender_name": name,
                "sender_email": email,
                "message": message,
            },
            language=group.language,
            reply_to=[email],
        )
    )
