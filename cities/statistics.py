"""This app's tables on the statistics page (see mobilisering/statistics.py)."""

from django.db.models import Count
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from cities.models import LocalGroup
from mobilisering.statistics import Scope, Table


def groups_by_status(scope: Scope) -> Table:
    """Groups registered (in the year), by their status now (one query)."""
    counts = dict(
        LocalGroup.objects.filter(scope.year_q("created_at"), city_id__in=scope.city_ids)
        .order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
    )
    return Table(
        slug="groups-by-status",
        title=_("Groups by status"),
        description=_("The local groups that registered, by where they stand now."),
        headers=[_("Status"), _("Groups")],
        rows=[
            (capfirst(label), counts.get(value, 0)) for value, label in LocalGroup.Status.choices
        ],
        headline=(_("groups approved"), counts.get(LocalGroup.Status.APPROVED, 0)),
    )


TABLES = {"groups-by-status": groups_by_status}
