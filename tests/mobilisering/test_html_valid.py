"""Every page validates as HTML: the Nu HTML checker (vnu.jar from the npm package `vnu-jar`,
installed by `make install-test`) reads the pages a visitor, a group admin, city staff, an
editor and the administrator reach by following links from their start pages in the demo data.

The crawl follows links rather than a fixed list, so pages added later are checked without
being named here. It skips, saying why, only where Java is missing.
"""

import json
import os
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

import pytest

from mobilisering.demo import DEMO_PASSWORD

BASE_DIR = Path(__file__).resolve().parents[2]
VNU_JAR = Path(
    os.environ.get("VNU_JAR", BASE_DIR / ".venv/vnu/node_modules/vnu-jar/build/dist/vnu.jar")
)
# Pages per person: enough to reach every kind of page (lists, details, forms, staff tools)
# from the start pages, few enough that the crawl takes seconds.
PAGES_PER_PERSON = 150
SKIPPED_PREFIXES = ("/sv/admin/", "/en/admin/", "/static/", "/media/")
SKIPPED_SUFFIXES = (".ics", ".csv", ".pdf", ".xml", "/feed/", "/logout/")

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        shutil.which("java") is None, reason="Java not found: the Nu HTML checker cannot run"
    ),
]


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href") or ""
            self.links.append(href)


def _internal_links(html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    links = []
    for href in parser.links:
        href = urldefrag(href)[0]
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not href.startswith("/"):
            continue
        if href.startswith(SKIPPED_PREFIXES) or parts.path.endswith(SKIPPED_SUFFIXES):
            continue
        links.append(href)
    return links


def _crawl(client, starts: list[str], limit: int) -> dict[str, str]:
    """{url: html} of up to `limit` pages reached from `starts`, breadth first."""
    seen, queue, pages = set(starts), list(starts), {}
    while queue and len(pages) < limit:
        url = queue.pop(0)
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        pages[url] = html
        for link in _internal_links(html):
            if link not in seen:
                seen.add(link)
                queue.append(link)
    return pages


def _vnu_errors(pages: dict[str, str], folder: Path) -> list[str]:
    """The checker's errors, each with the page it was found on."""
    names = {}
    for number, (url, html) in enumerate(pages.items()):
        path = (folder / f"page-{number}.html").resolve()
        path.write_text(html, encoding="utf-8")
        names[f"file:{path}"] = url
    result = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json"]
        + [name.removeprefix("file:") for name in names],
        capture_output=True,
        text=True,
        timeout=600,
    )
    messages = json.loads(result.stderr)["messages"]
    # The checker exits non-zero exactly when it reports an error: a silent failure is not a pass.
    assert bool(messages) == (result.returncode != 0), result.stderr
    return [
        f"{names.get(message.get('url'), message.get('url'))}:{message.get('lastLine')}: "
        f"{message['message']} [{message.get('extract', '').strip()[:120]}]"
        for message in messages
    ]


def test_the_checker_reports_an_invalid_page(tmp_path):
    assert VNU_JAR.exists(), f"{VNU_JAR} is missing: run `make install-test`"
    page = '<!DOCTYPE html><html lang="sv"><title>x</title><p id="a"></p><p id="a"></p>'
    errors = _vnu_errors({"/broken/": page}, tmp_path)
    assert len(errors) == 1
    assert errors[0].startswith("/broken/:1: Duplicate ID")


PEOPLE = {
    "a visitor": (
        None,
        ["/sv/", "/en/", "/sv/accounts/login/", "/sv/accounts/signup/", "/sv/handbook/"]
        + ["/sv/search/?q=l%C3%A4xhj%C3%A4lp", "/en/search/?q=Rosengard", "/sv/search/?q=%3F%3F"],
    ),
    "a group admin": ("group@example.org", ["/sv/my/", "/en/my/"]),
    "city staff": (
        "staff.malmo@example.org",
        ["/sv/my/", "/sv/staff/", "/en/staff/", "/sv/staff/stats/", "/sv/staff/initiatives/"],
    ),
    "an editor": ("editor@example.org", ["/sv/staff/stories/", "/sv/staff/handbook/"]),
    "the administrator": ("admin@example.org", ["/sv/staff/outbox/", "/en/staff/outbox/"]),
}


def test_every_page_people_reach_is_valid_html(client, demo, tmp_path):
    assert VNU_JAR.exists(), f"{VNU_JAR} is missing: run `make install-test`"
    pages = {}
    for who, (email, starts) in PEOPLE.items():
        client.logout()
        if email:
            assert client.login(username=email, password=DEMO_PASSWORD)
        reached = _crawl(client, starts, PAGES_PER_PERSON)
        assert len(reached) >= 10, f"the crawl as {who} reached only {sorted(reached)}"
        pages.update({f"{url} (as {who})": html for url, html in reached.items()})
    errors = _vnu_errors(pages, tmp_path)
    assert errors == [], "\n".join(errors)
