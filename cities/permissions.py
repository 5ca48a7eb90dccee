"""Who may do what with cities and groups: one small function per question.

Views, templates and tests ask these, and other apps (initiatives, trainings) build on them.
Each takes the user first and answers False for anonymous visitors.
"""

from django.db.models import CharField, Value
from django.db.models.functions import Cast

from cities.models import City, GroupDecision, GroupMembership, LocalGroup
from mobilisering.backends import permission_names, remember_permissions

Status = LocalGroup.Status
Decision = GroupDecision.Action

# What each staff decision does: the states it may start from, the state it leads to.
DECISIONS = {
    Decision.APPROVED: ({Status.PENDING, Status.REJECTED}, Status.APPROVED),
    Decision.REJECTED: ({Status.PENDING}, Status.REJECTED),
    Decision.ARCHIVED: ({Status.APPROVED}, Status.ARCHIVED),
}


def staff_city_ids(user) -> set[int]:
    """The ids of the cities whose staff `user` belongs to (empty for everyone else).

    A superuser (the programme's administrator) works as staff of every city. Cached on the
    user object for the request, since pages ask it many times.
    """
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_staff_city_ids", None)
    if cached is None:
        cached = user._staff_city_ids = _read_staff_city_ids(user)
    return cached


# Marks the rows of cities among the permissions' (app_label, codename) rows: no app's label
# is empty.
_CITY = ""


def _read_staff_city_ids(user) -> set[int]:
    """The person's cities, and with them their permissions if not read yet: a page that asks
    one asks the other (the header and the staff menu link to the staff pages and, for editors,
    the handbook), so both come in one query, a union of rows told apart by the first column."""
    if user.is_superuser:
        return set(City.objects.values_list("pk", flat=True))
    if hasattr(user, "_perm_cache") or not user.is_active:  # An inactive person holds none.
        return set(user.city_staff.values_list("city_id", flat=True))
    cities = (
        user.city_staff.annotate(mark=Value(_CITY), value=Cast("city_id", CharField()))
        .values_list("mark", "value")
        .order_by()
    )
    city_ids, names = set(), []
    for label, value in cities.union(permission_names(user), all=True):
        if label == _CITY:
            city_ids.add(int(value))
        else:
            names.append((label, value))
    remember_permissions(user, names)
    return city_ids


def forget_roles(user) -> None:
    """Drop the roles cached on `user`, so the next question reads them from the database.

    Services ask again under their lock: a role taken away a moment ago must count."""
    for attribute in ("_staff_city_ids", "_group_roles"):
        if hasattr(user, attribute):
            delattr(user, attribute)


def is_city_staff(user, city: City | int | None = None) -> bool:
    """Is `user` staff of `city` — or, without a city, of any city?"""
    ids = staff_city_ids(user)
    if city is None:
        return bool(ids)
    city_id = city if isinstance(city, int) else city.pk
    return city_id in ids


def holds_staff_role(user) -> bool:
    """City staff (and the administrator) are the programme's staff: they start on the staff
    start page (mobilisering.permissions.is_programme_staff asks this)."""
    return is_city_staff(user)


def group_role(user, group: LocalGroup) -> str | None:
    """The user's role in the group ("admin", "member") or None."""
    if not user.is_authenticated:
        return None
    cache = getattr(user, "_group_roles", None)
    if cache is None:
        cache = dict(user.group_memberships.values_list("group_id", "role"))
        user._group_roles = cache
    return cache.get(group.pk)


def is_group_member(user, group: LocalGroup) -> bool:
    """Does `user` belong to the group, in any role?"""
    return group_role(user, group) is not None


def is_group_admin(user, group: LocalGroup) -> bool:
    """Is `user` an administrator of the group?"""
    return group_role(user, group) == GroupMembership.Role.ADMIN


def can_view_group(user, group: LocalGroup) -> bool:
    """Approved groups are public; others only for their members and their city's staff."""
    return group.is_public or is_group_member(user, group) or is_city_staff(user, group.city_id)


def can_edit(user, group: LocalGroup) -> bool:
    """Group admins edit the group's profile."""
    return is_group_admin(user, group)


def can_change_profile(user, group: LocalGroup) -> bool:
    """Who may change a group's profile at all: its admins (the profile form), and the
    programme's administrator, who corrects it in the Django admin."""
    return can_edit(user, group) or (user.is_authenticated and user.is_superuser)


def can_manage_members(user, group: LocalGroup) -> bool:
    """Group admins invite, change roles and remove members."""
    return is_group_admin(user, group)


def can_decide(user, group: LocalGroup) -> bool:
    """Staff of the group's city approve or reject it."""
    return is_city_staff(user, group.city_id)


def can_register_group(user) -> bool:
    """Any signed-in person may register a group; it then waits for staff approval."""
    return user.is_authenticated


def can_leave(user, group: LocalGroup) -> bool:
    """Members may leave a group (the service keeps its last admin)."""
    return is_group_member(user, group)


def can_contact(user, group: LocalGroup) -> bool:
    """Anyone may write to a public group through the contact relay."""
    return group.is_public


def can_see_group_queue(user) -> bool:
    """City staff see the groups waiting for approval in their cities."""
    return is_city_staff(user)


def available_decisions(group: LocalGroup) -> list[str]:
    """The decisions staff may take on the group in its present state (none once archived)."""
    return [
        action for action, (from_states, _to) in DECISIONS.items() if group.status in from_states
    ]


def needs_message(decision: str) -> bool:
    """A rejection must tell the group why."""
    return decision == Decision.REJECTED


def leaves_group_without_admin(group: LocalGroup, membership: GroupMembership) -> bool:
    """Would the group lose its last administrator if `membership` went (or became a member)?"""
    if membership.role != GroupMembership.Role.ADMIN:
        return False
    others = group.memberships.filter(role=GroupMembership.Role.ADMIN).exclude(pk=membership.pk)
    return not others.exists()
