"""The portal serves only the Bootstrap rules it uses (static/css/vendor/bootstrap.css, built by
`make css`): every Bootstrap class that a template or the Python code names must be in it."""

import re
from pathlib import Path

import bootstrap

ROOT = Path(__file__).resolve().parents[2]
FULL = Path(bootstrap.__file__).parent / "static/bootstrap/css/bootstrap.min.css"
BUILT = ROOT / "static/css/vendor/bootstrap.css"
CODE = ["mobilisering", "cities", "initiatives", "trainings", "handbook"]


def class_names(css: str) -> set[str]:
    css = re.sub(r"/\*.*?\*/|url\([^)]*\)", "", css, flags=re.S)
    return set(re.findall(r"\.([a-zA-Z][\w-]*)", css))


def used_in_templates() -> dict[str, str]:
    used = {}
    for path in (ROOT / "templates").rglob("*.html"):
        for value in re.findall(r'class="([^"]*)"', path.read_text()):
            plain = re.sub(r"\{[{%].*?[%}]\}", " ", value)
            for name in plain.split():
                used.setdefault(name, str(path.relative_to(ROOT)))
    return used


def used_in_code() -> dict[str, str]:
    used = {}
    for package in CODE:
        for path in (ROOT / package).rglob("*.py"):
            for value in re.findall(r"\"([a-z][a-z0-9 -]*)\"", path.read_text()):
                for name in value.split():
                    used.setdefault(name, str(path.relative_to(ROOT)))
    return used


def test_every_bootstrap_class_in_use_is_in_the_built_stylesheet():
    bootstrap_classes = class_names(FULL.read_text())
    built = class_names(BUILT.read_text())
    used = {**used_in_code(), **used_in_templates()}
    missing = {
        name: where
        for name, where in used.items()
        if name in bootstrap_classes and name not in built
    }
    assert not missing, f"run `make css`: {missing}"


def test_the_built_stylesheet_is_a_small_part_of_bootstrap():
    assert BUILT.stat().st_size < FULL.stat().st_size / 4


def test_the_pages_load_the_built_stylesheet_and_the_portals_own_font(client, db):
    html = client.get("/sv/").content.decode()
    assert "/static/css/vendor/bootstrap.css" in html
    assert "bootstrap.min.css" not in html
    assert 'rel="preload" href="/static/fonts/public-sans-latin-wght-normal.woff2"' in html
    response = client.get("/static/fonts/public-sans-latin-wght-normal.woff2")
    assert response.status_code == 200
