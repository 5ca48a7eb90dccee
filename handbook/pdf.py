"""The handbook as a typeset book: one PDF per edition, language and content version.

The PDF is made with WeasyPrint from `templates/handbook/pdf/book.html` (cover, contents with
page numbers, chapter openings, running header and footer, images, bookmarks, metadata). It is
stored in the default storage (media folder or S3) under

    handbook/pdf/<edition>/<language>-<hash>.pdf

where the hash covers everything printed: titles, introductions, the public examples' texts,
their images, the consent state (an example whose consent is gone is simply not among them) and
the language. A request finds the file by that name; when it is missing it renders it in that
request, holding no database transaction or lock, so other requests are never held up (two
requests for the same missing version may both render; the second keeps the first's file).
Older versions of the same edition and language are removed once a new one is stored.
"""

import hashlib
import json
import logging
import mimetypes

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.utils import translation

from handbook import selectors
from handbook.models import Edition
from mobilisering import images

logger = logging.getLogger(__name__)

FOLDER = "handbook/pdf"
# Raise when the book's template or stylesheet changes, so cached books are made again.
LAYOUT_VERSION = 1
# The widest rendition a page needs (the text column is about 15 cm: 1600 px is ~270 dpi).
IMAGE_WIDTH = 1600
STORAGE_SCHEME = "storage:"


def _content(edition: Edition, language: str) -> tuple[dict, str]:
    """What the book prints, in `language`, and the hash of it."""
    with translation.override(language):
        chapters = selectors.chapters_with_examples(edition)
        parts: list = [LAYOUT_VERSION, language, edition.slug, edition.title, edition.introduction]
        parts.append(edition.published_at.isoformat() if edition.published_at else "")
        for chapter in chapters:
            parts += [chapter.slug, chapter.title, chapter.introduction]
            for example in chapter.public_examples:
                parts += [
                    example.pk,
                    example.slug,
                    example.title,
                    example.summary,
                    example.body,
                    example.lessons,
                    example.city.name,
                    example.group.name if example.group else "",
                    [theme.name for theme in example.themes.all()],
                ]
                for picture in example.images.all():
                    parts += [picture.image.name, picture.alt, picture.caption, picture.credit]
    digest = hashlib.sha256(json.dumps(parts, default=str).encode()).hexdigest()[:24]
    return {"edition": edition, "chapters": chapters}, digest


def storage_name(edition: Edition, language: str, digest: str) -> str:
    return f"{FOLDER}/{edition.slug}/{language}-{digest}.pdf"


class StorageFetcher:
    """Gives WeasyPrint the files the book refers to as `storage:<name>` from the default
    storage (so it works on S3 too), and nothing else: no network, no local files."""

    def __call__(self, url, *args, **kwargs):
        return self.fetch(url)

    def fetch(self, url, headers=None):
        # WeasyPrint (and the Pango it loads) is imported only when a PDF is made: every other
        # page of the portal starts without it.
        from weasyprint.urls import URLFetcherResponse

        if not url.startswith(STORAGE_SCHEME):
            raise ValueError(f"The handbook's PDF loads nothing from {url!r}")
        name = url.removeprefix(STORAGE_SCHEME)
        with default_storage.open(name, "rb") as handle:
            body = handle.read()
        content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body=body, headers={"Content-Type": content_type})


def picture_url(picture) -> str:
    """The `storage:` URL of the best print rendition of an ExampleImage."""
    name = images.best_rendition(picture.image, picture.image_renditions, max_width=IMAGE_WIDTH)
    return f"{STORAGE_SCHEME}{name}"


def render(edition: Edition, *, language: str, context: dict | None = None) -> bytes:
    """The book's PDF bytes in `language`."""
    from weasyprint import HTML

    if context is None:
        context, _digest = _content(edition, language)
    with translation.override(language):
        for chapter in context["chapters"]:
            for example in chapter.public_examples:
                for picture in example.images.all():
                    picture.print_url = picture_url(picture)
        html = render_to_string(
            "handbook/pdf/book.html",
            {**context, "language": language, "site_url": settings.SITE_URL},
        )
    document = HTML(string=html, base_url="storage:/", url_fetcher=StorageFetcher())
    return document.write_pdf(pdf_tags=True, custom_metadata=True)


def cached_pdf(edition: Edition, *, language: str) -> str:
    """The storage name of the edition's PDF in `language`, rendered now if this version of the
    content has none yet. Runs no transaction and takes no lock while rendering."""
    context, digest = _content(edition, language)
    name = storage_name(edition, language, digest)
    if default_storage.exists(name):
        return name
    data = render(edition, language=language, context=context)
    if not default_storage.exists(name):
        saved = default_storage.save(name, ContentFile(data))
        if saved != name:  # another request stored the same version meanwhile
            default_storage.delete(saved)
    _remove_older_versions(edition, language, keep=name)
    return name


def _remove_older_versions(edition: Edition, language: str, *, keep: str) -> None:
    folder, prefix = f"{FOLDER}/{edition.slug}", f"{language}-"
    try:
        _folders, files = default_storage.listdir(folder)
    except FileNotFoundError:
        return
    for filename in files:
        path = f"{folder}/{filename}"
        if filename.startswith(prefix) and path != keep:
            try:
                default_storage.delete(path)
            except OSError:  # pragma: no cover - another request removed it first
                logger.info("Old handbook PDF %s already gone", path)


def open_pdf(name: str):
    return default_storage.open(name, "rb")
