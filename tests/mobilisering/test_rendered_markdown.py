"""Markdown is rendered when a text is saved, and pages show the stored HTML while it is the
render of the text as it is now (mobilisering.models.RenderedMarkdown)."""

import importlib
import io

import pytest
from django.apps import apps
from django.core.management import call_command
from django.urls import reverse
from django.utils.html import escape
from django.utils.text import Truncator

from cities.models import City, LocalGroup
from initiatives.models import Initiative, Status
from mobilisering import markdown
from mobilisering.markdown import RENDERER, render_markdown
from tests.conftest import login, make_city_staff, make_group, make_user
from tests.initiatives.conftest import make_initiative

pytestmark = pytest.mark.django_db


@pytest.fixture
def renders(monkeypatch):
    """The texts the renderer is asked to render."""
    seen = []
    real = markdown._render
    monkeypatch.setattr(markdown, "_render", lambda text: seen.append(text) or real(text))
    yield seen
    markdown.clear_caches()


def forget(renders: list) -> None:
    """From here on, only stored HTML saves a render: the per-process cache forgets."""
    markdown.clear_caches()
    renders.clear()


def test_it_stores_the_sanitised_html_when_a_group_is_saved(city_malmo):
    text = "Vi driver frågor om **bostäder**. <script>alert(1)</script>"
    group = make_group("Grannar", city_malmo, description=text)
    group = LocalGroup.objects.get(pk=group.pk)
    assert group.rendered["renderer"] == RENDERER
    assert group.rendered["description"]["html"] == str(render_markdown(text))
    assert "<script>" not in group.rendered["description"]["html"]


def test_a_page_shows_the_stored_html_without_rendering(client, city_malmo, renders):
    group = make_group("Grannar", city_malmo, description="Vi driver frågor om **bostäder**.")
    forget(renders)
    page = client.get(f"/sv/groups/{group.slug}/").text
    assert "Vi driver frågor om <strong>bostäder</strong>." in page
    assert renders == []


def test_an_edit_through_the_profile_form_stores_the_new_html(client, city_malmo, renders):
    admin = make_user("alma@example.org")
    group = make_group("Grannar", city_malmo, admins=[admin], description="Gammal text.")
    login(client, admin)
    data = {
        "name": "Grannar",
        "kind": "association",
        "description": "Ny text med *betoning*.",
        "rights_gaps": "Hyresvärdar nekar familjer.",
        "contact_email": "kontakt@grannar.example.org",
    }
    assert client.post(f"/sv/groups/{group.slug}/edit/", data).status_code == 302
    group.refresh_from_db()
    assert group.rendered["description"]["html"] == "<p>Ny text med <em>betoning</em>.</p>\n"
    forget(renders)
    page = client.get(f"/sv/groups/{group.slug}/").text
    assert "Ny text med <em>betoning</em>." in page
    assert "Gammal text." not in page
    assert renders == []


def test_an_edit_of_a_proposal_stores_the_new_html(client, city_malmo, renders):
    member = make_user("maja@example.org")
    group = make_group("Grannar", city_malmo, members=[member])
    draft = make_initiative(group, member=member, goals="Gamla mål.")
    login(client, member)
    post = {
        "title": draft.title,
        "summary": draft.summary,
        "right_at_stake": draft.right_at_stake,
        "rights_holders": draft.rights_holders,
        "location": draft.location,
        "evidence": draft.evidence,
        "people_concerned": draft.people_concerned,
        "goals": "Nya **mål**.",
        "activities": draft.activities,
        "kind_of_work": draft.kind_of_work,
        "action": "save",
    }
    client.post(reverse("initiatives:edit", args=[draft.pk]), post)
    draft.refresh_from_db()
    assert draft.goals == "Nya **mål**."
    assert draft.rendered["goals"]["html"] == "<p>Nya <strong>mål</strong>.</p>\n"
    forget(renders)
    page = client.get(draft.get_absolute_url()).text
    assert "Nya <strong>mål</strong>." in page
    assert renders == []


def test_it_renders_again_when_the_stored_html_is_of_another_text(client, city_malmo):
    """A text changed past save() (a bulk update) shows as it is now, never the old render."""
    group = make_group("Grannar", city_malmo, description="Gammal text.")
    LocalGroup.objects.filter(pk=group.pk).update(description="Ny text med *betoning*.")
    page = client.get(f"/sv/groups/{group.slug}/").text
    assert "Ny text med <em>betoning</em>." in page
    assert "Gammal text." not in page


def test_it_renders_again_when_the_stored_html_is_of_an_older_renderer(client, city_malmo):
    """HTML stored by an older renderer (another allow-list, say) is never shown."""
    text = "Vi driver frågor om **bostäder**."
    group = make_group("Grannar", city_malmo, description=text)
    stale = {
        "renderer": "0/old",
        "description": {
            "source": markdown.source_key(text),
            "html": "<p onclick='alert(1)'>Gammal HTML</p><script>alert(2)</script>",
            "lead": "Gammal sammanfattning",
        },
    }
    LocalGroup.objects.filter(pk=group.pk).update(rendered=stale)
    page = client.get(f"/sv/groups/{group.slug}/").text
    assert "Vi driver frågor om <strong>bostäder</strong>." in page
    assert "Gammal" not in page
    assert "alert(" not in page
    assert client.get("/sv/groups/").text.count("Gammal") == 0


def test_a_translated_text_shows_the_pages_language_or_the_fallback(client, renders):
    malmo = City.objects.get(slug="malmo")
    malmo.introduction_sv = "Välkommen till *Malmö*."
    malmo.introduction_en = "Welcome to *Malmö*."
    malmo.save()
    stockholm = City.objects.get(slug="stockholm")
    stockholm.introduction_sv = "Välkommen till *Stockholm*."
    stockholm.introduction_en = ""
    stockholm.save()
    forget(renders)
    assert "Välkommen till <em>Malmö</em>." in client.get("/sv/cities/malmo/").text
    assert "Welcome to <em>Malmö</em>." in client.get("/en/cities/malmo/").text
    assert "Välkommen till <em>Stockholm</em>." in client.get("/en/cities/stockholm/").text
    assert renders == []


@pytest.mark.parametrize("path", ["/sv/groups/", "/sv/cities/malmo/", "/sv/initiatives/"])
def test_a_list_renders_no_markdown_once_its_texts_are_saved(client, city_malmo, renders, path):
    """Twelve groups and initiatives with Markdown: the second view of the page renders none."""
    member = make_user("maja@example.org")
    staff = make_city_staff("mona.staff@example.org", city_malmo)
    for number in range(12):
        group = make_group(
            f"Grupp {number:02d}",
            city_malmo,
            members=[member],
            description=f"Grupp {number} arbetar för **rätten** till bostad.",
        )
        make_initiative(
            group,
            member=member,
            staff=staff,
            status=Status.APPROVED,
            summary=f"Initiativ {number} samlar *röster*.",
        )
    client.get(path)
    forget(renders)
    page = client.get(path).text
    assert "Initiativ 11 samlar röster." in page or "arbetar för rätten till bostad." in page
    assert renders == []


def test_the_data_migration_fills_rows_written_without_save(client, city_malmo, renders):
    group = make_group("Grannar", city_malmo, description="Vi driver frågor om **bostäder**.")
    LocalGroup.objects.filter(pk=group.pk).update(rendered={})
    Initiative.objects.update(rendered={})
    importlib.import_module("cities.migrations.0012_rendered_markdown").render_texts(apps, None)
    group.refresh_from_db()
    assert group.rendered["description"]["html"] == (
        "<p>Vi driver frågor om <strong>bostäder</strong>.</p>\n"
    )
    forget(renders)
    assert "<strong>bostäder</strong>" in client.get(f"/sv/groups/{group.slug}/").text
    assert renders == []


@pytest.mark.parametrize(
    "text",
    [
        "**Första** ordet & <b>fet</b> " + " ".join(f"ord{n}" for n in range(60)),
        "Kort text, inget att korta.",
        "Ord… " * 40,
        "x" * 400 + " y",
        "Cafe\u0301 och " + "långa ord " * 10,
    ],
)
def test_a_summary_from_the_stored_lead_is_djangos_summary_of_the_text(text):
    """Cut from the stored lead, a summary is what Django's Truncator makes of the whole text."""
    plain = markdown.markdown_to_text(text)
    lead = markdown.lead(text)
    for words in (1, 5, 28, 30):
        shortened = Truncator(plain).words(words, truncate="…")
        expected = escape(Truncator(shortened).chars(markdown.SUMMARY_CHARACTERS, truncate="…"))
        assert markdown.summary_of_lead(lead, words) == expected
        assert markdown.plain_summary(text, words) == expected


def test_the_command_renders_again_what_an_older_renderer_stored(client, city_malmo, renders):
    """After an upgrade of the renderer, `manage.py render_markdown` stores the new renders."""
    group = make_group("Grannar", city_malmo, description="Vi driver frågor om **bostäder**.")
    LocalGroup.objects.filter(pk=group.pk).update(rendered={"renderer": "0/old"})
    output = io.StringIO()
    call_command("render_markdown", stdout=output)
    assert "cities.LocalGroup: 1\n" in output.getvalue()
    forget(renders)
    assert "<strong>bostäder</strong>" in client.get(f"/sv/groups/{group.slug}/").text
    assert renders == []
    output = io.StringIO()
    call_command("render_markdown", stdout=output)
    assert "cities.LocalGroup: 0\n" in output.getvalue()
