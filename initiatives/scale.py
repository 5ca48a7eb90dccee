"""Scale data for initiatives: proposals in every state, each with a timeline that fits its
state (the transitions it went through, comments, messages, assessments, grants, reports).

Run by `manage.py seed_scale` (see mobilisering/scale.py)."""

from collections import defaultdict
from datetime import timedelta

from cities.models import CityStaff, GroupMembership, LocalGroup, RightsTheme
from initiatives.models import (
    Assessment,
    Comment,
    Criterion,
    GrantKind,
    Initiative,
    InitiativeEvent,
    InitiativePartner,
    Report,
    Status,
    SupportGrant,
    SupportKind,
)
from mobilisering import scale

# At factor 1: the demo's size.
PER_FACTOR = {"initiatives": 25, "events": 310}

# The transitions that lead to each status (besides "create"); a review may loop once through
# request_changes and resubmit first.
PATHS = {
    Status.DRAFT: [],
    Status.SUBMITTED: ["submit"],
    Status.IN_REVIEW: ["submit", "start_review"],
    Status.CHANGES_REQUESTED: ["submit", "start_review", "request_changes"],
    Status.APPROVED: ["submit", "start_review", "approve"],
    Status.ACTIVE: ["submit", "start_review", "approve", "start"],
    Status.COMPLETED: ["submit", "start_review", "approve", "start", "complete"],
    Status.DISCONTINUED: ["submit", "start_review", "approve", "start", "discontinue"],
    Status.DECLINED: ["submit", "start_review", "decline"],
    Status.WITHDRAWN: ["submit", "withdraw"],
}
TARGETS = {
    "submit": Status.SUBMITTED,
    "start_review": Status.IN_REVIEW,
    "request_changes": Status.CHANGES_REQUESTED,
    "resubmit": Status.SUBMITTED,
    "approve": Status.APPROVED,
    "decline": Status.DECLINED,
    "start": Status.ACTIVE,
    "complete": Status.COMPLETED,
    "discontinue": Status.DISCONTINUED,
    "withdraw": Status.WITHDRAWN,
}
GROUP_MOVES = {"submit", "resubmit", "withdraw", "start"}
# Old initiatives have ended one way or another; recent ones are still on their way.
STATUSES_BY_AGE = [
    (
        365 * 2,
        {
            Status.COMPLETED: 50,
            Status.DECLINED: 14,
            Status.WITHDRAWN: 9,
            Status.DISCONTINUED: 5,
            Status.DRAFT: 15,
            Status.ACTIVE: 4,
            Status.CHANGES_REQUESTED: 3,
        },
    ),
    (
        365,
        {
            Status.COMPLETED: 30,
            Status.ACTIVE: 30,
            Status.DECLINED: 12,
            Status.WITHDRAWN: 7,
            Status.DRAFT: 12,
            Status.DISCONTINUED: 4,
            Status.CHANGES_REQUESTED: 5,
        },
    ),
    (
        0,
        {
            Status.DRAFT: 20,
            Status.SUBMITTED: 14,
            Status.IN_REVIEW: 14,
            Status.CHANGES_REQUESTED: 6,
            Status.APPROVED: 10,
            Status.ACTIVE: 24,
            Status.DECLINED: 6,
            Status.WITHDRAWN: 6,
        },
    ),
]
REVIEWED = {
    Status.CHANGES_REQUESTED,
    Status.APPROVED,
    Status.ACTIVE,
    Status.COMPLETED,
    Status.DISCONTINUED,
    Status.DECLINED,
}
GRANTED = {Status.APPROVED, Status.ACTIVE, Status.COMPLETED, Status.DISCONTINUED}
REPORTING = {Status.ACTIVE, Status.COMPLETED, Status.DISCONTINUED}


def _status(plan: scale.Plan, created) -> str:
    age = (plan.now - created).days
    for min_age, weights in STATUSES_BY_AGE:
        if age >= min_age:
            return scale.pick(plan.rng, weights)
    raise AssertionError("the last age bucket starts at 0")


def _initiative(plan, group, lang, created, status, staff, admins) -> Initiative:
    rng = plan.rng
    start = (created + timedelta(days=rng.randint(30, 120))).date()
    return Initiative(
        group_id=group[0],
        city_id=group[1],
        title=f"{scale.word(rng, lang, 'title')} {scale.word(rng, lang, 'where')}",
        summary=scale.paragraph(rng, lang, ("work", "goal")),
        right_at_stake=scale.gap(rng, lang),
        rights_holders=scale.word(rng, lang, "who"),
        location=scale.word(rng, lang, "where").split(" ", 1)[1],
        evidence=scale.word(rng, lang, "how"),
        people_concerned=scale.paragraph(rng, lang, ("gap",)),
        goals=scale.work(rng, lang),
        activities=scale.paragraph(rng, lang, ("work", "work")),
        kind_of_work=scale.pick(rng, {"concrete": 3, "advocacy": 3, "both": 4}),
        planned_start=start,
        planned_end=start + timedelta(days=rng.randint(60, 540)),
        budget_sek=rng.randrange(5_000, 300_000, 500),
        cost_breakdown=scale.paragraph(rng, lang, ("doing",)) if rng.random() < 0.7 else "",
        support_requested=rng.sample(SupportKind.values, k=rng.randint(1, 3)),
        status=status,
        assigned_to_id=rng.choice(staff) if staff and status in REVIEWED else None,
        created_at=created,
        created_by_id=admins.get(group[0]),
    )


def _timeline(plan, initiative, lang, staff, admin, events, extra):
    """The initiative's events: its path through the workflow, then `extra` other entries
    between its submission and its last move (or now). Sets submitted_at and decided_at."""
    rng = plan.rng
    moves = list(PATHS[initiative.status])
    if initiative.status in REVIEWED and rng.random() < 0.2:
        at = moves.index("start_review") + 1
        moves[at:at] = ["request_changes", "resubmit", "start_review"]
    moment, status = initiative.created_at, Status.DRAFT
    timeline = [
        InitiativeEvent(
            initiative=initiative,
            actor_id=admin,
            kind="transition",
            transition="create",
            to_status=Status.DRAFT,
            created_at=moment,
        )
    ]
    for move in moves:
        moment = plan.later(moment, days=20)
        needs_text = move in {"request_changes", "decline", "discontinue", "approve"}
        timeline.append(
            InitiativeEvent(
                initiative=initiative,
                actor_id=admin if move in GROUP_MOVES else (rng.choice(staff) if staff else None),
                kind="transition",
                transition=move,
                from_status=status,
                to_status=TARGETS[move],
                text=scale.word(rng, lang, "note") if needs_text else "",
                created_at=moment,
            )
        )
        status = TARGETS[move]
        if move in {"submit", "resubmit"}:
            initiative.submitted_at = moment
        if move in {"approve", "decline"}:
            initiative.decided_at = moment
    if initiative.status in GRANTED:
        initiative.support_terms = scale.paragraph(rng, "sv", ("note",))
    initiative.updated_at = moment
    events.extend(timeline)
    if not extra or initiative.submitted_at is None:
        return []
    # The other entries, between submission and the last move (or now, while it goes on).
    open_ended = initiative.status in {
        Status.SUBMITTED,
        Status.IN_REVIEW,
        Status.CHANGES_REQUESTED,
        Status.APPROVED,
        Status.ACTIVE,
    }
    end = plan.now if open_ended else moment
    kinds = {"comment": 4, "message": 4, "assignment": 1, "assessment": 2}
    if initiative.status in GRANTED:
        kinds.update({"grant": 2})
    if initiative.status in REPORTING:
        kinds.update({"report": 2})
    extras = []
    for _ in range(extra):
        kind = scale.pick(rng, kinds)
        extras.append(
            InitiativeEvent(
                initiative=initiative,
                actor_id=admin if kind in {"message", "report"} and rng.random() < 0.5 else None,
                kind=kind,
                text=scale.word(rng, lang, "note") if kind in {"comment", "message"} else "",
                visible_to_group=kind not in {"comment", "assignment", "assessment"},
                created_at=plan.moment(after=initiative.submitted_at, before=end),
            )
        )
        if extras[-1].actor_id is None:
            extras[-1].actor_id = rng.choice(staff) if staff else None
    events.extend(extras)
    return extras


def seed(plan: scale.Plan) -> dict[str, int]:
    rng = plan.rng
    count, event_target = plan.counts["initiatives"], plan.counts["events"]
    groups = list(
        LocalGroup.objects.filter(status__in=["approved", "archived"])
        .order_by("pk")
        .values_list("pk", "city_id", "language", "created_at")
    )
    if not groups or not count:
        return {}
    by_city = defaultdict(list)
    for group in groups:
        by_city[group[1]].append(group[0])
    staff = defaultdict(list)
    for city_id, user_id in CityStaff.objects.order_by("pk").values_list("city_id", "user_id"):
        staff[city_id].append(user_id)
    admins = dict(GroupMembership.objects.filter(role="admin").values_list("group_id", "user_id"))
    themes = list(RightsTheme.objects.order_by("pk").values_list("pk", flat=True))

    initiatives, languages = [], []
    for _ in range(count):
        group = rng.choice(groups)
        created = plan.moment(after=group[3])
        status = _status(plan, created)
        initiatives.append(
            _initiative(plan, group, group[2], created, status, staff[group[1]], admins)
        )
        languages.append(group[2])

    # Timelines first (they set submitted_at and decided_at), then the rows in bulk.
    path_length = sum(len(PATHS[i.status]) + 1 for i in initiatives)
    submitted = [n for n, i in enumerate(initiatives) if i.status != Status.DRAFT]
    extra = defaultdict(int)
    for n in rng.choices(submitted, k=max(event_target - path_length, 0)) if submitted else []:
        extra[n] += 1
    events, extras_of = [], {}
    for n, (initiative, lang) in enumerate(zip(initiatives, languages, strict=True)):
        city_staff, admin = staff[initiative.city_id], admins.get(initiative.group_id)
        extras_of[n] = _timeline(plan, initiative, lang, city_staff, admin, events, extra[n])
    initiatives = scale.insert(Initiative, initiatives)

    grants, reports, comments, assessments, partners, initiative_themes = [], [], [], [], [], []
    for n, initiative in enumerate(initiatives):
        for theme_id in rng.sample(themes, k=min(len(themes), rng.randint(1, 3))):
            initiative_themes.append(
                Initiative.themes.through(initiative_id=initiative.pk, rightstheme_id=theme_id)
            )
        if rng.random() < 0.1 and len(by_city[initiative.city_id]) > 1:
            partner = rng.choice(by_city[initiative.city_id])
            if partner != initiative.group_id:
                partners.append(
                    InitiativePartner(
                        initiative=initiative, group_id=partner, confirmed=rng.random() < 0.6
                    )
                )
        if initiative.status in REVIEWED:
            for criterion in Criterion.values:
                assessments.append(
                    Assessment(
                        initiative=initiative,
                        reviewer_id=initiative.assigned_to_id,
                        criterion=criterion,
                        score=rng.randint(1, 5),
                        note=scale.word(rng, "sv", "note") if rng.random() < 0.3 else "",
                        updated_at=initiative.decided_at or initiative.updated_at,
                    )
                )
        for event in extras_of[n]:
            _attach(plan, initiative, event, grants, reports, comments)
    if initiatives and extras_of:
        _final_reports(plan, initiatives, reports)
    scale.insert(SupportGrant, grants)
    scale.insert(Report, reports)
    scale.insert_many(InitiativeEvent, events)
    scale.insert_many(Comment, comments)
    scale.insert_many(Assessment, assessments)
    scale.insert_many(InitiativePartner, partners)
    scale.insert_many(Initiative.themes.through, initiative_themes)
    return {
        "initiatives": len(initiatives),
        "events": len(events),
        "comments": len(comments),
        "assessments": len(assessments),
        "grants": len(grants),
        "reports": len(reports),
        "partners": len(partners),
        "initiative themes": len(initiative_themes),
    }


def _attach(plan, initiative, event, grants, reports, comments) -> None:
    """The object an extra timeline entry is about: a grant, a report or a comment."""
    rng = plan.rng
    if event.kind == "grant":
        kind = scale.pick(
            rng, {GrantKind.FUNDING: 5, GrantKind.MENTORING: 2, GrantKind.PREMISES: 1}
        )
        grant = SupportGrant(
            initiative=initiative,
            kind=kind,
            amount_sek=rng.randrange(2_000, 100_000, 500) if kind == GrantKind.FUNDING else None,
            date=event.created_at.date(),
            note=scale.word(rng, "sv", "note") if rng.random() < 0.3 else "",
            public=rng.random() < 0.5,
            recorded_by_id=event.actor_id,
            created_at=event.created_at,
        )
        grants.append(grant)
        event.grant = grant
    elif event.kind == "report":
        report = _report(plan, initiative, event.created_at, final=False)
        report.author_id = event.actor_id
        reports.append(report)
        event.report = report
    elif event.kind in {"comment", "message"}:
        comments.append(
            Comment(
                initiative=initiative,
                author_id=event.actor_id,
                body=event.text,
                internal=event.kind == "comment",
                created_at=event.created_at,
            )
        )


def _report(plan, initiative, written, *, final: bool) -> Report:
    rng = plan.rng
    start = (initiative.decided_at or initiative.created_at).date()
    end = max(written.date(), start)
    return Report(
        initiative=initiative,
        author_id=initiative.created_by_id,
        final=final,
        period_start=start,
        period_end=end,
        done=scale.paragraph(rng, "sv", ("work", "work")),
        people_reached=rng.randint(5, 2_000),
        activities_held=rng.randint(1, 60),
        volunteers=rng.randint(1, 40),
        outcomes=scale.paragraph(rng, "sv", ("goal",)),
        lessons=scale.paragraph(rng, "sv", ("how",)) if final else "",
        consent_to_feature=final and rng.random() < 0.6,
        created_at=written,
    )


def _final_reports(plan, initiatives, reports) -> None:
    for initiative in initiatives:
        if initiative.status == Status.COMPLETED:
            reports.append(_report(plan, initiative, initiative.updated_at, final=True))
