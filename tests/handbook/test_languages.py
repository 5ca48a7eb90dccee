"""The handbook's words in the reader's language: a story's text marked with the language it is
shown in, and the editorial log stored as steps, not as words in the editor's language."""

import importlib
import re

import pytest
from django.apps import apps
from django.utils import translation

from handbook import services
from handbook.models import HandbookEvent
from tests.handbook.conftest import fresh, make_edition, make_example

pytestmark = pytest.mark.django_db


def story(client, example, language: str) -> str:
    return client.get(f"/{language}/stories/{example.slug}/").content.decode()


def test_a_story_without_its_translation_is_marked_swedish(client, editor, city_malmo):
    """On the English page, the English title is unmarked and the Swedish body (no English
    written yet) is marked lang="sv"; the Swedish page marks nothing."""
    with translation.override("sv"):
        example = make_example(actor=editor, city=city_malmo, status="published")
    assert example.language == "sv"
    english = story(client, example, "en")
    assert not re.search(r"<h1[^>]*lang=", english)
    assert re.search(r'<div class="prose story__body" lang="sv">', english)
    assert 'lang="sv"' not in story(client, example, "sv").split("<main", 1)[1]


def test_a_story_written_in_english_is_marked_on_the_swedish_page(client, editor, city_malmo):
    """A story whose own text was written in English is marked lang="en" on the Swedish page."""
    with translation.override("en"):
        example = make_example(actor=editor, city=city_malmo, status="published", title="Voices")
    assert re.search(r'<h1 lang="en">Voices</h1>', story(client, example, "sv"))


def test_a_story_from_an_initiative_keeps_the_groups_language(completed, editor):
    """Started from an initiative, the story takes the language the group wrote in."""
    completed.language = "en"
    completed.save(update_fields=["language"])
    example = services.start_from_initiative(initiative=completed, actor=fresh(editor))
    assert example.language == "en"


def test_publishing_an_edition_is_logged_as_a_step(editor):
    """Publishing and taking back an edition log the step, in no language."""
    with translation.override("sv"):
        edition = make_edition(editor=editor, chapters={"Boende": []}, publish=True)
        services.publish_edition(edition=edition, actor=fresh(editor), publish=False)
    steps = list(
        HandbookEvent.objects.filter(edition=edition, transition__in=["publish", "unpublish"])
        .order_by("pk")
        .values_list("transition", "text")
    )
    assert steps == [("publish", ""), ("unpublish", "")]


def test_the_migration_turns_logged_words_into_steps(editor):
    """Edition events logged as "publicerad"/"unpublished" become steps."""
    edition = make_edition(editor=editor, chapters={"Boende": []}, publish=False)
    old = [
        HandbookEvent.objects.create(edition=edition, actor=editor, action="edition", text=text)
        for text in ["publicerad", "unpublished", "Boende"]
    ]
    importlib.import_module("handbook.migrations.0004_edition_events_as_steps").words_to_steps(
        apps, None
    )
    for event in old:
        event.refresh_from_db()
    assert [(e.transition, e.text) for e in old] == [
        ("publish", ""),
        ("unpublish", ""),
        ("", "Boende"),
    ]


def test_moving_a_chapter_is_logged(editor):
    """Every change to an edition is in its log, moving a chapter too."""
    edition = make_edition(editor=editor, chapters={"Ett": [], "Två": []}, publish=False)
    second = edition.chapters.order_by("order").last()
    before = HandbookEvent.objects.filter(edition=edition).count()
    services.move_chapter(chapter=second, actor=fresh(editor), step=-1)
    assert HandbookEvent.objects.filter(edition=edition).count() == before + 1
    assert list(edition.chapters.order_by("order").values_list("title_sv", flat=True)) == [
        "Två",
        "Ett",
    ]
