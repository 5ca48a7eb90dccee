"""The handbook as a typeset PDF: cover, contents with the right page numbers, chapters,
pictures, bookmarks and metadata, cached per content version and language."""

import io
import re

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from handbook import pdf, services
from tests.handbook.conftest import make_edition, make_example

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition(editor, city_malmo, city_stockholm):
    kartan = make_example(
        actor=editor, city=city_malmo, title="Tillgänglighetskartan", status="published",
        picture=True, body_sv="## Kartan\n\nTrettio medlemmar granskade 120 platser.\n\n" * 8,
    )  # fmt: skip
    tolken = make_example(
        actor=editor, city=city_stockholm, title="Tolk i vården", status="published"
    )
    draft = make_example(actor=editor, city=city_malmo, title="Ett utkast som inte syns")
    return make_edition(
        editor=editor,
        chapters={"Att bli hörd": [kartan, draft], "På lika villkor": [tolken]},
    )


def _reader(client, url) -> PdfReader:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return PdfReader(io.BytesIO(b"".join(response.streaming_content)))


def test_it_typesets_the_edition_with_contents_and_page_numbers(client, edition):
    reader = _reader(client, reverse("handbook:pdf", args=["2015"]))
    pages = [page.extract_text() for page in reader.pages]
    assert "Goda exempel 2015" in pages[0]  # the cover
    contents = pages[1]
    assert "Innehåll" in contents
    for title in ["Att bli hörd", "På lika villkor", "Tillgänglighetskartan", "Tolk i vården"]:
        # Each entry ends with the page it starts on, and that page holds it.
        match = re.search(re.escape(title) + r"[ .·\w]*?(\d+)\s*$", contents, re.MULTILINE)
        assert match, f"{title} has no page number in the contents"
        page_number = int(match.group(1))
        assert title in pages[page_number - 1]
    assert "Ett utkast som inte syns" not in "".join(pages)
    # A story page carries the running header (the book's or the chapter's title) and its
    # page number in the footer.
    story_pages = [i for i, text in enumerate(pages) if "Trettio medlemmar" in text]
    assert len(story_pages) >= 2  # the long story runs over several pages
    for index in story_pages:
        assert pages[index].rstrip().endswith(str(index + 1))
        assert "GODA EXEMPEL 2015" in pages[index] or "ATT BLI HÖRD" in pages[index]


def test_it_has_bookmarks_metadata_language_and_pictures(client, edition):
    reader = _reader(client, reverse("handbook:pdf", args=["2015"]))
    outline = [item.title for item in reader.outline if not isinstance(item, list)]
    assert {"Innehåll", "Att bli hörd", "På lika villkor"} <= set(outline)
    assert reader.metadata.title == "Goda exempel 2015"
    assert reader.trailer["/Root"]["/Lang"] == "sv"
    assert sum(len(page.images) for page in reader.pages) >= 1


def test_it_prints_the_english_edition_under_en(client, edition):
    with translation.override("en"):
        url = reverse("handbook:pdf", args=["2015"])
    reader = _reader(client, url)
    text = "".join(page.extract_text() for page in reader.pages[:3])
    assert "Contents" in text and "Att bli hörd (en)" in text
    assert reader.trailer["/Root"]["/Lang"] == "en"


def test_it_renders_once_per_content_version(client, edition, editor, monkeypatch):
    """A second download reuses the stored file; a change of content makes a new one and
    removes the old."""
    renders = []
    real_render = pdf.render
    monkeypatch.setattr(pdf, "render", lambda *a, **k: renders.append(1) or real_render(*a, **k))
    url = reverse("handbook:pdf", args=["2015"])
    _reader(client, url)
    _reader(client, url)
    assert len(renders) == 1
    first = default_storage.listdir("handbook/pdf/2015")[1]
    chapter = edition.chapters.first()
    services.save_chapter(
        edition=edition, actor=editor, chapter=chapter, data={"title_sv": "Att synas"}
    )
    assert "Att synas" in _reader(client, url).pages[1].extract_text()
    assert len(renders) == 2
    second = default_storage.listdir("handbook/pdf/2015")[1]
    assert len(second) == 1 and second != first


def test_it_keeps_unpublished_editions_to_editors(client, editor, city_malmo):
    example = make_example(actor=editor, city=city_malmo, status="published")
    make_edition(editor=editor, chapters={"Ett": [example]}, slug="2016", publish=False)
    assert client.get(reverse("handbook:pdf", args=["2016"])).status_code == 404
    assert client.get(reverse("handbook:edition", args=["2016"])).status_code == 404


def test_it_loads_nothing_from_outside_the_storage():
    with pytest.raises(ValueError):
        pdf.StorageFetcher().fetch("http://example.org/tracker.png")
    with pytest.raises(ValueError):
        pdf.StorageFetcher().fetch("file:///etc/passwd")
