"""Who may do what with cities and groups: one small function per question.

Views, templates and tests ask these, and other apps (initiatives, trainings) build on them.
Each takes the user first and answers False for anonymous visitors.
"""

from cities.models import City, GroupMembership, LocalGroup


def staff_city_ids(user) -> set[int]:
    """The ids of the cities whose staff `user` belongs to (empty for everyone else).

    A superuser (the programme's administrator) works as staff of every city. Cached on the
    user object for the request, since pages ask it many times.
    """
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_staff_city_ids", None)
    if cached is None:
        if user.is_superuser:
            cached = set(City.objects.values_list("pk", flat=True))
        else:
            cached = set(user.city_staff.values_list("city_id", flat=True))
        user._staff_city_ids = cached
    return cached


def is_city_staff(user, city: City | int | None = None) -> bool:
    """Is `user` staff of `city` — or, without a city, of any city?"""
    ids = staff_city_ids(user)
    if city is None:
        return bool(ids)
    city_id = city if isinstance(city, int) else city.pk
    return city_id in ids


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
