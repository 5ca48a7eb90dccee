"""Text people write can never leave its place in the page.

Every user-written field gets quotes, angle brackets and a full attack (a quote that would end a
`content` attribute and add `http-equiv="refresh"`, a `</title><script>`), then every page that
shows it is rendered as a visitor, a group admin and city staff would see it. Parsed, each page
must have exactly the elements and attributes of the same page with harmless text: nothing new,
no `http-equiv`, no script.
"""

from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from cities.models import City, GroupDecision, GroupInvitation, LocalGroup, RightsTheme
from handbook.models import Chapter, Edition, Example, ExampleImage
from initiatives import services as initiative_services
from initiatives.models import (
    Assessment,
    Comment,
    Initiative,
    InitiativeEvent,
    Report,
    Status,
    SupportGrant,
)
from mobilisering import markdown
from tests.conftest import login, make_group, make_user
from tests.handbook.conftest import make_edition, make_editor, make_example
from tests.initiatives.conftest import fresh, make_initiative
from tests.trainings.conftest import make_course, make_registration, make_session
from trainings.models import Course, Registration, Session

# At most 90 characters, so that it fits the shortest text field (a city's name: 100) with the
# row's number after it.
ATTACK = 'Text " \' < > " http-equiv="refresh" content="0;url=//ev.il/" </title><script>x</script>'
# The same number of words, harmless.
BENIGN = "Text a b c d e f g h i j k l m n o p"

# Every field a person writes (a group, its members, staff in the admin or their workspace),
# by model. Translated fields are written in both languages.
USER_TEXT = {
    City: ["name_sv", "name_en", "introduction_sv", "introduction_en", "mission_name"],
    RightsTheme: ["name_sv", "name_en", "description_sv", "description_en", "articles"],
    LocalGroup: ["name", "description", "rights_gaps", "decision_message"],
    get_user_model(): ["first_name", "last_name"],
    Initiative: [
        "title",
        "summary",
        "right_at_stake",
        "rights_holders",
        "location",
        "evidence",
        "people_concerned",
        "goals",
        "activities",
        "cost_breakdown",
        "support_terms",
    ],
    InitiativeEvent: ["text"],
    Comment: ["body"],
    SupportGrant: ["note"],
    Report: ["done", "outcomes", "lessons"],
    Assessment: ["note"],
    GroupDecision: ["message"],
    Course: [
        "title_sv",
        "title_en",
        "summary_sv",
        "summary_en",
        "description_sv",
        "description_en",
        "topics_sv",
        "topics_en",
        "typical_length_sv",
        "typical_length_en",
    ],
    Session: ["venue_name", "venue_address", "cancel_message"],
    Registration: ["name", "organisation", "access_needs"],
    Example: [
        "title_sv",
        "title_en",
        "summary_sv",
        "summary_en",
        "body_sv",
        "body_en",
        "lessons_sv",
        "lessons_en",
    ],
    ExampleImage: ["alt_sv", "alt_en", "caption_sv", "caption_en", "credit"],
    Edition: ["title_sv", "title_en", "introduction_sv", "introduction_en"],
    Chapter: ["title_sv", "title_en", "introduction_sv", "introduction_en"],
}


class Structure(HTMLParser):
    """Each element of a page with the names of its attributes, in order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, tuple[str, ...]]] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, tuple(sorted(name for name, _value in attrs))))

    handle_startendtag = handle_starttag


def structure(html: str) -> list[tuple[str, tuple[str, ...]]]:
    parser = Structure()
    parser.feed(html)
    parser.close()
    return parser.elements


def write_everywhere(text: str) -> None:
    """Put `text` (numbered per row, so names stay unique) into every user-written field."""
    assert len(text) <= 90
    for model, fields in USER_TEXT.items():
        for row in model.objects.all():
            for field in fields:
                setattr(row, field, f"{text} {row.pk}")
            row.save(update_fields=fields)
    markdown.clear_caches()


@pytest.fixture
def world(city_malmo, staff_malmo):
    """A group with a draft, an approved and a submitted initiative, reports, messages, notes,
    a grant, a pending group, a course with a session and registrations."""
    admin = make_user("alma@example.org", first_name="Alma", last_name="Admin")
    member = make_user("maja@example.org", first_name="Maja", last_name="Medlem")
    group = make_group(
        "Grannar",
        city_malmo,
        slug="grannar",
        admins=[admin],
        members=[member],
        themes=["participation"],
        rights_gaps="Hyresvärdar nekar familjer.",
    )
    pending = make_group("Nya grannar", city_malmo, slug="nya-grannar", status="pending")
    GroupDecision.objects.create(group=group, actor=staff_malmo, action="approved", message="Ok.")
    draft = make_initiative(group, member=member, staff=staff_malmo, status=Status.DRAFT)
    submitted = make_initiative(group, member=member, staff=staff_malmo, status=Status.IN_REVIEW)
    approved = make_initiative(group, member=member, staff=staff_malmo, status=Status.ACTIVE)
    for initiative in (submitted, approved):
        initiative_services.add_comment(
            initiative=initiative, actor=fresh(member), body="Hej!", notify=False
        )
        initiative_services.add_comment(
            initiative=initiative, actor=fresh(staff_malmo), body="Internt.", internal=True
        )
        initiative_services.record_assessment(
            initiative=initiative,
            actor=fresh(staff_malmo),
            criterion="participation",
            score=4,
            note="Bra.",
        )
    initiative_services.record_grant(
        initiative=approved, actor=fresh(staff_malmo), kind="funding", amount_sek=5000, note="Lön."
    )
    from tests.initiatives.conftest import report_data

    initiative_services.add_report(
        initiative=approved, actor=fresh(member), data=report_data(), notify=False
    )
    course = make_course(slug="rattigheter")
    session = make_session(city_malmo, course=course)
    registration = make_registration(session, name="Amina", organisation="Förening")
    make_registration(session, name="Bo", access_needs="Hörslinga")
    invitation = GroupInvitation.objects.create(group=group, email="ny@example.org")
    editor = make_editor("elin.editor@example.org")
    story = make_example(
        actor=editor, city=city_malmo, group=group, status="published", picture=True
    )
    edition = make_edition(editor=editor, chapters={"Grannar": [story]})
    return {
        "editor": editor,
        "story": story,
        "chapter": edition.chapters.get(),
        "admin": admin,
        "staff": staff_malmo,
        "group": group,
        "pending": pending,
        "draft": draft,
        "submitted": submitted,
        "approved": approved,
        "course": course,
        "session": session,
        "registration": registration,
        "invitation": invitation,
    }


def pages(world) -> list[tuple[str | None, str]]:
    """(who, url) for every page that shows user-written text."""
    w = world
    return [
        (None, "/sv/"),
        (None, "/sv/cities/"),
        (None, "/sv/cities/malmo/"),
        (None, "/sv/groups/"),
        (None, "/sv/groups/grannar/"),
        (None, "/sv/groups/grannar/contact/"),
        (None, f"/sv/groups/invitations/{w['invitation'].token}/"),
        (None, "/sv/initiatives/"),
        (None, f"/sv/initiatives/{w['approved'].pk}/"),
        (None, "/sv/trainings/"),
        (None, "/sv/trainings/rattigheter/"),
        (None, f"/sv/trainings/sessions/{w['session'].pk}/"),
        (None, f"/sv/trainings/registration/{w['registration'].token}/"),
        (None, "/en/groups/grannar/"),
        (None, f"/en/initiatives/{w['approved'].pk}/"),
        (None, "/en/trainings/rattigheter/"),
        ("admin", "/sv/my/"),
        ("admin", "/sv/groups/grannar/"),
        ("admin", "/sv/groups/grannar/edit/"),
        ("admin", "/sv/groups/grannar/members/"),
        ("admin", "/sv/initiatives/new/"),
        ("admin", f"/sv/initiatives/{w['draft'].pk}/"),
        ("admin", f"/sv/initiatives/{w['draft'].pk}/edit/"),
        ("admin", f"/sv/initiatives/{w['submitted'].pk}/"),
        ("admin", f"/sv/initiatives/{w['approved'].pk}/"),
        ("admin", f"/sv/initiatives/{w['approved'].pk}/reports/new/"),
        ("admin", f"/sv/initiatives/{w['draft'].pk}/actions/submit/"),
        ("staff", "/sv/staff/"),
        ("staff", "/sv/staff/initiatives/?section=all"),
        ("staff", "/sv/staff/stats/"),
        (None, "/sv/stories/"),
        (None, f"/sv/stories/{w['story'].slug}/"),
        (None, "/en/stories/"),
        (None, f"/en/stories/{w['story'].slug}/"),
        (None, "/sv/handbook/"),
        (None, "/sv/handbook/2015/"),
        (None, w["chapter"].get_absolute_url()),
        (None, "/sv/search/?q=Text"),
        ("editor", "/sv/staff/stories/"),
        ("editor", f"/sv/staff/stories/{w['story'].pk}/"),
        ("editor", "/sv/staff/handbook/"),
        ("editor", "/sv/staff/handbook/2015/"),
        ("staff", f"/sv/staff/initiatives/{w['submitted'].pk}/"),
        ("staff", f"/sv/staff/initiatives/{w['approved'].pk}/"),
        ("staff", "/sv/staff/groups/"),
        ("staff", "/sv/staff/groups/?status=approved"),
        ("staff", "/sv/staff/groups/nya-grannar/"),
        ("staff", "/sv/staff/groups/grannar/"),
        ("staff", "/sv/staff/trainings/"),
        ("staff", f"/sv/staff/trainings/{w['session'].pk}/"),
        ("staff", f"/sv/staff/trainings/{w['session'].pk}/print/"),
        ("staff", f"/sv/staff/trainings/{w['session'].pk}/edit/"),
        ("staff", f"/sv/staff/trainings/{w['session'].pk}/cancel/"),
        ("staff", f"/sv/staff/trainings/{w['session'].pk}/email/"),
    ]


def render_all(client, world) -> dict[tuple, list]:
    rendered = {}
    for who, url in pages(world):
        client.logout()
        if who:
            login(client, world[who])
        response = client.get(url)
        assert response.status_code == 200, url
        rendered[(who, url)] = response.content.decode()
    return rendered


@pytest.mark.django_db
def test_it_keeps_every_users_text_inside_its_element_and_attribute(client, world):
    write_everywhere(BENIGN)
    baseline = render_all(client, world)
    write_everywhere(ATTACK)
    attacked = render_all(client, world)
    for page, html in attacked.items():
        assert "Text &quot; &#x27; &lt; &gt;" in html, page
        if "/search/" in page[1]:
            # How many results and passages a search shows depends on the words written, so
            # the results page may differ in length, never in the kinds of element it holds.
            assert set(structure(html)) <= set(structure(baseline[page])), page
        else:
            assert structure(html) == structure(baseline[page]), page
        assert "http-equiv" not in {name for _tag, names in structure(html) for name in names}


@pytest.mark.django_db
def test_it_puts_a_plain_summary_in_the_meta_description(client, world):
    write_everywhere(ATTACK)
    html = client.get("/sv/groups/grannar/").content.decode()
    meta = [line for line in html.splitlines() if 'name="description"' in line][0]
    assert 'content="Text &quot; &#x27; &lt; &gt; &quot; http-equiv=&quot;refresh&quot;' in meta
    assert "<script" not in meta and "</title>" not in meta


@pytest.mark.django_db
def test_it_keeps_email_subjects_on_one_line(
    client, world, staff_malmo, django_capture_on_commit_callbacks
):
    login(client, staff_malmo)
    session = world["session"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/sv/staff/trainings/{session.pk}/email/",
            {"subject": "Hej\r\nBcc: evil@example.org", "body": "Välkomna!"},
        )
    assert response.status_code == 302
    assert mail.outbox
    for message in mail.outbox:
        assert "\n" not in message.subject and "\r" not in message.subject
        assert message.bcc == []
        assert "\nBcc:" not in message.message().as_string()
        assert "evil@example.org" not in message.recipients()
