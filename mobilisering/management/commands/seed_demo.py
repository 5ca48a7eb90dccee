from importlib import import_module, util

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

# Each part of the portal seeds its own demo data in `<app>/demo.py`, in this order.
DEMO_MODULES = [
    "mobilisering.demo",
    "cities.demo",
    "initiatives.demo",
    "trainings.demo",
    "handbook.demo",
]


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
            for name in DEMO_MODULES:
                if util.find_spec(name) is None:
                    continue
                import_module(name).seed(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data is in place."))
