import random
import secrets
import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from mobilisering import demo, fragments, scale, sections


def per_factor() -> dict[str, int]:
    """{kind: rows at factor 1} of every app that provides scale data."""
    counts = {}
    for part in sections.provided("PER_FACTOR", module="scale"):
        counts.update(part)
    return counts


class Command(BaseCommand):
    help = (
        "Fill the database with a large, realistic data set on top of the demo: --factor N "
        "times the demo's size (default 1000), or explicit counts. For benchmarks, never for "
        "production."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--factor", type=int, default=1000, help="How many times the demo's size."
        )
        for kind, rows in per_factor().items():
            parser.add_argument(
                f"--{kind}",
                type=int,
                metavar="N",
                help=f"How many {kind} to add (default: {rows} × the factor).",
            )
        parser.add_argument("--seed", type=int, default=1, help="Seed of the random texts.")
        parser.add_argument(
            "--force", action="store_true", help="Run even though DEBUG is off (not production)."
        )

    def handle(self, *args, factor: int, seed: int, force: bool, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_scale adds many thousands of made-up rows and refuses to run with DEBUG "
                "off. Use --force if this really is a benchmark or test installation."
            )
        if factor < 0:
            raise CommandError("The factor cannot be negative.")
        counts = {
            kind: rows * factor if options.get(kind) is None else options[kind]
            for kind, rows in per_factor().items()
        }
        started = time.perf_counter()
        if connection.vendor == "sqlite" and not connection.in_atomic_block:
            # A throwaway data set: a large page cache keeps the random-keyed indexes (tokens,
            # slugs) in memory, and no fsync per commit.
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA cache_size = -262144")
                cursor.execute("PRAGMA synchronous = OFF")
        if not get_user_model().objects.filter(email=demo.ACCOUNTS[0]).exists():
            call_command("seed_demo", force=True, stdout=self.stdout)
        # The seed fixes the texts; the run number only keeps a second run's slugs apart.
        run = secrets.randbelow(9 * 10**5) + 10**5
        plan = scale.Plan(counts=counts, now=timezone.now(), rng=random.Random(seed), run=run)
        for fill in sections.provided("seed", module="scale"):
            part_started = time.perf_counter()
            with transaction.atomic():
                created = fill(plan)
            seconds = time.perf_counter() - part_started
            rows = ", ".join(f"{n} {table}" for table, n in created.items())
            self.stdout.write(f"{fill.__module__}: {rows or 'nothing'} in {seconds:.1f} s")
            plan.created.update(created)
        fragments.changed()  # bulk inserts send no signals: pages kept before are stale
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        total = sum(plan.created.values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Scale data ({connection.vendor}, factor {factor}): {total} rows "
                f"in {time.perf_counter() - started:.1f} s."
            )
        )
