"""The story workflow and who may move it: city staff draft and send for review for their own
cities, only editors publish, and every step is logged once."""

import pytest
from django.core import mail
from django.urls import reverse

from handbook import services
from handbook.models import HandbookEvent, Status
from handbook.services import HandbookError
from tests.conftest import login, make_city_staff
from tests.handbook.conftest import make_example
from tests.initiatives.conftest import fresh

pytestmark = pytest.mark.django_db


def test_it_takes_a_story_from_draft_to_published_and_back(
    client, editor, staff_malmo, city_malmo, django_capture_on_commit_callbacks
):
    """Staff draft and send for review (the editors are emailed); an editor publishes; the story
    is then public; unpublishing takes it off again."""
    example = make_example(actor=staff_malmo, city=city_malmo, title="Tolk i vården")
    with django_capture_on_commit_callbacks(execute=True):
        services.transition(example=example, name="submit", actor=fresh(staff_malmo))
    assert [m.to for m in mail.outbox] == [[editor.email]]
    assert "Tolk i vården" in mail.outbox[0].subject
    assert client.get(reverse("handbook:story", args=[example.slug])).status_code == 404

    services.transition(example=example, name="publish", actor=editor)
    example.refresh_from_db()
    assert example.status == Status.PUBLISHED and example.published_by == editor
    assert "Tolk i vården" in client.get(reverse("handbook:story_list")).text

    services.transition(example=example, name="unpublish", actor=editor)
    assert "Tolk i vården" not in client.get(reverse("handbook:story_list")).text
    steps = list(example.events.filter(action="transition").values_list("transition", flat=True))
    assert steps == ["submit", "publish", "unpublish"]


def test_it_lets_only_editors_publish(staff_malmo, city_malmo):
    example = make_example(actor=staff_malmo, city=city_malmo, status="in_review")
    with pytest.raises(HandbookError):
        services.transition(example=example, name="publish", actor=fresh(staff_malmo))
    example.refresh_from_db()
    assert example.status == Status.IN_REVIEW


def test_it_refuses_a_step_the_status_no_longer_allows(editor, city_malmo):
    """Two editors pressing "publish": the second gets a clear message, and one event is logged."""
    example = make_example(actor=editor, city=city_malmo, status="in_review")
    services.transition(example=example, name="publish", actor=editor)
    stale = type(example).objects.get(pk=example.pk)
    stale.status = Status.IN_REVIEW
    with pytest.raises(HandbookError, match="publicerad"):
        services.transition(example=stale, name="publish", actor=editor)
    assert HandbookEvent.objects.filter(example=example, transition="publish").count() == 1


def test_it_keeps_staff_to_their_own_cities(client, staff_malmo, staff_stockholm, city_malmo):
    """Stockholm's staff cannot open (404), edit or move a Malmö draft, nor write for Malmö."""
    example = make_example(actor=staff_malmo, city=city_malmo)
    login(client, staff_stockholm)
    assert client.get(reverse("handbook:staff_example", args=[example.pk])).status_code == 404
    url = reverse("handbook:staff_example_action", args=[example.pk, "submit"])
    assert client.post(url).status_code == 404
    with pytest.raises(HandbookError):
        services.create_example(
            actor=fresh(staff_stockholm), data={"title_sv": "Nej", "city": city_malmo}
        )


def test_it_lets_staff_edit_until_published(client, editor, staff_malmo, city_malmo):
    """Once published, only editors change a story; staff get a 403 on its editing page."""
    example = make_example(actor=staff_malmo, city=city_malmo, status="published", publisher=editor)
    login(client, staff_malmo)
    assert client.get(reverse("handbook:staff_example", args=[example.pk])).status_code == 403
    login(client, editor)
    assert client.get(reverse("handbook:staff_example", args=[example.pk])).status_code == 200


def test_it_shows_staff_the_buttons_they_may_use(client, staff_malmo, city_malmo):
    example = make_example(actor=staff_malmo, city=city_malmo, status="in_review")
    login(client, staff_malmo)
    page = client.get(reverse("handbook:staff_example", args=[example.pk])).text
    assert "Tillbaka till utkast" in page
    assert ">Publicera<" not in page
    response = client.post(reverse("handbook:staff_example_action", args=[example.pk, "publish"]))
    assert response.status_code == 403


def test_it_closes_the_workspace_to_everyone_else(client, person):
    login(client, person)
    for name in [
        "handbook:staff_examples",
        "handbook:staff_example_create",
        "handbook:staff_editions",
    ]:
        assert client.get(reverse(name)).status_code == 403
    client.logout()
    assert client.get(reverse("handbook:staff_examples")).status_code == 302


def test_it_lets_city_staff_draft_but_not_build_editions(client, staff_malmo):
    login(client, staff_malmo)
    assert client.get(reverse("handbook:staff_examples")).status_code == 200
    assert client.get(reverse("handbook:staff_editions")).status_code == 403


def test_it_writes_a_story_from_the_form_and_keeps_bad_input(client, staff_malmo, city_malmo):
    """A story from scratch through the form; a missing title is a message on the form, with
    the rest of the input kept."""
    login(client, staff_malmo)
    url = reverse("handbook:staff_example_create")
    response = client.post(url, {"title_sv": "", "body_sv": "Min text", "city": city_malmo.pk})
    assert response.status_code == 200
    assert "Min text" in response.text and "Fel:" in response.text
    response = client.post(url, {"title_sv": "Grannar", "body_sv": "Text", "city": city_malmo.pk})
    assert response.status_code == 302
    assert fresh(staff_malmo) is not None


def test_it_builds_and_publishes_an_edition_in_order(client, editor, city_malmo):
    """Editors add chapters, order them and their stories, then publish the edition."""
    first = make_example(actor=editor, city=city_malmo, title="Första", status="published")
    second = make_example(actor=editor, city=city_malmo, title="Andra", status="published")
    login(client, editor)
    response = client.post(
        reverse("handbook:staff_editions"),
        {"slug": "2016", "title_sv": "Goda exempel 2016", "title_en": ""},
    )
    assert response.status_code == 302
    edit_url = reverse("handbook:staff_edition", args=["2016"])
    for title in ["Kapitel A", "Kapitel B"]:
        client.post(edit_url, {"part": "chapter", "chapter-title_sv": title})
    edition = type(first).objects.none().model._meta.apps.get_model("handbook", "Edition")
    edition = edition.objects.get(slug="2016")
    chapter_a, chapter_b = edition.chapters.order_by("order")
    client.post(
        reverse("handbook:staff_chapter_move", args=["2016", chapter_b.pk]), {"direction": "up"}
    )
    assert [c.title for c in edition.chapters.order_by("order")] == ["Kapitel B", "Kapitel A"]
    client.post(
        reverse("handbook:staff_chapter", args=["2016", chapter_a.pk]),
        {"part": "examples", f"example_{first.pk}": "2", f"example_{second.pk}": "1"},
    )
    assert [e.example.title for e in chapter_a.entries.order_by("order")] == ["Andra", "Första"]
    assert client.get(reverse("handbook:edition", args=["2016"])).status_code == 200
    client.logout()
    assert client.get(reverse("handbook:edition", args=["2016"])).status_code == 404
    login(client, editor)
    client.post(reverse("handbook:staff_edition_publish", args=["2016"]), {"publish": "1"})
    client.logout()
    page = client.get(reverse("handbook:edition", args=["2016"])).text
    assert page.index("Kapitel B") < page.index("Kapitel A") and "Andra" in page


def test_it_needs_a_chapter_before_publishing_an_edition(editor):
    edition = services.save_edition(actor=editor, data={"slug": "tom", "title_sv": "Tom"})
    with pytest.raises(HandbookError):
        services.publish_edition(edition=edition, actor=editor)


def test_it_lets_a_staff_member_of_two_cities_work_in_both(city_malmo, city_stockholm):
    both = make_city_staff("bo.staff@example.org", city_malmo, city_stockholm)
    example = make_example(actor=both, city=city_stockholm)
    assert example.city == city_stockholm
