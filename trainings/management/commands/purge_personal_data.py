from django.conf import settings
from django.core.management.base import BaseCommand

from mobilisering.outbox import purge_outbox
from trainings.services import purge_personal_data


class Command(BaseCommand):
    help = (
        "Delete training participants' access needs once their session has ended, and anonymise "
        "registrations a number of days after it (TRAININGS_RETENTION_DAYS, default 180); delete "
        "sent and failed emails from the outbox after OUTBOX_RETENTION_DAYS (default 30). "
        "Run it daily, e.g. from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Anonymise registrations this many days after the session "
            f"(default: {settings.TRAININGS_RETENTION_DAYS}).",
        )

    def handle(self, *args, days: int | None = None, **options):
        result = purge_personal_data(retention_days=days)
        self.stdout.write(
            f"Trainings: deleted access needs from {result.access_needs_cleared} registration(s); "
            f"anonymised {result.anonymised} registration(s); "
            f"{len(result.sessions)} session(s) affected."
        )
        self.stdout.write(f"Outbox: deleted {purge_outbox()} old email(s).")
