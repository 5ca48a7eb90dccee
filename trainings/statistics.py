"""This app's table on the statistics page (see mobilisering/statistics.py): trainings held,
their participants and how many came, by the hosting city."""

from django.db.models import Count, F, FloatField, Q
from django.db.models.functions import Cast, NullIf, Round
from django.utils import timezone
from django.utils.translation import gettext as _

from mobilisering.statistics import Scope, Table
from trainings.models import Registration, Session

CONFIRMED = Q(registrations__status=Registration.Status.CONFIRMED)


def trainings_by_city(scope: Scope) -> Table:
    """Sessions held (started, not cancelled) in the year, their confirmed participants, how
    many were marked present, and that as a share of the participants (one query)."""
    names = scope.city_names
    sums = (
        Session.objects.filter(
            scope.year_q("starts_at"),
            city_id__in=scope.city_ids,
            is_cancelled=False,
            starts_at__lte=timezone.now(),
        )
        .order_by()
        .values("city_id")
        .annotate(
            sessions=Count("pk", distinct=True),
            participants=Count("registrations", filter=CONFIRMED),
            attended=Count("registrations", filter=CONFIRMED & Q(registrations__attended=True)),
        )
        .annotate(
            rate=Round(
                Cast(F("attended") * 100, FloatField())
                / NullIf(Cast(F("participants"), FloatField()), 0.0)
            )
        )
        .order_by("city__ordering", "city__slug")
    )
    rows = [
        (
            names[row["city_id"]],
            row["sessions"],
            row["participants"],
            row["attended"],
            int(row["rate"] or 0),
        )
        for row in sums
    ]
    return Table(
        slug="trainings-by-city",
        title=_("Trainings held"),
        description=_(
            "Sessions that took place, their participants with a seat, and how many of them "
            "were marked present."
        ),
        headers=[
            _("City"),
            _("Sessions held"),
            _("Participants"),
            _("Attended"),
            _("Attendance (%)"),
        ],
        rows=rows,
        headline=(_("trainings held"), sum(row[1] for row in rows)),
    )


TABLES = {"trainings-by-city": trainings_by_city}
