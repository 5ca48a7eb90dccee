"""Real-browser tests: Debian's Chromium driven by Playwright, checked with axe-core.

They skip, saying why, where /usr/bin/chromium is absent; `.ci/run` installs it.
"""

import os
from pathlib import Path

import pytest

from tests.conftest import PASSWORD

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def pytest_collection_modifyitems(config, items):
    if CHROMIUM.exists():
        return
    skip = pytest.mark.skip(reason=f"Chromium not found at {CHROMIUM}: browser tests not run")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args():
    return {"executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS, "headless": True}


@pytest.fixture(scope="session")
def browser_context_args():
    # axe-core is injected as a script; the portal's CSP would (rightly) refuse it.
    return {"bypass_csp": True, "locale": "sv-SE", "viewport": {"width": 1280, "height": 900}}


def axe_violations(page) -> list[str]:
    """The WCAG 2.1 A/AA violations axe-core finds on the page, one readable line each."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    return [
        f"{v['id']}: {v['help']} ({', '.join(str(n['target']) for n in v['nodes'][:3])})"
        for v in results.response["violations"]
    ]


def go(page, locator) -> None:
    """Click a link or a submit button and wait for the page it leads to, so what follows reads
    the new page (and the database after the server has answered)."""
    with page.expect_navigation():
        locator.click()


def log_in(page, base_url: str, email: str, *, password: str = PASSWORD) -> None:
    """Log in through the Swedish login form, as a fresh visitor (earlier cookies dropped)."""
    page.context.clear_cookies()
    page.goto(f"{base_url}/sv/accounts/login/")
    page.get_by_label("E-post").fill(email)
    page.get_by_label("Lösenord").fill(password)
    go(page, page.get_by_role("button", name="Logga in"))
