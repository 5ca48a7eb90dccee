"""What cities holds about a person, how it goes when they delete their account, and how long
invitations are kept (see mobilisering/personal_data.py)."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cities.models import INVITATION_LIFETIME, CityStaff, GroupInvitation, GroupMembership
from mobilisering.personal_data import Rule, Section, email_matches


def export(user, addresses: list[str]) -> list[Section]:
    """Memberships (group name, role, since when), invitations to the person's addresses, and
    the cities they are staff of. Nothing of who else is in a group or who invited them."""
    memberships = Section(
        "memberships",
        _("Group memberships"),
        [("group", _("Group")), ("role", _("Role")), ("since", _("Member since"))],
        [
            {"group": row.group.name, "role": row.get_role_display(), "since": row.created_at}
            for row in GroupMembership.objects.filter(user=user)
            .select_related("group")
            .order_by("group__name", "pk")
        ],
    )
    invitations = Section(
        "invitations",
        _("Invitations to groups"),
        [
            ("group", _("Group")),
            ("email", _("Sent to")),
            ("role", _("Role")),
            ("sent", _("Sent")),
            ("expires", _("Expires")),
            ("accepted", _("Accepted")),
        ],
        [
            {
                "group": row.group.name,
                "email": row.email,
                "role": row.get_role_display(),
                "sent": row.created_at,
                "expires": row.expires_at,
                "accepted": row.accepted_at,
            }
            for row in GroupInvitation.objects.filter(email_matches(addresses))
            .select_related("group")
            .order_by("-created_at", "pk")
        ],
    )
    staff = Section(
        "city_staff",
        _("City mission staff of"),
        [("city", _("City"))],
        [
            {"city": row.city.name}
            for row in CityStaff.objects.filter(user=user).select_related("city")
        ],
    )
    return [memberships, invitations, staff]


def erase(user, addresses: list[str], now) -> None:
    """Memberships, invitations to the person and staff roles go. Invitations the person sent
    stay with the group (they name the invited, not the inviter)."""
    GroupMembership.objects.filter(user=user).delete()
    GroupInvitation.objects.filter(email_matches(addresses)).delete()
    CityStaff.objects.filter(user=user).delete()


def purge(now) -> dict[str, int]:
    """Invitations that have expired, accepted or not: the membership records what came of it."""
    deleted, _rows = GroupInvitation.objects.filter(expires_at__lte=now).delete()
    return {"expired_invitations": deleted}


def retention() -> list[Rule]:
    days = INVITATION_LIFETIME.days
    return [
        Rule(
            _("Group memberships and your role in each group"),
            _("To let you and your group work on your initiatives"),
            _("Until you leave the group or delete your account"),
        ),
        Rule(
            _("Invitations to join a group: the invited address"),
            _("To let the invited person join"),
            ngettext(
                "Until the invitation expires, %(count)s day after it was sent",
                "Until the invitation expires, %(count)s days after it was sent",
                days,
            )
            % {"count": days},
        ),
    ]
