#!/usr/bin/env python
"""Benchmark: the portal's busiest pages at the demo's size and at many times its size.

Builds a throwaway database (SQLite in a temp dir unless DATABASE_URL is set), loads the demo
data, times and counts the queries of each page, then multiplies the data (groups, initiatives
with their timelines and grants, sessions with their registrations) and measures again. A page
whose query count grows with the data, or whose time grows far faster than it, shows here.

Usage: .venv/bin/python tests/benchmarks/pages.py [--factor 20] [--repeat 15]
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def setup_django() -> None:
    workdir = tempfile.mkdtemp(prefix="mobilisering-bench-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir}/bench.sqlite3")
    # As production runs (DEBUG off, cached templates), but over plain HTTP on the test client.
    os.environ.update(
        {
            "DEBUG": "false",
            "SECRET_KEY": "benchmark-only-not-a-secret",
            "ALLOWED_HOSTS": "testserver",
            "EMAIL_URL": "locmem://",
            "STATIC_MANIFEST": "false",
            "HTTPS": "false",
            "LOG_LEVEL": "ERROR",
        }
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mobilisering.settings")
    import django

    django.setup()


def grow(factor: int) -> dict[str, int]:
    """Copy the demo's rows `factor - 1` more times, with unique names, slugs and tokens."""
    from django.db import transaction

    from cities.models import LocalGroup
    from initiatives.models import Initiative, InitiativeEvent, SupportGrant
    from trainings.models import Registration, Session, new_manage_token

    groups = list(LocalGroup.objects.filter(status="approved").prefetch_related("themes"))
    initiatives = list(Initiative.objects.prefetch_related("themes", "events", "grants"))
    sessions = list(Session.objects.prefetch_related("registrations"))
    with transaction.atomic():
        for copy in range(1, factor):
            group_of = {}
            for group in groups:
                themes = list(group.themes.all())
                original = group.pk
                group.pk = None
                group.name = f"{group.name.split(' #')[0]} #{copy}"
                group.slug = f"{group.slug.split('--')[0]}--{copy}"
                group.save()
                group.themes.set(themes)
                group_of[original] = group
                group.pk = original  # back to the original for the next copy
            for initiative in initiatives:
                themes = list(initiative.themes.all())
                events = list(initiative.events.all())
                grants = list(initiative.grants.all())
                new = Initiative.objects.get(pk=initiative.pk)
                new.pk = None
                new.title = f"{initiative.title} #{copy}"
                if initiative.group_id in group_of:
                    new.group = group_of[initiative.group_id]
                new.save()
                new.themes.set(themes)
                for event in events:
                    event.pk, event.initiative_id, event.grant_id, event.report_id = (
                        None,
                        new.pk,
                        None,
                        None,
                    )
                InitiativeEvent.objects.bulk_create(events)
                for grant in grants:
                    grant.pk, grant.initiative_id = None, new.pk
                SupportGrant.objects.bulk_create(grants)
            for session in sessions:
                registrations = list(session.registrations.all())
                new = Session.objects.get(pk=session.pk)
                new.pk = None
                new.save()
                for registration in registrations:
                    registration.pk, registration.session_id = None, new.pk
                    registration.token = new_manage_token()
                Registration.objects.bulk_create(registrations)
    return {
        "groups": LocalGroup.objects.count(),
        "initiatives": Initiative.objects.count(),
        "events": InitiativeEvent.objects.count(),
        "sessions": Session.objects.count(),
        "registrations": Registration.objects.count(),
    }


def pages() -> list[tuple[str, str, str | None]]:
    """(label, path, who is logged in) for the pages to measure."""
    from cities.models import LocalGroup
    from initiatives.models import Initiative
    from trainings.models import Session

    group = LocalGroup.objects.get(slug="rosengards-roster")
    public = Initiative.objects.filter(status="completed", city__slug="malmo").order_by("pk")[0]
    reviewed = Initiative.objects.filter(status="in_review", city__slug="malmo").order_by("pk")[0]
    session = Session.objects.filter(city__slug="malmo").order_by("-capacity", "pk")[0]
    staff, member = "staff.malmo@example.org", "group@example.org"
    return [
        ("home", "/sv/", None),
        ("city hub", "/sv/cities/malmo/", None),
        ("group directory", "/sv/groups/", None),
        ("group directory, filtered", "/sv/groups/?city=malmo&q=malm", None),
        ("group profile", f"/sv/groups/{group.slug}/", None),
        ("initiatives list", "/sv/initiatives/", None),
        ("initiative detail", f"/sv/initiatives/{public.pk}/", None),
        ("initiative detail, member", f"/sv/initiatives/{reviewed.pk}/", member),
        ("my page", "/sv/my/", member),
        ("staff start", "/sv/staff/", staff),
        ("staff queue", "/sv/staff/initiatives/?section=all", staff),
        ("staff statistics", "/sv/staff/stats/", staff),
        ("staff review", f"/sv/staff/initiatives/{reviewed.pk}/", staff),
        ("staff group queue", "/sv/staff/groups/", staff),
        ("training calendar", "/sv/trainings/", None),
        ("training session", f"/sv/trainings/sessions/{session.pk}/", None),
        ("participant list", f"/sv/staff/trainings/{session.pk}/", staff),
        ("stories list", "/sv/stories/", None),
        ("story", "/sv/stories/stafettvandringen-for-asylsokandes-rattigheter/", None),
        ("handbook contents", "/sv/handbook/", None),
        ("handbook chapter", "/sv/handbook/2015/ratten-till-ett-hem/", None),
    ]


def measure(repeat: int) -> dict[str, tuple[int, float, int]]:
    """{label: (queries, median milliseconds, status)} over `repeat` requests each."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    results = {}
    clients: dict[str | None, Client] = {}
    for label, path, who in pages():
        if who not in clients:
            clients[who] = Client()
            if who:
                clients[who].force_login(get_user_model().objects.get(email=who))
        client = clients[who]
        client.get(path)  # warm the caches and the language preference
        timings = []
        for _ in range(repeat):
            start = time.perf_counter()
            response = client.get(path)
            timings.append((time.perf_counter() - start) * 1000)
        with CaptureQueriesContext(connection) as queries:
            client.get(path)
        results[label] = (len(queries), statistics.median(timings), response.status_code)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--factor", type=int, default=20, help="how many times the demo's size")
    parser.add_argument("--repeat", type=int, default=15, help="requests per page")
    args = parser.parse_args()
    setup_django()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    with open(os.devnull, "w") as devnull:
        call_command("seed_demo", "--force", stdout=devnull)
    small = measure(args.repeat)
    sizes = grow(args.factor)
    large = measure(args.repeat)
    from django.db import connection

    print(
        f"database: {connection.vendor}; x{args.factor}: "
        + ", ".join(f"{n} {k}" for k, n in sizes.items())
    )
    big = f"x{args.factor}"
    header = ["page", "status", "queries", f"q {big}", "ms", f"ms {big}"]
    row = "{:28} {:>6} {:>8} {:>8} {:>8} {:>8}{}"
    print(row.format(*header, ""))
    for label, (queries, ms, status) in small.items():
        big_queries, big_ms, big_status = large[label]
        same = queries == big_queries and status == big_status == 200
        cells = [label, big_status, queries, big_queries, f"{ms:.1f}", f"{big_ms:.1f}"]
        print(row.format(*cells, "" if same else "  <-- check"))


if __name__ == "__main__":
    main()
