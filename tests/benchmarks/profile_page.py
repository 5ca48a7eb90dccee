#!/usr/bin/env python
"""Profile one page: where its time goes, in Python (cProfile) and in the database (each query
timed), over a few requests through Django's test client with production's settings.

Usage: DATABASE_URL=sqlite:///.bench/scale-1000.sqlite3 \
       .venv/bin/python tests/benchmarks/profile_page.py \
           /sv/trainings/ [--as staff.malmo@example.org] [--repeat 5] [--top 30]
"""

import argparse
import cProfile
import io
import os
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path")
    parser.add_argument("--as", dest="who", help="the email of the person logged in")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--top", type=int, default=30, help="functions shown")
    parser.add_argument("--queries", type=int, default=8, help="slowest queries shown")
    args = parser.parse_args()
    from tests.benchmarks.pages import SERVER_ENV

    for key, value in SERVER_ENV.items():
        os.environ.setdefault(key, value)

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    if not (Path(settings.STATIC_ROOT) / "staticfiles.json").exists():
        call_command("collectstatic", "--noinput", verbosity=0)  # pages link hashed names
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client

    client = Client()
    if args.who:
        client.force_login(get_user_model().objects.get(email=args.who))
    client.get(args.path)  # warm the caches

    queries: list[tuple[float, str]] = []

    def timed(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            queries.append((time.perf_counter() - started, sql))

    profiler = cProfile.Profile()
    started = time.perf_counter()
    with connection.execute_wrapper(timed):
        profiler.enable()
        for _ in range(args.repeat):
            response = client.get(args.path)
        profiler.disable()
    total = (time.perf_counter() - started) / args.repeat
    in_database = sum(seconds for seconds, _ in queries) / args.repeat
    print(
        f"{args.path}: status {response.status_code}, {len(response.content)} bytes, "
        f"{total * 1000:.1f} ms a request, of which {in_database * 1000:.1f} ms "
        f"({in_database / total:.0%}) in {len(queries) // args.repeat} queries"
    )
    print("\nslowest queries (ms, summed over the requests):")
    summed: dict[str, float] = {}
    for seconds, sql in queries:
        summed[sql] = summed.get(sql, 0) + seconds
    for sql, seconds in sorted(summed.items(), key=lambda item: -item[1])[: args.queries]:
        print(f"{seconds * 1000 / args.repeat:8.1f}  {sql[:400]}")
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).sort_stats("cumulative")
    # The project's own functions first (where a fix would go), then everything.
    stats.print_stats(rf"^{ROOT}/(?!\.venv)", args.top)
    stats.print_stats(args.top)
    print(out.getvalue())


if __name__ == "__main__":
    main()
