"""Who may do what with initiatives: one small function per question.

Views, templates and tests ask these; the services ask them again before every write. Each takes
the user first and answers False for anonymous visitors (except the public reads). They build on
`cities.permissions`, whose answers are cached on the user for the request, so asking many times
on one page costs no extra queries.

Roles: *member* = any member (admin or member) of the initiative's group; *staff* = staff of the
initiative's city (`CityStaff`); *partner* = a member of a group named as a partner. Staff of
another city, members of another group, editors and anonymous visitors see only public states.
"""

from cities.models import LocalGroup
from cities.permissions import is_city_staff, is_group_admin, is_group_member
from initiatives import workflow
from initiatives.models import (
    EDITABLE_STATUSES,
    GRANT_STATUSES,
    REPORTING_STATUSES,
    Attachment,
    Initiative,
    Status,
    SupportGrant,
)


def is_member(user, initiative: Initiative) -> bool:
    """Is `user` a member (any role) of the initiative's group?"""
    return is_group_member(user, initiative.group)


def is_staff_for(user, initiative: Initiative) -> bool:
    """Is `user` staff of the initiative's city?"""
    return is_city_staff(user, initiative.city_id)


def is_partner_member(user, initiative: Initiative) -> bool:
    """Is `user` a member of a group named as a partner? (Prefetch `partnerships` on lists.)"""
    if not user.is_authenticated:
        return False
    return any(
        is_group_member(user, LocalGroup(pk=partnership.group_id))
        for partnership in initiative.partnerships.all()
    )


def can_create(user, group: LocalGroup | None = None) -> bool:
    """Members of an approved group propose initiatives for it. Without `group`: may `user`
    propose for at least one group?"""
    if not user.is_authenticated:
        return False
    if group is not None:
        return group.is_public and is_group_member(user, group)
    return creatable_groups(user).exists()


def creatable_groups(user):
    """The approved groups `user` may propose an initiative for (a queryset, name order)."""
    if not user.is_authenticated:
        return LocalGroup.objects.none()
    return LocalGroup.objects.filter(
        memberships__user=user, status=LocalGroup.Status.APPROVED
    ).select_related("city")


def can_view(user, initiative: Initiative) -> bool:
    """Public states for everyone; other states for the group's members and the city's staff.

    Members of a partner group also see a submitted (not draft) initiative, so they can confirm
    the partnership. Everyone else gets a 404 for a non-public initiative.
    """
    if initiative.is_public:
        return True
    if is_member(user, initiative) or is_staff_for(user, initiative):
        return True
    return initiative.status != Status.DRAFT and is_partner_member(user, initiative)


def can_see_private(user, initiative: Initiative) -> bool:
    """The group's side: its timeline, the support terms, grant amounts, attachments, reports.

    Members of the group and the city's staff."""
    return is_staff_for(user, initiative) or is_member(user, initiative)


def can_edit(user, initiative: Initiative) -> bool:
    """Members edit the proposal in draft and changes_requested, never otherwise."""
    return initiative.status in EDITABLE_STATUSES and is_member(user, initiative)


def can_transition(user, initiative: Initiative, name: str) -> bool:
    """May `user` make the workflow transition `name` now? (see `workflow.TRANSITIONS`)"""
    return workflow.may_perform(user, initiative, name)


def can_submit(user, initiative: Initiative) -> bool:
    """Members submit a draft, or submit again after changes were requested."""
    return can_transition(user, initiative, "submit") or can_transition(
        user, initiative, "resubmit"
    )


def can_withdraw(user, initiative: Initiative) -> bool:
    """Members withdraw a proposal that is not yet decided."""
    return can_transition(user, initiative, "withdraw")


def can_review(user, initiative: Initiative) -> bool:
    """Staff of the initiative's city review it: the staff page, decisions, assignment."""
    return is_staff_for(user, initiative)


def can_see_internal(user, initiative: Initiative) -> bool:
    """Internal comments, assessments and the whole timeline: the city's staff only."""
    return is_staff_for(user, initiative)


def can_assign(user, initiative: Initiative) -> bool:
    """Staff of the city assign a reviewer (while the initiative is not closed)."""
    return is_staff_for(user, initiative)


def can_be_reviewer(user, initiative: Initiative) -> bool:
    """A reviewer must be staff of the initiative's city."""
    return is_staff_for(user, initiative)


def can_assess(user, initiative: Initiative) -> bool:
    """Staff of the city score a proposal once it has been submitted."""
    return is_staff_for(user, initiative) and initiative.status not in {
        Status.DRAFT,
        Status.WITHDRAWN,
    }


def can_comment_internally(user, initiative: Initiative) -> bool:
    """Internal comments: staff of the city."""
    return is_staff_for(user, initiative)


def can_message(user, initiative: Initiative) -> bool:
    """Messages between the group and the city's staff: either side, once submitted (a draft
    is the group's own business until then)."""
    if initiative.status == Status.DRAFT:
        return False
    # Staff first: their cities are known already, a membership is one more lookup.
    return is_staff_for(user, initiative) or is_member(user, initiative)


def can_record_grant(user, initiative: Initiative) -> bool:
    """Staff of the city record support for an approved, active or completed initiative."""
    return initiative.status in GRANT_STATUSES and is_staff_for(user, initiative)


def can_see_grant_amount(user, grant: SupportGrant) -> bool:
    """The amount: for the group and the city's staff; for others only if marked public."""
    return grant.public or can_see_private(user, grant.initiative)


def can_report(user, initiative: Initiative) -> bool:
    """Members write progress reports and the final report once approved, until completed."""
    return initiative.status in REPORTING_STATUSES and is_member(user, initiative)


def can_add_attachment(user, initiative: Initiative) -> bool:
    """Members attach files while they may edit the proposal or write reports."""
    return can_edit(user, initiative) or can_report(user, initiative)


def can_see_attachment(user, attachment: Attachment) -> bool:
    """Attachments are served to the group's members and the city's staff only — also once the
    initiative is public, since proposals' files often hold budgets and names that the public
    page leaves out (a stricter reading of "served only to those who may see the initiative")."""
    return can_see_private(user, attachment.initiative)


def can_see_unconfirmed_partners(user, initiative: Initiative) -> bool:
    """A partner named but not yet confirmed is the group's claim, not a fact: the group, the
    city's staff and the partner groups' members see it; the public sees confirmed ones only."""
    return can_see_private(user, initiative) or is_partner_member(user, initiative)


def shown_partnerships(user, initiative: Initiative) -> list:
    """The partnerships the initiative's page shows `user` (prefetch `partnerships__group`)."""
    partnerships = list(initiative.partnerships.all())
    if can_see_unconfirmed_partners(user, initiative):
        return partnerships
    return [partnership for partnership in partnerships if partnership.confirmed]


def can_confirm_partnership(user, initiative: Initiative, group: LocalGroup) -> bool:
    """Admins of a group named as a partner confirm it, once the initiative is submitted."""
    if initiative.status in {Status.DRAFT, Status.WITHDRAWN}:
        return False
    return is_group_admin(user, group) and any(
        p.group_id == group.pk for p in initiative.partnerships.all()
    )


def can_withdraw_consent(user, initiative: Initiative, final_report=None) -> bool:
    """Members withdraw the consent their final report gave to be featured in the handbook."""
    if final_report is None:
        final_report = initiative.reports.filter(final=True).first()
    return bool(final_report and final_report.consent_to_feature) and is_member(user, initiative)
