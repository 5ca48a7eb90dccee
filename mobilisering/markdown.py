"""Markdown written by staff and groups, rendered to sanitised HTML or to plain text.

The renderer is markdown-it-py (CommonMark plus tables): its parser runs in time linear in the
input, so no text, however it is written, can stall a worker. Python-Markdown, used before, took
quadratic time on runs of `[` (10,000 of them: 22 s). Rendered HTML is kept in a small
per-process cache keyed by a hash of the text, so a list page renders each description once per
worker, not once per row per request.

Models keep their texts rendered, too (`mobilisering.models.RenderedMarkdown`): `stored_entry`
makes what they store of a text, and pages show it only while it is the render of the text as it
is now, by this renderer (`RENDERER`); anything else is rendered again here.
"""

import hashlib
import html
import threading
import unicodedata
from collections import OrderedDict
from importlib.metadata import version

import nh3
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from markdown_it import MarkdownIt

ALLOWED_TAGS = {
    "a", "abbr", "blockquote", "br", "code", "em", "h2", "h3", "h4", "hr", "li", "ol", "p",
    "pre", "strong", "ul", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}}
# The length of a summary made from Markdown (meta descriptions, cards): words, and characters
# for text without spaces.
SUMMARY_WORDS = 30
SUMMARY_CHARACTERS = 300

# What rendered a stored text: a page shows stored HTML only when it names this renderer. Raise
# the number whenever the output changes (the parser's options, the allow-lists, the summary's
# length); a new markdown-it-py or nh3 changes it by itself.
RENDERER_VERSION = 1
RENDERER = f"{RENDERER_VERSION}/markdown-it-py {version('markdown-it-py')}/nh3 {version('nh3')}"

# Raw HTML in the source passes the parser and is then cut down by nh3's allow-list (a `<script>`
# and its content go, an `<img onerror>` goes), as with the renderer used before.
_parser = MarkdownIt("commonmark", {"html": True}).enable("table")


class _RenderCache:
    """The last `size` renders, by SHA-256 of the source: bounded memory, safe across threads."""

    def __init__(self, size: int):
        self.size = size
        self._items: OrderedDict[bytes, str] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: bytes) -> str | None:
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
            return value

    def put(self, key: bytes, value: str) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


_html_cache = _RenderCache(size=2048)
_summary_cache = _RenderCache(size=2048)


def _render(text: str) -> str:
    return nh3.clean(
        _parser.render(text),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )


def render_markdown(text: str) -> SafeString:
    """Render Markdown to HTML that holds no script, style, event handler or foreign markup.

    nh3's allow-list removes any raw HTML of the source beyond those tags; links get
    rel="noopener noreferrer nofollow".
    """
    text = text or ""
    key = hashlib.sha256(text.encode()).digest()
    rendered = _html_cache.get(key)
    if rendered is None:
        rendered = _render(text)
        _html_cache.put(key, rendered)
    return mark_safe(rendered)  # noqa: S308 - nh3 has sanitised it


def markdown_to_text(text: str) -> str:
    """The words of a Markdown text without its markup, as plain (unescaped) text.

    Made from the sanitised HTML with every tag removed and every character reference decoded:
    the result is text again, which the template escapes like any other value, so it is safe in
    an attribute. (Sanitised HTML with its tags stripped is not: its quotes are left bare.)
    """
    bare = nh3.clean(str(render_markdown(text)), tags=set())
    return " ".join(html.unescape(bare).split())


def plain_summary(text: str, words: int = SUMMARY_WORDS) -> str:
    """A Markdown text's first `words` words as escaped plain text, for an attribute or a card."""
    key = hashlib.sha256(f"{words}:{text or ''}".encode()).digest()
    summary = _summary_cache.get(key)
    if summary is None:
        summary = summary_of_lead(markdown_to_text(text), words)
        _summary_cache.put(key, summary)
    return mark_safe(summary)  # noqa: S308 - escaped by summary_of_lead


def lead(text: str) -> str:
    """A Markdown text's first SUMMARY_WORDS words as plain (unescaped) text: enough to make
    any summary of up to that many words from (`summary_of_lead`)."""
    return Truncator(markdown_to_text(text)).words(SUMMARY_WORDS, truncate="…")


def summary_of_lead(plain: str, words: int = SUMMARY_WORDS) -> SafeString:
    """The summary `plain_summary` makes, from the plain text or from its `lead`: the same for
    any `words` up to SUMMARY_WORDS, since cutting the lead cuts the text at the same word.

    Django's Truncator, word for word, without its cost where nothing is cut (a list page
    makes twenty of these from stored leads)."""
    parts = plain.split()
    shortened = " ".join(parts[:words])
    if len(parts) > words and not shortened.endswith("…"):
        shortened += "…"
    if len(shortened) > SUMMARY_CHARACTERS or not unicodedata.is_normalized("NFC", shortened):
        shortened = Truncator(shortened).chars(SUMMARY_CHARACTERS, truncate="…")
    return escape(shortened)


def source_key(text: str) -> str:
    """What a stored render remembers of its source, to be recognised as that text's render."""
    return hashlib.sha256((text or "").encode()).hexdigest()


def stored_entry(text: str) -> dict:
    """What a model stores of one Markdown text: its key, its sanitised HTML (exactly as
    `render_markdown` makes it) and its lead for summaries."""
    return {"source": source_key(text), "html": str(render_markdown(text)), "lead": lead(text)}


def clear_caches() -> None:
    """Forget every cached render (for tests)."""
    _html_cache.clear()
    _summary_cache.clear()
