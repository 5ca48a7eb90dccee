"""Reads that several pages share, each a fixed number of queries whatever the data's size."""

import datetime

from django.db.models import Exists, OuterRef, Prefetch, QuerySet

from cities.models import City, RightsTheme
from initiatives.models import (
    PUBLIC_STATUSES,
    Initiative,
    InitiativeEvent,
    InitiativePartner,
    Report,
    Status,
    SupportGrant,
)


def with_card_data(initiatives: QuerySet) -> QuerySet:
    """What an initiative card shows: group, city and themes (one extra query for the themes)."""
    return initiatives.select_related("group", "city").prefetch_related("themes")


def public_initiatives() -> QuerySet:
    """Approved, active and completed initiatives, newest decision first."""
    return with_card_data(Initiative.objects.filter(status__in=PUBLIC_STATUSES)).order_by(
        "-decided_at", "-pk"
    )


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


def group_timeline(initiative: Initiative) -> QuerySet:
    """The group's side of the timeline: transitions, messages, grants, reports, partnerships
    (never internal comments, assessments or assignments), newest first."""
    return (
        InitiativeEvent.objects.filter(initiative=initiative, visible_to_group=True)
        .select_related("actor", "grant", "report")
        .order_by("-created_at", "-pk")
    )


def final_reports_due(city_ids, *, today: datetime.date) -> QuerySet:
    """Active initiatives of the cities past their planned end without a final report, the
    longest overdue first."""
    final = Report.objects.filter(initiative=OuterRef("pk"), final=True)
    return (
        Initiative.objects.filter(city_id__in=city_ids, status=Status.ACTIVE, planned_end__lt=today)
        .exclude(Exists(final))
        .order_by("planned_end", "pk")
    )
