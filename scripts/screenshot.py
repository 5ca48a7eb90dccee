#!/usr/bin/env python
"""Screenshots of portal pages in headless Chromium, desktop and phone-sized.

Usage: .venv/bin/python scripts/screenshot.py BASE_URL OUTDIR PATH [PATH …]
       [--login EMAIL PASSWORD]   log in first (demo password: demo-mobilisering)
Writes OUTDIR/<name>-desktop.png and OUTDIR/<name>-phone.png for each path.
"""

import argparse
import re
from pathlib import Path

from playwright.sync_api import sync_playwright

ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORTS = {"desktop": (1280, 900), "phone": (390, 844)}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("base")
    parser.add_argument("outdir")
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--login", nargs=2, metavar=("EMAIL", "PASSWORD"))
    args = parser.parse_args()
    out = Path(args.outdir)
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for kind, (width, height) in VIEWPORTS.items():
            context = browser.new_context(viewport={"width": width, "height": height})
            page = context.new_page()
            if args.login:
                page.goto(f"{args.base}/en/accounts/login/")
                page.fill("input[name=login]", args.login[0])
                page.fill("input[name=password]", args.login[1])
                # The login form's own button (the header's search form has one too).
                with page.expect_navigation():
                    page.click("main form:has(input[name=password]) button[type=submit]")
            for path in args.paths:
                page.goto(f"{args.base}{path}")
                # Pictures load lazily; scroll through so a full-page shot shows them all.
                page.evaluate(
                    "async () => { for (let y = 0; y < document.body.scrollHeight; y += 600)"
                    " { window.scrollTo(0, y); await new Promise(r => setTimeout(r, 50)); } }"
                )
                page.wait_for_load_state("networkidle")
                name = re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-") or "root"
                page.screenshot(path=out / f"{name}-{kind}.png", full_page=True)
                print(out / f"{name}-{kind}.png")
            context.close()
        browser.close()


if __name__ == "__main__":
    main()
