"""Reads that several pages share, each a fixed number of queries whatever the data's size."""

import datetime

from django.db.models import (
    Aggregate,
    Count,
    Exists,
    IntegerField,
    JSONField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, JSONObject
from django.utils import timezone

from cities.models import City, RightsTheme
from initiatives.models import (
    PUBLIC_STATUSES,
    Assessment,
    Comment,
    Criterion,
    Initiative,
    InitiativeEvent,
    InitiativePartner,
    Report,
    Status,
    SupportGrant,
)

# A submission without a decision after this long is overdue.
OVERDUE_AFTER = datetime.timedelta(days=14)
# Waiting for staff: submitted or in review (changes requested waits for the group).
UNDECIDED = [Status.SUBMITTED, Status.IN_REVIEW]


def overdue_cutoff() -> datetime.datetime:
    """Submissions made before this moment and still undecided are overdue."""
    return timezone.now() - OVERDUE_AFTER


def is_overdue(initiative: Initiative, cutoff: datetime.datetime) -> bool:
    """Is `initiative` (already loaded) undecided since before `cutoff`? The same condition as
    `overdue()`, for one row."""
    return (
        initiative.status in UNDECIDED
        and initiative.submitted_at is not None
        and initiative.submitted_at < cutoff
    )


def overdue(initiatives: QuerySet, cutoff: datetime.datetime) -> QuerySet:
    """Those of `initiatives` undecided since before `cutoff` (the queue's "Overdue" tab and the
    staff start page's count)."""
    return initiatives.filter(overdue_condition(cutoff))


def overdue_condition(cutoff: datetime.datetime) -> Q:
    """The filter of `overdue()`, for aggregates that count several conditions at once."""
    return Q(status__in=UNDECIDED, submitted_at__lt=cutoff)


def with_card_data(initiatives: QuerySet) -> QuerySet:
    """What an initiative card shows: group, city and themes (one extra query for the themes)."""
    return initiatives.select_related("group", "city").prefetch_related("themes")


def public_initiatives() -> QuerySet:
    """Approved, active and completed initiatives, newest decision first."""
    return with_card_data(Initiative.objects.filter(status__in=PUBLIC_STATUSES)).order_by(
        "-decided_at", "-pk"
    )


def first_rows(initiatives: QuerySet, count: int) -> list[Initiative]:
    """The first `count` of `initiatives` (ordered), chosen by key in a subquery: sorting three
    statuses' decisions is one sort of index entries there, not of the full rows (one query,
    plus the prefetches)."""
    return list(initiatives.filter(pk__in=initiatives.values_list("pk", flat=True)[:count]))


def filter_initiatives(
    initiatives: QuerySet,
    *,
    city: City | None = None,
    theme: RightsTheme | None = None,
    kind: str = "",
    status: str = "",
) -> QuerySet:
    """`initiatives` narrowed by the filters that are set (the public list's and the queue's)."""
    if city:
        initiatives = initiatives.filter(city=city)
    if theme:
        initiatives = initiatives.filter(themes=theme)
    if kind:
        initiatives = initiatives.filter(kind_of_work=kind)
    if status:
        initiatives = initiatives.filter(status=status)
    return initiatives


def initiative_for_detail(pk: int) -> QuerySet:
    """One initiative with everything its page shows except the timeline (fixed queries)."""
    return (
        Initiative.objects.filter(pk=pk)
        .select_related("group", "city", "assigned_to")
        .prefetch_related(
            "themes",
            Prefetch(
                "partnerships",
                queryset=InitiativePartner.objects.select_related("group__city").order_by(
                    "group__name"
                ),
            ),
            Prefetch("grants", queryset=SupportGrant.objects.order_by("date", "pk")),
            Prefetch("reports", queryset=Report.objects.select_related("author")),
            "attachments",
        )
    )


def _count_per_initiative(queryset: QuerySet) -> Coalesce:
    """How many rows of `queryset` belong to the outer initiative: a correlated subquery."""
    counts = (
        queryset.filter(initiative=OuterRef("pk"))
        .order_by()
        .values("initiative")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), Value(0))


def with_review_counts(initiatives: QuerySet) -> QuerySet:
    """`initiatives` with the number of their timeline events (`event_count`) and internal
    comments (`internal_comment_count`), which the review page's two paginators need: counted
    in the initiative's own query rather than one COUNT each."""
    return initiatives.annotate(
        event_count=_count_per_initiative(InitiativeEvent.objects.all()),
        internal_comment_count=_count_per_initiative(Comment.objects.filter(internal=True)),
    )


class _JSONRows(Aggregate):
    """The aggregated values (JSON objects) as one JSON array: SQLite's json_group_array,
    PostgreSQL's jsonb_agg."""

    function = "JSON_GROUP_ARRAY"
    output_field = JSONField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, function="JSONB_AGG", **extra_context)


def with_assessments(initiatives: QuerySet) -> QuerySet:
    """`initiatives` with their assessments' criterion, score and note (`assessment_rows`), read
    in their own query rather than one of its own: at most one per criterion, a few columns
    each. `assessments_of()` gives them back as Assessments."""
    rows = (
        Assessment.objects.filter(initiative=OuterRef("pk"))
        .order_by()
        .values("initiative")
        .annotate(rows=_JSONRows(JSONObject(criterion="criterion", score="score", note="note")))
        .values("rows")
    )
    return initiatives.annotate(assessment_rows=Subquery(rows, output_field=JSONField()))


def assessments_of(initiative: Initiative) -> list[Assessment]:
    """The assessments of an initiative read `with_assessments()`, in the criteria's order."""
    order = list(Criterion)
    assessments = [
        Assessment(initiative=initiative, **row) for row in initiative.assessment_rows or []
    ]
    return sorted(assessments, key=lambda assessment: order.index(assessment.criterion))


def group_timeline(initiative: Initiative) -> QuerySet:
    """The group's side of the timeline: transitions, messages, grants, reports, partnerships
    (never internal comments, assessments or assignments), newest first."""
    return (
        InitiativeEvent.objects.filter(initiative=initiative, visible_to_group=True)
        .select_related("actor", "grant", "report")
        .order_by("-created_at", "-pk")
    )


def fold_assessments(events) -> list[InitiativeEvent]:
    """`events` (newest first) with each run of assessment entries by one person, with nothing
    else between them, as one entry: the newest, with `scores` [(criterion's name, score,
    time), …] in the reader's language. A save of the assessment form logs one entry per
    criterion it changed, and a page of twenty-five such entries said little."""
    folded: list[InitiativeEvent] = []
    for event in events:
        if event.kind == InitiativeEvent.Kind.ASSESSMENT and event.data:
            score = (event.criterion_label, event.data.get("score"), event.created_at)
            last = folded[-1] if folded else None
            if (
                last is not None
                and getattr(last, "scores", None) is not None
                and last.actor_id == event.actor_id
            ):
                last.scores.append(score)
                continue
            event.scores = [score]
        folded.append(event)
    return folded


def changes_asked(initiative: Initiative) -> str | None:
    """What staff last asked the group to change, while changes are requested (else None)."""
    if initiative.status != Status.CHANGES_REQUESTED:
        return None
    return (
        initiative.events.filter(transition="request_changes")
        .order_by("-created_at", "-pk")
        .values_list("text", flat=True)
        .first()
    )


def _final_report_due(today: datetime.date) -> Q:
    final = Report.objects.filter(initiative=OuterRef("pk"), final=True)
    return Q(status=Status.ACTIVE, planned_end__lt=today) & ~Exists(final)


def final_reports_due(city_ids, *, today: datetime.date) -> QuerySet:
    """Active initiatives of the cities past their planned end without a final report, the
    longest overdue first."""
    return Initiative.objects.filter(_final_report_due(today), city_id__in=city_ids).order_by(
        "planned_end", "pk"
    )


def attention_counts(
    city_ids, *, user, today: datetime.date, cutoff: datetime.datetime
) -> dict[str, int]:
    """What waits for staff among the initiatives of the cities, counted in one query: new
    submissions (`new`), overdue reviews (`overdue`), reviews assigned to `user` (`mine`) and
    final reports due (`reports_due`)."""
    # Every count is of undecided or active initiatives: the rest (most of them, at scale)
    # are left out before counting.
    waiting = [*UNDECIDED, Status.ACTIVE]
    return Initiative.objects.filter(city_id__in=city_ids, status__in=waiting).aggregate(
        new=Count("pk", filter=Q(status=Status.SUBMITTED)),
        overdue=Count("pk", filter=overdue_condition(cutoff)),
        mine=Count("pk", filter=Q(status=Status.IN_REVIEW, assigned_to=user)),
        reports_due=Count("pk", filter=_final_report_due(today)),
    )
