"""What a person wrote in initiatives, for their copy of their data, and the one reason their
account cannot be deleted yet (see mobilisering/personal_data.py).

Initiatives are referred to by number only: their titles are the group's, and a staff member's
notes concern other people's groups. Nothing here is erased with the account: what the person
wrote stays with the group, shown as written by a former member.
"""

from django.db.models import Count, Exists, OuterRef, Q
from django.utils.translation import gettext as _

from cities.models import GroupMembership, LocalGroup
from initiatives.models import (
    IN_PROGRESS_STATUSES,
    Assessment,
    Comment,
    Initiative,
    InitiativeEvent,
    Report,
)
from mobilisering.personal_data import Section

PROPOSAL_FIELDS = [
    "title",
    "summary",
    "right_at_stake",
    "rights_holders",
    "location",
    "evidence",
    "people_concerned",
    "goals",
    "activities",
    "cost_breakdown",
]


def export(user, addresses: list[str]) -> list[Section]:
    proposals = Section(
        "proposals",
        _("Proposals you started"),
        [("initiative", _("Initiative number")), ("created", _("Created"))]
        + [(name, str(Initiative._meta.get_field(name).verbose_name)) for name in PROPOSAL_FIELDS],
        [
            {"initiative": row.pk, "created": row.created_at}
            | {name: getattr(row, name) for name in PROPOSAL_FIELDS}
            for row in Initiative.objects.filter(created_by=user).order_by("created_at", "pk")
        ],
    )
    reports = Section(
        "reports",
        _("Reports you wrote"),
        [
            ("initiative", _("Initiative number")),
            ("final", _("Final report")),
            ("period_start", _("Period from")),
            ("period_end", _("Period to")),
            ("done", _("What was done")),
            ("outcomes", _("Outcomes")),
            ("lessons", _("Lessons learned")),
            ("written", _("Written")),
        ],
        [
            {
                "initiative": row.initiative_id,
                "final": row.final,
                "period_start": row.period_start,
                "period_end": row.period_end,
                "done": row.done,
                "outcomes": row.outcomes,
                "lessons": row.lessons,
                "written": row.created_at,
            }
            for row in Report.objects.filter(author=user).order_by("created_at", "pk")
        ],
    )
    comment_fields = [
        ("initiative", _("Initiative number")),
        ("text", _("Text")),
        ("written", _("Written")),
    ]
    comments = list(Comment.objects.filter(author=user).order_by("created_at", "pk"))
    messages = Section(
        "messages",
        _("Messages you wrote"),
        comment_fields,
        [
            {"initiative": row.initiative_id, "text": row.body, "written": row.created_at}
            for row in comments
            if not row.internal
        ],
    )
    notes = Section(
        "internal_comments",
        _("Internal comments you wrote as staff"),
        comment_fields,
        [
            {"initiative": row.initiative_id, "text": row.body, "written": row.created_at}
            for row in comments
            if row.internal
        ],
    )
    assessments = Section(
        "assessments",
        _("Assessments you made as staff"),
        [
            ("initiative", _("Initiative number")),
            ("criterion", _("Criterion")),
            ("score", _("Score")),
            ("note", _("Note")),
            ("updated", _("Updated")),
        ],
        [
            {
                "initiative": row.initiative_id,
                "criterion": row.get_criterion_display(),
                "score": row.score,
                "note": row.note,
                "updated": row.updated_at,
            }
            for row in Assessment.objects.filter(reviewer=user).order_by("updated_at", "pk")
        ],
    )
    decisions = Section(
        "status_changes",
        _("Status changes you made"),
        [
            ("initiative", _("Initiative number")),
            ("to", _("New status")),
            ("text", _("Message")),
            ("date", _("Date")),
        ],
        [
            {
                "initiative": row.initiative_id,
                "to": row.get_to_status_display(),
                "text": row.text,
                "date": row.created_at,
            }
            for row in InitiativeEvent.objects.filter(
                actor=user, kind=InitiativeEvent.Kind.TRANSITION
            ).order_by("created_at", "pk")
        ],
    )
    return [proposals, reports, messages, notes, assessments, decisions]


def deletion_blockers(user) -> list[str]:
    """The groups the person is the last administrator of while they have initiatives in
    progress: someone must be left to answer the city mission (two queries)."""
    administered = GroupMembership.objects.filter(
        user=user, role=GroupMembership.Role.ADMIN
    ).values("group_id")
    groups = (
        LocalGroup.objects.filter(pk__in=administered)
        .filter(
            Exists(Initiative.objects.filter(group=OuterRef("pk"), status__in=IN_PROGRESS_STATUSES))
        )
        .annotate(
            admins=Count("memberships", filter=Q(memberships__role=GroupMembership.Role.ADMIN))
        )
        .filter(admins=1)
        .order_by("name")
    )
    return [
        _(
            "You are the last administrator of the group %(group)s, which has initiatives in "
            "progress. First make another member an administrator on the group's members page, "
            "or ask the city mission's staff for help."
        )
        % {"group": group.name}
        for group in groups
    ]


def erase(user, addresses: list[str], now) -> None:
    """What the person wrote stays (with the anonymised account as its author); a review
    assigned to them goes back to the city's queue."""
    Initiative.objects.filter(assigned_to=user).update(assigned_to=None)
