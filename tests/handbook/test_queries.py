"""Pages run a fixed number of queries whatever the number of stories, pictures and themes."""

import pytest
from django.urls import reverse

from handbook import services
from handbook.models import Edition
from tests.conftest import count_queries, make_group
from tests.handbook.conftest import make_edition, make_example

pytestmark = pytest.mark.django_db


def _grow(editor, city, group, n, start=0):
    """n published stories of `group`, each with a picture and two themes."""
    return [
        make_example(
            actor=editor,
            city=city,
            group=group,
            title=f"Berättelse {start + i}",
            status="published",
            picture=True,
            themes=["housing", "participation"],
        )  # fmt: skip
        for i in range(n)
    ]


@pytest.fixture
def grown(editor, city_malmo):
    """A function: add n stories (all in the edition's one chapter) and return the URLs."""
    group = make_group("Bostad för alla Malmö", city_malmo)
    stories = []

    def grow(n):
        stories.extend(_grow(editor, city_malmo, group, n, start=len(stories)))
        edition = Edition.objects.filter(slug="2015").first()
        if edition is None:
            edition = make_edition(editor=editor, chapters={"Rätten till ett hem": stories})
        chapter = edition.chapters.get()
        services.set_chapter_examples(chapter=chapter, actor=editor, examples=stories)
        return {
            "stories": reverse("handbook:story_list"),
            "filtered": reverse("handbook:story_list") + "?city=malmo&theme=housing",
            "story": stories[0].get_absolute_url(),
            "contents": reverse("handbook:index"),
            "edition": reverse("handbook:edition", args=["2015"]),
            "chapter": reverse("handbook:chapter", args=["2015", chapter.slug]),
            "home": reverse("home"),
            "hub": city_malmo.get_absolute_url(),
            "group": group.get_absolute_url(),
        }

    return grow


def test_it_runs_the_same_queries_for_2_or_14_stories(client, grown):
    urls = grown(2)
    small = {name: count_queries(client, url) for name, url in urls.items()}
    urls = grown(12)
    large = {name: count_queries(client, url) for name, url in urls.items()}
    assert large == small


def test_it_runs_the_same_queries_on_the_editors_pages(client, editor, grown):
    from tests.conftest import login

    urls = grown(2)
    login(client, editor)
    workspace = reverse("handbook:staff_examples")
    edition = reverse("handbook:staff_edition", args=["2015"])
    small = (count_queries(client, workspace), count_queries(client, edition))
    grown(12)
    assert (count_queries(client, workspace), count_queries(client, edition)) == small
    assert urls
