"""What trainings holds about a person (their registrations, found by their verified addresses,
also those made before the account existed), how it goes with the account, and how long it is
kept (see mobilisering/personal_data.py)."""

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mobilisering.personal_data import Rule, Section, email_matches
from trainings import services
from trainings.models import Registration


def registrations_of(addresses: list[str]):
    return Registration.objects.filter(email_matches(addresses), anonymised_at__isnull=True)


def export(user, addresses: list[str]) -> list[Section]:
    rows = (
        registrations_of(addresses)
        .select_related("session__course", "session__city")
        .order_by("-session__starts_at", "-pk")
    )
    return [
        Section(
            "training_registrations",
            _("Training registrations"),
            [
                ("course", _("Training")),
                ("starts", _("Starts")),
                ("place", _("City")),
                ("status", _("Status")),
                ("name", _("Name")),
                ("email", _("Email address")),
                ("organisation", _("Organisation")),
                ("access_needs", _("Access needs")),
                ("attended", _("Attended")),
                ("registered", _("Registered")),
            ],
            [
                {
                    "course": row.session.course.title,
                    "starts": row.session.starts_at,
                    "place": row.session.city.name,
                    "status": row.get_status_display(),
                    "name": row.name,
                    "email": row.email,
                    "organisation": row.organisation,
                    "access_needs": row.access_needs,
                    "attended": row.attended,
                    "registered": row.created_at,
                }
                for row in rows
            ],
        )
    ]


def erase(user, addresses: list[str], now) -> None:
    services.anonymise_registrations_of(addresses=addresses, now=now)


def purge(now) -> dict[str, int]:
    result = services.purge_personal_data(now=now)
    return {
        "training_access_needs": result.access_needs_cleared,
        "training_registrations_anonymised": result.anonymised,
    }


def retention() -> list[Rule]:
    days = settings.TRAININGS_RETENTION_DAYS
    return [
        Rule(
            _("Access needs you tell us when you sign up for a training"),
            _("To arrange the training so that you can take part"),
            _("Until the training has ended"),
        ),
        Rule(
            _("Training sign-ups: name, email address, organisation, attendance"),
            _("To run the training and to report to the programme's funders"),
            ngettext(
                "%(count)s day after the training, then anonymised",
                "%(count)s days after the training, then anonymised",
                days,
            )
            % {"count": days},
        ),
    ]
