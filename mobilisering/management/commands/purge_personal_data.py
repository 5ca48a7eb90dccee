from django.conf import settings
from django.core.management.base import BaseCommand

from mobilisering.personal_data import purge_personal_data


class Command(BaseCommand):
    help = (
        "Apply every retention rule (see the privacy page): training participants' access needs "
        "once their session has ended, training registrations TRAININGS_RETENTION_DAYS after it "
        f"(now {settings.TRAININGS_RETENTION_DAYS}), accounts never confirmed after "
        f"UNVERIFIED_ACCOUNT_DAYS (now {settings.UNVERIFIED_ACCOUNT_DAYS}), expired group "
        "invitations, expired rate-limit counts, spent form keys, and sent or failed emails after "
        f"OUTBOX_RETENTION_DAYS (now {settings.OUTBOX_RETENTION_DAYS}). Safe to run at any time; "
        "run it daily (cron or a systemd timer). Each run is recorded (PurgeRun, in the admin)."
    )

    def handle(self, *args, **options):
        run = purge_personal_data()
        for rule, count in run.counts.items():
            self.stdout.write(f"{rule}: {count}")
