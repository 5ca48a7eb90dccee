from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from mobilisering.sections import app_modules


class Command(BaseCommand):
    help = "Create or refresh the demo accounts and demo content. Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even though DEBUG is off (not for production).",
        )

    def handle(self, *args, force: bool = False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo creates accounts with a known password and refuses to run with DEBUG "
                "off. Use --force if this really is a demo or test installation."
            )
        with transaction.atomic():
            # Each app seeds its own demo data in `<app>/demo.py`, in the order of
            # INSTALLED_APPS: an app builds on the ones before it.
            for module in app_modules("demo"):
                module.seed(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data is in place."))
