#!/usr/bin/env python
"""Benchmark: the portal's pages through a real server, against a ceiling, at scale.

1. Builds two databases, or reuses them: the demo alone, and the demo with `seed_scale --factor N`
   on top (SQLite files in .bench/ by default; with DATABASE_URL set, that PostgreSQL database
   holds the scale data and a sibling database `<name>_demo` the demo).
2. Counts each page's queries at both sizes with Django's test client.
3. Serves the scale database with gunicorn (2 workers, DEBUG off, plain HTTP on 127.0.0.1, a free
   port) and measures each page with wrk, 1 and then 8 connections, each time right after the
   ceiling (/bench/ceiling: a bare view through the same middleware), so that a busy machine
   slows both alike.
4. Prints a table and writes bench-results.json; the workers' resident memory after the run.

Usage: .venv/bin/python tests/benchmarks/pages.py [--factor 1000] [--duration 5]
           [--pages home,hub …] [--fresh] [--output bench-results.json]
"""

import argparse
import contextlib
import http.client
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
# As production runs (DEBUG off, cached templates, hashed static files), over plain local HTTP.
SERVER_ENV = {
    "DJANGO_SETTINGS_MODULE": "tests.benchmarks.settings",
    "DEBUG": "false",
    "SECRET_KEY": "benchmark-only-not-a-secret",
    "ALLOWED_HOSTS": "127.0.0.1,testserver",
    "EMAIL_URL": "locmem://",
    "HTTPS": "false",
    "LOG_LEVEL": "ERROR",
    "STATIC_ROOT": str(ROOT / ".bench" / "static"),
}
STAFF, MEMBER = "staff.malmo@example.org", "group@example.org"


def pages() -> list[tuple[str, str, str | None]]:
    """(name, path, who is logged in) of the pages measured; run inside Django."""
    from django.utils import timezone

    from cities.models import LocalGroup
    from initiatives.models import Initiative
    from trainings.models import Session

    public = Initiative.objects.filter(status="completed", city__slug="malmo").order_by("pk")[0]
    # A group with a public initiative at both sizes: its profile shows every part.
    group = LocalGroup.objects.get(pk=public.group_id)
    reviewed = Initiative.objects.filter(status="in_review", city__slug="malmo").order_by("pk")[0]
    upcoming = Session.objects.filter(city__slug="malmo", starts_at__gt=timezone.now())
    session = upcoming.order_by("-capacity", "pk")[0]
    found = []
    with contextlib.suppress(Exception):  # the handbook's pages, where they exist
        from handbook.models import Chapter, Example

        story = Example.objects.filter(status="published").order_by("pk")[0]
        chapter = Chapter.objects.filter(edition__published=True).order_by("pk")[0]
        found = [
            ("stories", "/sv/stories/", None),
            ("story", story.get_absolute_url(), None),
            ("handbook chapter", chapter.get_absolute_url(), None),
        ]
    return [
        ("home", "/sv/", None),
        ("city hub", "/sv/cities/malmo/", None),
        ("directory", "/sv/groups/", None),
        ("directory, last page", "/sv/groups/?page=1000000", None),
        ("directory, text", "/sv/groups/?q=bostad", None),
        ("group", group.get_absolute_url(), None),
        ("initiatives", "/sv/initiatives/", None),
        ("initiatives, last page", "/sv/initiatives/?page=1000000", None),
        ("initiative", public.get_absolute_url(), None),
        ("trainings calendar", "/sv/trainings/", None),
        ("session", session.get_absolute_url(), None),
        *found,
        ("search", "/sv/search/?q=bostad", None),
        ("staff start", "/sv/staff/", STAFF),
        ("staff queue", "/sv/staff/initiatives/", STAFF),
        ("staff review", f"/sv/staff/initiatives/{reviewed.pk}/", STAFF),
    ]


def inspect() -> None:
    """Print, as JSON, each page with its status and query count, and a session cookie per login.

    Run in a child process with the database to inspect in DATABASE_URL."""
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.cache import caches
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    clients, cookies, results = {}, {}, []
    for name, path, who in pages():
        if who not in clients:
            clients[who] = Client()
            if who:
                clients[who].force_login(get_user_model().objects.get(email=who))
                cookies[who] = clients[who].cookies["sessionid"].value
        client = clients[who]
        client.get(path)  # warm the caches and the language preference
        caches["fragments"].clear()  # a full render: the first visitor after a change
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        with CaptureQueriesContext(connection) as kept:  # the next visitor: fragments kept
            client.get(path)
        results.append(
            {
                "page": name,
                "url": path,
                "who": who,
                "status": response.status_code,
                "queries": len(queries),
                "queries_kept": len(kept),
                "bytes": len(response.content),
            }
        )
    print(json.dumps({"pages": results, "cookies": cookies, "vendor": connection.vendor}))


# -- the databases ---------------------------------------------------------------------------


def manage(database_url: str, *args: str, quiet: bool = True) -> None:
    env = {**os.environ, **SERVER_ENV, "DATABASE_URL": database_url}
    output = subprocess.DEVNULL if quiet else None
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=output)


def sibling_database(database_url: str, suffix: str) -> str:
    """The URL of database `<name><suffix>` on the same PostgreSQL server, created if missing."""
    parts = urlsplit(database_url)
    name = parts.path.lstrip("/") or "postgres"
    import psycopg

    with psycopg.connect(database_url, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name + suffix]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}{suffix}"')
    return urlunsplit(parts._replace(path=f"/{name}{suffix}"))


def is_seeded(database_url: str) -> bool:
    env = {**os.environ, **SERVER_ENV, "DATABASE_URL": database_url}
    code = (
        "import django; django.setup(); from cities.models import LocalGroup;"
        "print(LocalGroup.objects.count())"
    )
    result = subprocess.run(
        [PYTHON, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    return result.returncode == 0 and int(result.stdout.strip() or 0) > 0


def databases(factor: int, fresh: bool) -> tuple[str, str]:
    """(demo, scale) database URLs, each migrated and seeded unless it already is."""
    given = os.environ.get("DATABASE_URL")
    if given:
        small, large = sibling_database(given, "_demo"), given
    else:
        folder = ROOT / ".bench"
        folder.mkdir(exist_ok=True)
        if fresh:
            for path in folder.glob("*.sqlite3*"):
                path.unlink()
        small = f"sqlite:///{folder / 'demo.sqlite3'}"
        large = f"sqlite:///{folder / f'scale-{factor}.sqlite3'}"
    for url, seed in ((small, ["seed_demo", "--force"]), (large, ["seed_scale", "--force"])):
        if fresh or not is_seeded(url):
            manage(url, "migrate", "--noinput")
            manage(url, "createcachetable")
            if seed[0] == "seed_scale":
                seed = [*seed, "--factor", str(factor)]
            print(f"seeding {seed[0]} into {url}", flush=True)
            manage(url, *seed, quiet=False)
    return small, large


def inspect_database(database_url: str) -> dict:
    env = {**os.environ, **SERVER_ENV, "DATABASE_URL": database_url}
    result = subprocess.run(
        [PYTHON, __file__, "--inspect"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode:
        sys.exit(f"inspecting the pages failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


# -- the server and the load -----------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def server(database_url: str, workers: int):
    port = free_port()
    env = {**os.environ, **SERVER_ENV, "DATABASE_URL": database_url}
    command = [
        PYTHON,
        "-m",
        "gunicorn",
        "mobilisering.wsgi",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--log-level",
        "warning",
        # A slow page under eight connections keeps a worker busy for long: never kill it.
        "--timeout",
        "300",
    ]
    process = subprocess.Popen(command, cwd=ROOT, env=env)
    try:
        for _ in range(200):
            with contextlib.suppress(OSError):
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                connection.request("GET", "/bench/ceiling")
                if connection.getresponse().status == 200:
                    break
            time.sleep(0.1)
        else:
            raise RuntimeError("gunicorn did not answer")
        yield process, port
    finally:
        process.terminate()
        process.wait(timeout=30)


def worker_rss_mb(master: int) -> list[float]:
    """The resident memory of the master's worker processes, in MB."""
    try:
        children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    except OSError:
        return []
    sizes = []
    for pid in children:
        with contextlib.suppress(OSError):
            status = Path(f"/proc/{pid}/status").read_text()
            kilobytes = int(re.search(r"VmRSS:\s+(\d+)", status).group(1))
            sizes.append(round(kilobytes / 1024, 1))
    return sizes


def drain(base: str, *, limit: float = 120) -> None:
    """Wait until the workers have answered what the last run left queued (wrk stops sending,
    not the server working): one ceiling request answers in well under 100 ms again."""
    stop = time.perf_counter() + limit
    while time.perf_counter() < stop:
        parts = urlsplit(base)
        started = time.perf_counter()
        with contextlib.suppress(OSError):
            connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=limit)
            connection.request("GET", "/bench/ceiling")
            connection.getresponse().read()
            if time.perf_counter() - started < 0.1:
                return
        time.sleep(0.2)


def parse_ms(value: str) -> float:
    found = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", value)
    if not found:  # "-nanus": no request finished within the run
        return 0.0
    number, unit = found.groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60_000, "h": 3_600_000}[unit]


def wrk(url: str, connections: int, duration: float, cookie: str | None) -> dict:
    command = ["wrk", "--latency", f"-t{min(connections, 2)}", f"-c{connections}"]
    command += [f"-d{max(int(duration), 1)}s", "--timeout", "10s"]
    if cookie:
        command += ["-H", f"Cookie: sessionid={cookie}"]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        # The distribution's own lines: "  50%   12.34ms" (the thread stats hold "85.50%" too).
        "p50_ms": parse_ms(re.search(r"^\s+50%\s+(\S+)", output, re.MULTILINE).group(1)),
        "p99_ms": parse_ms(re.search(r"^\s+99%\s+(\S+)", output, re.MULTILINE).group(1)),
        "errors": int(errors.group(1)) if errors else 0,
    }


def builtin_client(url: str, connections: int, duration: float, cookie: str | None) -> dict:
    """A small stand-in for wrk: `connections` threads, keep-alive, for `duration` seconds."""
    parts = urlsplit(url)
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    headers = {"Cookie": f"sessionid={cookie}"} if cookie else {}
    latencies, errors, stop = [], [0], time.perf_counter() + duration

    def run() -> None:
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
        while time.perf_counter() < stop:
            started = time.perf_counter()
            connection.request("GET", target, headers=headers)
            response = connection.getresponse()
            response.read()
            latencies.append((time.perf_counter() - started) * 1000)
            if response.status >= 400:
                errors[0] += 1

    threads = [threading.Thread(target=run) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    latencies.sort()
    return {
        "rps": len(latencies) / duration,
        "p50_ms": statistics.median(latencies),
        "p99_ms": latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))],
        "errors": errors[0],
    }


def machine() -> dict:
    cpu = ""
    with contextlib.suppress(OSError):
        found = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text())
        cpu = found.group(1) if found else ""
    return {
        "cpu": cpu or platform.processor(),
        "cores": os.cpu_count(),
        "system": platform.platform(),
        "python": platform.python_version(),
        "load_average": [round(load, 2) for load in os.getloadavg()],
    }


# -- the run ---------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--factor", type=int, default=1000, help="times the demo's size")
    parser.add_argument("--duration", type=float, default=5, help="seconds per measurement")
    parser.add_argument(
        "--pages",
        default="",
        help="page names separated by commas without a space (default all): "
        '"home,directory, last page" picks "home" and "directory, last page"',
    )
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--fresh", action="store_true", help="rebuild the databases")
    parser.add_argument("--output", default="bench-results.json")
    parser.add_argument("--inspect", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.inspect:
        sys.path.insert(0, str(ROOT))
        return inspect()

    small_url, large_url = databases(args.factor, args.fresh)
    manage(large_url, "collectstatic", "--noinput")
    small, large = inspect_database(small_url), inspect_database(large_url)
    queries_small = {page["page"]: page["queries"] for page in small["pages"]}
    # A comma followed by a space belongs to a name ("directory, last page").
    wanted = {name.strip() for name in re.split(r",(?! )", args.pages) if name.strip()}
    chosen = [page for page in large["pages"] if not wanted or page["page"] in wanted]
    load = wrk if shutil.which("wrk") else builtin_client
    started_machine = machine()

    results, ceilings = [], []
    with server(large_url, args.workers) as (process, port):
        base = f"http://127.0.0.1:{port}"
        # A throwaway run first: the workers just started, and the first measurement after a
        # start was the noisiest (the ceiling's own p99 three to ten times its usual).
        load(f"{base}/bench/ceiling", 8, max(args.duration, 2), None)
        for page in chosen:
            cookie = large["cookies"].get(page["who"]) if page["who"] else None
            row = {"page": page["page"], "url": page["url"], "status": page["status"]}
            # Every worker renders the page in full before it is measured (a second of eight
            # connections reaches them all): the steady state is measured; what a full render
            # costs is in the queries columns and profile_page.py.
            load(base + page["url"], 8, 1, cookie)
            for connections in (1, 8):
                drain(base)
                ceiling = load(f"{base}/bench/ceiling", connections, args.duration, None)
                measured = load(base + page["url"], connections, args.duration, cookie)
                row[f"rps_{connections}"] = round(measured["rps"], 1)
                row[f"ceiling_rps_{connections}"] = round(ceiling["rps"], 1)
                row["errors"] = row.get("errors", 0) + measured["errors"]
                if connections == 1:
                    row["p50_ms"] = round(measured["p50_ms"], 1)
                    row["p99_ms"] = round(measured["p99_ms"], 1)
                    # The bare view's tail, measured just before: the machine's share of p99.
                    row["ceiling_p99_ms"] = round(ceiling["p99_ms"], 1)
                ceilings.append((connections, ceiling["rps"]))
            ceiling_8 = row["ceiling_rps_8"]
            row["ratio_to_ceiling"] = round(row["rps_8"] / ceiling_8, 4) if ceiling_8 else None
            row["queries_small"] = queries_small.get(page["page"])
            row["queries_large"] = page["queries"]
            row["queries_kept"] = page["queries_kept"]
            row["bytes"] = page["bytes"]
            results.append(row)
            print(f"  measured {page['page']}", flush=True)
        rss = worker_rss_mb(process.pid)

    report = {
        "database": large["vendor"],
        "factor": args.factor,
        "duration_s": args.duration,
        "client": load.__name__,
        "ceiling": {
            "rps_1": round(statistics.median(r for c, r in ceilings if c == 1), 1),
            "rps_8": round(statistics.median(r for c, r in ceilings if c == 8), 1),
        },
        "machine": {**started_machine, "load_average_after": machine()["load_average"]},
        "worker_rss_mb": rss,
        "pages": results,
    }
    Path(args.output).write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print(table(report))
    print(f"written to {args.output}")


def table(report: dict) -> str:
    """The results as a Markdown table, as docs/performance.md shows them."""
    ceiling = report["ceiling"]
    lines = [
        f"{report['database']}, ×{report['factor']}, {report['duration_s']:g} s per "
        f"measurement ({report['client']}), load average {report['machine']['load_average'][0]} "
        f"on {report['machine']['cores']} cores; ceiling {ceiling['rps_1']:.0f} requests/s with 1 "
        f"connection, {ceiling['rps_8']:.0f} with 8; workers' memory after the run: "
        + ", ".join(f"{mb:.0f} MB" for mb in report["worker_rss_mb"]),
        "",
        "| page | rps 1 | rps 8 | p50 ms | p99 ms (ceiling's) | of ceiling "
        "| queries demo / scale / kept |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    slower = f"> {report['duration_s'] * 1000:.0f}"
    for row in report["pages"]:
        flag = "" if row["status"] == 200 and not row["errors"] else f" (status {row['status']})"
        # wrk counts no request that did not finish within the run: the page took longer.
        p50, p99 = (
            (f"{row['p50_ms']:.1f}", f"{row['p99_ms']:.1f}") if row["rps_1"] else (slower, slower)
        )
        lines.append(
            f"| {row['page']}{flag} | {row['rps_1']:.1f} | {row['rps_8']:.1f} | "
            f"{p50} | {p99} ({row.get('ceiling_p99_ms', 0):.1f}) | "
            f"{row['ratio_to_ceiling'] or 0:.1%} | "
            f"{row['queries_small']} / {row['queries_large']} / {row.get('queries_kept', '–')} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    main()
