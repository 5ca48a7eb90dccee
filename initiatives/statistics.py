"""This app's tables on the statistics page (see mobilisering/statistics.py): initiatives,
the support granted, what the reports tell, and partnerships across cities.

Initiatives count from their submission (drafts are the groups' own work), in the year they
were submitted; grants in the year of their date; reports in the year their period ends.
"""

from django.db.models import Count, F, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce, ExtractYear
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from cities.models import RightsTheme
from initiatives.models import (
    GrantKind,
    Initiative,
    InitiativePartner,
    KindOfWork,
    Report,
    Status,
    SupportGrant,
)
from mobilisering.statistics import Scope, Table

SUBMITTED_STATUSES = [value for value in Status.values if value != Status.DRAFT]


def _initiatives(scope: Scope):
    return Initiative.objects.filter(
        scope.year_q("submitted_at"), city_id__in=scope.city_ids, status__in=SUBMITTED_STATUSES
    )


def initiatives_by_status(scope: Scope) -> Table:
    counts = dict(_initiatives(scope).order_by().values_list("status").annotate(n=Count("pk")))
    return Table(
        slug="initiatives-by-status",
        title=_("Initiatives by status"),
        description=_("Proposals submitted, by where they stand now."),
        headers=[_("Status"), _("Initiatives")],
        rows=[(capfirst(label), counts.get(value, 0)) for value, label in Status.choices[1:]],
        headline=(_("initiatives proposed"), sum(counts.values())),
    )


def initiatives_by_theme(scope: Scope) -> Table:
    """Every theme with the number of submitted initiatives that work on it (one query); an
    initiative with several themes counts under each."""
    initiatives = Q(
        initiatives__city_id__in=scope.city_ids,
        initiatives__status__in=SUBMITTED_STATUSES,
    )
    if scope.year:
        initiatives &= Q(initiatives__submitted_at__year=scope.year)
    themes = RightsTheme.objects.annotate(n=Count("initiatives", filter=initiatives)).order_by(
        "ordering", "slug"
    )
    return Table(
        slug="initiatives-by-theme",
        title=_("Initiatives by theme"),
        description=_("An initiative that works on several themes counts under each."),
        headers=[_("Theme"), _("Initiatives")],
        rows=[(theme.name, theme.n) for theme in themes],
    )


def initiatives_by_kind(scope: Scope) -> Table:
    counts = dict(
        _initiatives(scope).order_by().values_list("kind_of_work").annotate(n=Count("pk"))
    )
    rows = [(capfirst(label), counts.get(value, 0)) for value, label in KindOfWork.choices]
    if counts.get(""):
        rows.append((_("Not stated"), counts[""]))
    return Table(
        slug="initiatives-by-kind",
        title=_("Initiatives by kind of work"),
        description=_("Concrete efforts, advocacy and opinion-forming, or both."),
        headers=[_("Kind of work"), _("Initiatives")],
        rows=rows,
    )


def support_by_city(scope: Scope) -> Table:
    """Funding granted, in SEK, by city and year (one query)."""
    names = scope.city_names
    sums = (
        SupportGrant.objects.filter(
            scope.year_q("date"), kind=GrantKind.FUNDING, initiative__city_id__in=scope.city_ids
        )
        .annotate(year=ExtractYear("date"), city_id=F("initiative__city_id"))
        .order_by()
        .values("city_id", "year")
        .annotate(grants=Count("pk"), sek=Coalesce(Sum("amount_sek"), 0))
        .order_by("initiative__city__ordering", "initiative__city__slug", "year")
    )
    rows = [(names[row["city_id"]], row["year"], row["grants"], row["sek"]) for row in sums]
    return Table(
        slug="support-by-city",
        title=_("Funding granted by city and year"),
        description=_("Money granted to initiatives, in Swedish kronor, by the grants' dates."),
        headers=[_("City"), _("Year"), _("Grants"), _("SEK")],
        rows=rows,
        labels=2,
        chart_column=3,
        unit="kr",
        headline=(_("kronor granted"), sum(row[3] for row in rows)),
    )


def support_by_kind(scope: Scope) -> Table:
    """Support other than money, by kind: how often given, to how many initiatives."""
    counts = {
        row["kind"]: row
        for row in SupportGrant.objects.filter(
            scope.year_q("date"), initiative__city_id__in=scope.city_ids
        )
        .exclude(kind=GrantKind.FUNDING)
        .order_by()
        .values("kind")
        .annotate(grants=Count("pk"), initiatives=Count("initiative", distinct=True))
    }
    empty = {"grants": 0, "initiatives": 0}
    return Table(
        slug="support-by-kind",
        title=_("Other support by kind"),
        description=_("Mentoring, premises, training and more, besides money."),
        headers=[_("Kind of support"), _("Times given"), _("Initiatives")],
        rows=[
            (
                capfirst(label),
                counts.get(value, empty)["grants"],
                counts.get(value, empty)["initiatives"],
            )
            for value, label in GrantKind.choices
            if value != GrantKind.FUNDING
        ],
    )


def reach_by_city(scope: Scope) -> Table:
    """People reached, activities held and volunteers, by city. Each initiative counts once,
    with its latest report in the period (its final report once written), since a report
    gives what the work has reached so far (one query)."""
    names = scope.city_names
    latest = (
        Report.objects.filter(scope.year_q("period_end"), initiative=OuterRef("initiative"))
        .order_by("-final", "-period_end", "-created_at", "-pk")
        .values("pk")[:1]
    )
    sums = (
        Report.objects.filter(
            scope.year_q("period_end"),
            initiative__city_id__in=scope.city_ids,
            pk=Subquery(latest),
        )
        .annotate(city_id=F("initiative__city_id"))
        .order_by()
        .values("city_id")
        .annotate(
            initiatives=Count("initiative", distinct=True),
            people=Coalesce(Sum("people_reached"), 0),
            activities=Coalesce(Sum("activities_held"), 0),
            volunteers=Coalesce(Sum("volunteers"), 0),
        )
        .order_by("initiative__city__ordering", "initiative__city__slug")
    )
    rows = [
        (
            names[row["city_id"]],
            row["people"],
            row["activities"],
            row["volunteers"],
            row["initiatives"],
        )
        for row in sums
    ]
    return Table(
        slug="reach-by-city",
        title=_("People reached, activities and volunteers"),
        description=_(
            "From the groups' reports: each initiative counts once, with its latest report "
            "(the final report once written)."
        ),
        headers=[
            _("City"),
            _("People reached"),
            _("Activities held"),
            _("Volunteers"),
            _("Initiatives reporting"),
        ],
        rows=rows,
        headline=(_("people the groups reached"), sum(row[1] for row in rows)),
    )


def partnerships(scope: Scope) -> Table:
    """Partner groups from another city than the initiative's, by the two cities (one query).
    A partnership counts with the initiative's city, whose staff follow it."""
    names = scope.city_names
    pairs = (
        InitiativePartner.objects.filter(
            scope.year_q("initiative__submitted_at"),
            initiative__city_id__in=scope.city_ids,
            initiative__status__in=SUBMITTED_STATUSES,
        )
        .exclude(group__city_id=F("initiative__city_id"))
        .annotate(city_id=F("initiative__city_id"), partner_city_id=F("group__city_id"))
        .order_by()
        .values("city_id", "partner_city_id")
        .annotate(n=Count("pk"), confirmed=Count("pk", filter=Q(confirmed=True)))
        .order_by(
            "initiative__city__ordering", "group__city__ordering", "city_id", "partner_city_id"
        )
    )
    return Table(
        slug="partnerships",
        title=_("Partnerships across cities"),
        description=_(
            "Initiatives with a partner group from another city, by the initiative's city and "
            "the partner's."
        ),
        headers=[_("Initiative in"), _("Partner in"), _("Partnerships"), _("Confirmed")],
        rows=[
            (names[row["city_id"]], names[row["partner_city_id"]], row["n"], row["confirmed"])
            for row in pairs
        ],
        labels=2,
        chart_column=2,
        label_separator=" – ",
    )


TABLES = {
    "initiatives-by-status": initiatives_by_status,
    "initiatives-by-theme": initiatives_by_theme,
    "initiatives-by-kind": initiatives_by_kind,
    "support-by-city": support_by_city,
    "support-by-kind": support_by_kind,
    "reach-by-city": reach_by_city,
    "partnerships": partnerships,
}
