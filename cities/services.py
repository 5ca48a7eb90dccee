"""Writes that matter for cities and groups: registration, decisions, membership, invitations.

Each function is keyword-only and takes the person who acts (`actor`). It runs in one
transaction, locks the row it changes, asks the permission (cities.permissions) again under the
lock, writes, records a `GroupEvent`, and raises `GroupError` with a translated message the view
shows. Email (cities.emails) goes out on commit.
"""

import re
from collections.abc import Iterable
from contextlib import contextmanager

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from cities import emails, permissions
from cities.models import (
    GROUP_EVENT_FIELDS,
    GroupDecision,
    GroupEvent,
    GroupInvitation,
    GroupMembership,
    LocalGroup,
    RightsTheme,
)
from mobilisering import images, submissions
from mobilisering.errors import DomainError

# Path words under /groups/ that a group's slug must not take.
RESERVED_SLUGS = {"new", "invitations"}
Role = GroupMembership.Role
Status = LocalGroup.Status


class GroupError(DomainError):
    """A rule of the groups said no; the message is translated and meant for the person."""


def normalise_name(name: str) -> str:
    return " ".join(name.split())


def name_taken(*, name: str, city_id: int, exclude_pk: int | None = None) -> bool:
    """Is the name already used in the city, ignoring case (also for å, ä, ö on SQLite)?"""
    # A regex match is case-insensitive for all of Unicode on both databases, unlike SQLite's
    # LIKE and LOWER, which only fold ASCII letters.
    pattern = r"^\s*" + re.escape(normalise_name(name)).replace(r"\ ", r"\s+") + r"\s*$"
    groups = LocalGroup.objects.filter(city_id=city_id, name__iregex=pattern)
    if exclude_pk is not None:
        groups = groups.exclude(pk=exclude_pk)
    return groups.exists()


def _name_taken_error(city) -> GroupError:
    message = _("A group with this name already exists in %(city)s.") % {"city": city.name}
    return GroupError(message, errors={"name": [message]})


# How often a registration tries another slug when a registration at the same moment took the
# one it chose; each try reads the slugs taken again, so two tries are enough in practice.
SLUG_ATTEMPTS = 5


def _unique_slug(name: str, city_slug: str) -> str:
    base = slugify(name)[:150] or "group"
    candidates = [base, f"{base}-{city_slug}"]
    taken = (
        set(LocalGroup.objects.filter(slug__startswith=base).values_list("slug", flat=True))
        | RESERVED_SLUGS
    )
    for candidate in candidates:
        if candidate not in taken:
            return candidate
    number = 2
    while f"{base}-{city_slug}-{number}" in taken:
        number += 1
    return f"{base}-{city_slug}-{number}"


def _insert_with_unique_slug(group: LocalGroup, city) -> None:
    """Save a new group under a free slug. Two registrations of the same name in different
    cities at the same moment choose the same slug; the later insert fails on the slug's unique
    index, so it takes the next free slug and tries again. A clash of the name itself in the
    same city is the name's constraint, and a real "name taken"."""
    for _attempt in range(SLUG_ATTEMPTS):
        group.slug = _unique_slug(group.name, city.slug)
        try:
            with transaction.atomic():
                group.save()
            return
        except IntegrityError:
            # On PostgreSQL the failed insert waited for the other registration to commit, so
            # both its name and its slug are visible now.
            if name_taken(name=group.name, city_id=city.pk):
                raise _name_taken_error(city) from None
    raise GroupError(_("The group could not be registered just now. Please try again."))


def _lock_group(group_id: int) -> LocalGroup:
    return LocalGroup.objects.select_for_update().select_related("city").get(pk=group_id)


def _check(allowed) -> None:
    """Refuse a write the person may no longer make (their role changed since the page)."""
    if not allowed:
        raise GroupError(
            _("You may not do this in the group. Reload the page to see what you can do.")
        )


def _ask_again(actor, question, group: LocalGroup) -> None:
    """Ask a cities.permissions question afresh, under the group's lock."""
    permissions.forget_roles(actor)
    _check(question(actor, group))


def _log(group: LocalGroup, actor, kind: str, *, member=None, **data) -> GroupEvent:
    return GroupEvent.objects.create(group=group, actor=actor, kind=kind, member=member, data=data)


def register_group(
    *,
    actor,
    name: str,
    city,
    kind: str,
    description: str,
    themes: Iterable[RightsTheme] = (),
    rights_gaps: str = "",
    website: str = "",
    contact_email: str,
    open_to_cooperation: bool = True,
    founded_year: int | None = None,
    logo=None,
    language: str = settings.LANGUAGE_CODE,
    form_key: str = "",
) -> LocalGroup:
    """Register a group in `city`, pending approval, with `actor` as its first admin.

    The city's staff get an email asking them to review it. A second post of the same form
    (`form_key`) returns the group the first registered, marked `repeated_post`.
    """
    name = normalise_name(name)
    _check(permissions.can_register_group(actor))
    try:
        with _files_removed_on_error() as stored, transaction.atomic():
            claim = submissions.spend(key=form_key, action="cities.register_group", user=actor)
            if isinstance(claim, submissions.Spent):
                return submissions.earlier(
                    LocalGroup.objects.select_related("city"), claim, error=GroupError
                )
            if name_taken(name=name, city_id=city.pk):
                raise _name_taken_error(city)
            group = LocalGroup(
                name=name,
                city=city,
                kind=kind,
                description=description,
                rights_gaps=rights_gaps,
                website=website,
                contact_email=contact_email,
                open_to_cooperation=open_to_cooperation,
                founded_year=founded_year,
                status=Status.PENDING,
                language=language,
            )
            _insert_with_unique_slug(group, city)
            if logo:
                _store_logo(group, logo, stored)
            group.themes.set(themes)
            GroupMembership.objects.create(user=actor, group=group, role=Role.ADMIN)
            _log(group, actor, GroupEvent.Kind.REGISTERED)
            emails.send_group_registered(group, registrant=actor)
            claim.done(group)
    except IntegrityError:
        # Two registrations with the same name at the same moment: the constraint decides.
        raise _name_taken_error(city) from None
    return group


def _store_logo(group: LocalGroup, logo, stored: list) -> None:
    """Store a logo that `images.clean_picture` has checked, under its content's name, with
    its renditions; every file written is listed in `stored`, so a failure can remove it."""
    group.logo.save(logo.name, logo, save=False)
    stored.append(group.logo.name)
    group.logo_renditions = images.make_renditions(group.logo)
    stored.extend(rendition["name"] for rendition in group.logo_renditions)
    group.save(update_fields=["logo", "logo_width", "logo_height", "logo_renditions"])


@contextmanager
def _files_removed_on_error():
    """Files a failed write stored are removed, so a refused change leaves no orphans."""
    stored: list[str] = []
    try:
        yield stored
    except BaseException:
        for name in stored:
            images.delete_picture(name, [])
        raise


def update_group(*, group: LocalGroup, actor, changes: dict, themes=None) -> LocalGroup:
    """Save an admin's edits to the profile; the name stays unique in the city.

    A replaced or removed logo is deleted, with its renditions, once the change is committed.
    The event names the fields that changed (and the logo gets its own event).
    """
    changes = dict(changes)
    new_logo = changes.pop("logo", None)
    try:
        with _files_removed_on_error() as stored, transaction.atomic():
            locked = _lock_group(group.pk)
            _ask_again(actor, permissions.can_change_profile, locked)
            if "name" in changes:
                changes["name"] = normalise_name(changes["name"])
                if name_taken(name=changes["name"], city_id=locked.city_id, exclude_pk=locked.pk):
                    raise _name_taken_error(locked.city)
            changed = [
                field
                for field, value in changes.items()
                if field in GROUP_EVENT_FIELDS and getattr(locked, field) != value
            ]
            # The name, not the FieldFile: storing the new logo renames the FieldFile in place.
            old_logo, old_renditions = locked.logo.name, list(locked.logo_renditions)
            for field, value in changes.items():
                setattr(locked, field, value)
            if new_logo == "":
                locked.logo, locked.logo_renditions = "", []
            locked.save()
            if new_logo:
                _store_logo(locked, new_logo, stored)
            if old_logo and old_logo != locked.logo.name:
                transaction.on_commit(lambda: images.delete_picture(old_logo, old_renditions))
            if themes is not None:
                before = set(locked.themes.values_list("pk", flat=True))
                locked.themes.set(themes)
                if before != {theme.pk for theme in themes}:
                    changed.append("themes")
            if changed:
                _log(locked, actor, GroupEvent.Kind.UPDATED, fields=changed)
            if old_logo != locked.logo.name:
                _log(locked, actor, GroupEvent.Kind.LOGO_CHANGED, removed=not locked.logo.name)
    except IntegrityError:
        raise _name_taken_error(group.city) from None
    return locked


def decide_group(*, group: LocalGroup, actor, action: str, message: str = "") -> LocalGroup:
    """Approve, reject or archive a group; logged, and emailed to the group's admins.

    A rejection needs a message, so the group learns why. Two staff deciding at once give one
    decision and one clear error.
    """
    action = GroupDecision.Action(action)
    message = message.strip()
    if permissions.needs_message(action) and not message:
        text = _("Write a message to the group explaining the rejection.")
        raise GroupError(text, errors={"message": [text]})
    to_state = permissions.DECISIONS[action][1]
    with transaction.atomic():
        locked = _lock_group(group.pk)
        _ask_again(actor, permissions.can_decide, locked)
        if action not in permissions.available_decisions(locked):
            raise GroupError(
                _("This group is already %(status)s; reload the page to see the latest state.")
                % {"status": locked.get_status_display()}
            )
        locked.status = to_state
        locked.decision_message = message
        locked.decided_at = timezone.now()
        locked.decided_by = actor
        locked.save(
            update_fields=["status", "decision_message", "decided_at", "decided_by", "updated_at"]
        )
        GroupDecision.objects.create(group=locked, actor=actor, action=action, message=message)
        _log(locked, actor, GroupEvent.Kind.DECIDED, action=action.value, message=message)
        emails.send_group_decided(locked, action=action.value, message=message)
    return locked


def _check_admin_remains(group: LocalGroup, *, losing: GroupMembership) -> None:
    if permissions.leaves_group_without_admin(group, losing):
        raise GroupError(
            _("A group needs at least one administrator. Make someone else an administrator first.")
        )


def change_member_role(
    *, group: LocalGroup, actor, membership_id: int, role: str
) -> GroupMembership:
    """Make a member an admin or an admin a member; the last admin stays an admin."""
    role = Role(role)
    with transaction.atomic():
        locked = _lock_group(group.pk)
        _ask_again(actor, permissions.can_manage_members, locked)
        membership = _get_membership(locked, membership_id)
        if membership.role == role:
            return membership
        if role == Role.MEMBER:
            _check_admin_remains(locked, losing=membership)
        membership.role = role
        membership.save(update_fields=["role"])
        _log(locked, actor, GroupEvent.Kind.ROLE_CHANGED, member=membership.user, role=role.value)
    return membership


def remove_member(*, group: LocalGroup, actor, membership_id: int) -> GroupMembership:
    """An admin removes someone from the group (also themself: leaving); the last admin
    cannot go."""
    with transaction.atomic():
        locked = _lock_group(group.pk)
        membership = _get_membership(locked, membership_id)
        leaving = membership.user_id == actor.pk
        _ask_again(
            actor, permissions.can_leave if leaving else permissions.can_manage_members, locked
        )
        _check_admin_remains(locked, losing=membership)
        membership.delete()
        kind = GroupEvent.Kind.MEMBER_LEFT if leaving else GroupEvent.Kind.MEMBER_REMOVED
        _log(locked, actor, kind, member=membership.user)
    return membership


def leave_group(*, group: LocalGroup, actor) -> None:
    """The person leaves the group; the last admin cannot leave."""
    membership = group.memberships.filter(user=actor).first()
    if membership is None:
        raise GroupError(_("You are not a member of this group."))
    remove_member(group=group, actor=actor, membership_id=membership.pk)


def _get_membership(group: LocalGroup, membership_id: int) -> GroupMembership:
    membership = group.memberships.select_related("user").filter(pk=membership_id).first()
    if membership is None:
        raise GroupError(_("This person is no longer a member of the group."))
    return membership


def invite_member(
    *,
    group: LocalGroup,
    actor,
    email: str,
    role: str,
    language: str = settings.LANGUAGE_CODE,
) -> GroupInvitation:
    """Email an invitation with a single-use link that expires after 14 days."""
    email = email.strip()
    with transaction.atomic():
        locked = _lock_group(group.pk)
        _ask_again(actor, permissions.can_manage_members, locked)
        if locked.memberships.filter(user__email__iexact=email).exists():
            message = _("%(email)s is already a member of the group.") % {"email": email}
            raise GroupError(message, errors={"email": [message]})
        waiting = locked.invitations.filter(
            email__iexact=email, accepted_at__isnull=True, expires_at__gt=timezone.now()
        )
        if waiting.exists():
            message = _("An invitation to %(email)s is already waiting to be accepted.") % {
                "email": email
            }
            raise GroupError(message, errors={"email": [message]})
        invitation = GroupInvitation.objects.create(
            group=locked, email=email, role=Role(role), invited_by=actor, language=language
        )
        _log(locked, actor, GroupEvent.Kind.INVITED, email=email, role=invitation.role)
        emails.send_invitation(invitation, inviter=actor)
    return invitation


def revoke_invitation(*, group: LocalGroup, actor, invitation_id: int) -> None:
    """Withdraw an invitation not yet accepted; its link stops working."""
    with transaction.atomic():
        locked = _lock_group(group.pk)
        _ask_again(actor, permissions.can_manage_members, locked)
        invitation = locked.invitations.filter(pk=invitation_id, accepted_at__isnull=True).first()
        if invitation is None:
            raise GroupError(_("This invitation has already been accepted or withdrawn."))
        invitation.delete()
        _log(locked, actor, GroupEvent.Kind.INVITATION_REVOKED, email=invitation.email)


def accept_invitation(*, token: str, actor) -> GroupInvitation:
    """Join the group the invitation is for, once; a used or expired token is refused."""
    with transaction.atomic():
        invitation = (
            GroupInvitation.objects.select_for_update()
            .select_related("group")
            .filter(token=token)
            .first()
        )
        if invitation is None:
            raise GroupError(_("This invitation link is not valid. It may have been withdrawn."))
        if invitation.accepted_at is not None:
            raise GroupError(_("This invitation has already been used."))
        if invitation.is_expired:
            raise GroupError(_("This invitation has expired."))
        _check(actor.is_authenticated)
        membership, created = GroupMembership.objects.get_or_create(
            user=actor, group=invitation.group, defaults={"role": invitation.role}
        )
        if not created and invitation.role == Role.ADMIN and membership.role != Role.ADMIN:
            membership.role = Role.ADMIN
            membership.save(update_fields=["role"])
        invitation.accepted_at = timezone.now()
        invitation.accepted_by = actor
        invitation.save(update_fields=["accepted_at", "accepted_by"])
        _log(
            invitation.group,
            actor,
            GroupEvent.Kind.INVITATION_ACCEPTED,
            member=actor,
            role=membership.role,
        )
    # The permission helpers cache the person's roles for the request; they changed.
    permissions.forget_roles(actor)
    return invitation


def send_contact_message(*, group: LocalGroup, name: str, email: str, message: str) -> None:
    """Relay a visitor's message to the group's contact address, with the visitor as reply-to.

    The message is kept only in the outbox, until it is delivered (and, after that, only as long
    as `manage.py purge_personal_data` allows). Nothing is logged: the message is not the
    group's to keep.
    """
    with transaction.atomic():
        emails.send_contact_message(group, name=name, email=email, message=message)
