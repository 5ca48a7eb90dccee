"""Markdown no text can stall: worst-case inputs render in time linear in their length, and
rendered HTML is cached so list pages do not render it again per row and per request."""

import time

import pytest

from mobilisering import markdown
from mobilisering.markdown import markdown_to_text, plain_summary, render_markdown
from tests.conftest import make_group

# Each is about 20,000 characters. Python-Markdown, used before, took 22 s for 10,000 `[` and
# 166 s for 20,000; markdown-it-py takes well under a second for each on a busy machine.
WORST_CASES = {
    "open brackets": "[" * 20_000,
    "image openers": "![" * 10_000,
    "unclosed links": "[a](" * 5_000,
    "asterisks": "*" * 20_000,
    "emphasis runs": "*a" * 10_000,
    "mixed emphasis": "**_" * 6_667,
    "underscores": "_" * 20_000,
    "less-than signs": "<" * 20_000,
    "unclosed tags": '<x y="' * 3_333,
    "closing tags": "</" * 10_000,
    "nested quotes": ">" * 20_000,
    "backticks": "`" * 20_000,
    "entities": "&#" * 10_000,
    "pipes": "|" * 20_000,
    "nested lists": "".join("  " * i + "- x\n" for i in range(200)) * 2,
    "link reference flood": "".join(f"[r{i}]: https://example.org/{i}\n" for i in range(400))
    + "[r1] " * 1_000,
    "long table": "|a|b|\n|-|-|\n" + "|x|y|\n" * 3_300,
    "one long line": "ord " * 5_000,
}
# Generous: the bound is for a machine under load; the old renderer was 100 times over it.
SECONDS_PER_WORST_CASE = 5


@pytest.fixture(autouse=True)
def empty_render_cache():
    markdown.clear_caches()
    yield
    markdown.clear_caches()


@pytest.mark.parametrize("text", WORST_CASES.values(), ids=WORST_CASES.keys())
def test_it_renders_worst_case_input_quickly(text):
    started = time.perf_counter()
    html = render_markdown(text)
    summary = plain_summary(text)
    elapsed = time.perf_counter() - started
    assert elapsed < SECONDS_PER_WORST_CASE, f"{elapsed:.1f} s for {len(text)} characters"
    # The output grows with the input, not faster (a renderer that nests or repeats would).
    assert len(html) < 10 * len(text) + 100
    assert len(markdown.markdown_to_text(text)) <= len(text)
    assert len(summary) <= 6 * markdown.SUMMARY_CHARACTERS  # "&quot;" is the longest escape


def test_it_renders_twice_the_input_in_about_twice_the_work():
    """Work counted as the parser's calls of its inline rules: linear in the number of `[`."""
    calls = {"count": 0}
    ruler = markdown._parser.inline.ruler
    original = [entry.fn for entry in ruler.__rules__]

    def counted(rule):
        def wrapper(state, silent):
            calls["count"] += 1
            return rule(state, silent)

        return wrapper

    work = {}
    try:
        for entry in ruler.__rules__:
            entry.fn = counted(entry.fn)
        ruler.__cache__ = None
        for size in (5_000, 10_000, 20_000):
            calls["count"] = 0
            markdown._render("[" * size)
            work[size] = calls["count"]
    finally:
        for entry, rule in zip(ruler.__rules__, original, strict=True):
            entry.fn = rule
        ruler.__cache__ = None
    assert work[20_000] <= 2.5 * work[10_000]
    assert work[10_000] <= 2.5 * work[5_000]


def test_it_renders_each_text_once_however_often_it_is_shown(monkeypatch):
    renders = []
    real = markdown._render
    monkeypatch.setattr(markdown, "_render", lambda text: renders.append(text) or real(text))
    for _ in range(3):
        render_markdown("Vi är *grannar*.")
        plain_summary("Vi är *grannar*.")
    render_markdown("Något annat.")
    assert renders == ["Vi är *grannar*.", "Något annat."]


def test_it_keeps_normal_markdown_as_before():
    html = render_markdown(
        "## Mål\n\nVi vill ha **fler** röster och *färre* hinder.\n\n"
        "- bostäder\n- hälsa\n\n1. ett\n2. två\n\n"
        "| Post | Kronor |\n| --- | --- |\n| Lokal | 3 000 |\n\n"
        "> Citat\n\n[Länk](https://example.org) och `kod`."
    )
    assert "<h2>Mål</h2>" in html
    assert "<strong>fler</strong>" in html and "<em>färre</em>" in html
    assert "<ul>\n<li>bostäder</li>" in html and "<ol>\n<li>ett</li>" in html
    assert "<th>Post</th>" in html and "<td>3 000</td>" in html
    assert "<blockquote>" in html and "<code>kod</code>" in html
    assert '<a href="https://example.org" rel="noopener noreferrer nofollow">Länk</a>' in html


def test_it_makes_plain_text_of_markdown_for_attributes():
    text = 'Vi är *grannar* " http-equiv="refresh" </title><script>alert(1)</script> & [du](https://x.example)'
    summary = plain_summary(text)
    assert summary == ("Vi är grannar &quot; http-equiv=&quot;refresh&quot; &amp; du")
    assert markdown_to_text("**Hej** &amp; <b>välkommen</b>") == "Hej & välkommen"


def test_it_shortens_a_summary_to_whole_words():
    summary = plain_summary(" ".join(["ord"] * 100), 5)
    assert summary == "ord ord ord ord ord…"


@pytest.mark.django_db
@pytest.mark.parametrize("text", ["[" * 20_000, "*a" * 10_000, "<" * 20_000])
def test_it_answers_group_pages_with_worst_case_descriptions(client, city_malmo, text):
    """The group page, the city hub and the directory, each with the description on it."""
    group = make_group("Grannar i Malmö", city_malmo, description=text)
    markdown.clear_caches()
    for url in ["/sv/groups/grannar-i-malmo/", "/sv/cities/malmo/", "/sv/groups/"]:
        started = time.perf_counter()
        response = client.get(url)
        assert response.status_code == 200
        assert time.perf_counter() - started < SECONDS_PER_WORST_CASE
    assert group.name in response.content.decode()
