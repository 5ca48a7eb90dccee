"""Stories and handbook chapters in the portal-wide search and the sitemap: published ones are
found, drafts, stories in review, stories whose consent was withdrawn and chapters of
unpublished editions never are."""

import pytest
from django.conf import settings

from handbook import services
from handbook.models import Example
from initiatives.models import Report
from tests.handbook.conftest import make_edition, make_example

pytestmark = pytest.mark.django_db


def found(client, query: str, language: str = "sv") -> str:
    response = client.get(f"/{language}/search/", {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def test_it_finds_a_published_story_and_its_chapter(client, editor, city_malmo):
    story = make_example(
        actor=editor,
        city=city_malmo,
        title="Stafettvandring för asylsökandes rätt",
        status="published",
        body_sv="Femtio personer gick genom staden med en stafettpinne.",
    )
    make_edition(editor=editor, chapters={"Att ta plats i staden": [story]})

    html = found(client, "stafettvandring")
    assert "Berättelser" in html
    assert f'href="{story.get_absolute_url()}"' in html
    assert "Malmö" in html

    chapter_html = found(client, "staden")
    assert "Handbokens kapitel" in chapter_html
    assert "Att ta plats i staden" in chapter_html


def test_it_never_finds_drafts_reviews_withdrawn_consent_or_unpublished_chapters(
    client, editor, city_malmo, completed
):
    make_example(actor=editor, city=city_malmo, title="Hemligutkast ett", status="draft")
    make_example(actor=editor, city=city_malmo, title="Hemligutkast två", status="in_review")
    withdrawn = services.start_from_initiative(initiative=completed, actor=editor)
    Example.objects.filter(pk=withdrawn.pk).update(title_sv="Hemligsamtycke")
    withdrawn.refresh_from_db()
    services.transition(example=withdrawn, name="submit", actor=editor, notify=False)
    services.transition(example=withdrawn, name="publish", actor=editor)
    assert "Hemligsamtycke" in found(client, "hemligsamtycke")  # found while consent holds
    Report.objects.filter(initiative=completed).update(consent_to_feature=False)
    published = make_example(actor=editor, city=city_malmo, title="Synlig", status="published")
    make_edition(editor=editor, chapters={"Hemligkapitel": [published]}, slug="2016", publish=False)

    for query in ["hemligutkast", "hemligsamtycke", "hemligkapitel"]:
        assert "search-hit" not in found(client, query), query
    assert "Synlig" in found(client, "synlig")


def test_the_sitemap_lists_public_stories_and_chapters_only(client, editor, city_malmo):
    story = make_example(
        actor=editor, city=city_malmo, title="Öppen berättelse", status="published"
    )
    draft = make_example(actor=editor, city=city_malmo, title="Utkastet", status="draft")
    make_edition(editor=editor, chapters={"Kapitlet": [story]})
    make_edition(editor=editor, chapters={"Dolt": [story]}, slug="2016", publish=False)

    xml = client.get("/sitemap.xml").content.decode()

    assert f"/sv/stories/{story.slug}/" in xml and f"/en/stories/{story.slug}/" in xml
    assert f"/stories/{draft.slug}/" not in xml
    assert "/sv/handbook/2015/" in xml
    assert "/handbook/2016/" not in xml


def test_a_story_page_offers_its_picture_and_summary_as_a_link_preview(client, editor, city_malmo):
    story = make_example(
        actor=editor,
        city=city_malmo,
        title="Med bild",
        status="published",
        picture=True,
        summary_sv='Grannar "samlades" <här>.',
    )
    html = client.get(story.get_absolute_url()).content.decode()

    picture = story.images.get()
    og_image = f"{settings.SITE_URL}/media/{picture.image.name}"
    assert f'<meta property="og:image" content="{og_image}">' in html
    assert (
        '<meta property="og:description" content="Grannar &quot;samlades&quot; &lt;här&gt;.">'
        in html
    )
    assert 'type="application/atom+xml" title="Berättelser" href="/sv/stories/feed/"' in html
