"""What a new user tripped over on initiatives: words frozen in one language, partners shown
before they confirm, requested changes hidden at the bottom, forms that contradict themselves,
a group offered as its own partner, two names for one kind of support, long pages, and text
read with the wrong voice."""

import importlib
import re

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from initiatives import services
from initiatives.forms import AttachmentForm, ProposalForm
from initiatives.models import InitiativeEvent, Status, SupportGrant
from initiatives.staff_forms import GrantForm
from mobilisering.uploads import clean_document
from tests.conftest import login, make_group
from tests.initiatives.conftest import fresh, make_initiative, report_data

S = Status
pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n%%EOF\n"


def staff_page(client, initiative, language="sv") -> str:
    with translation.override(language):
        url = reverse("initiatives:staff_detail", args=[initiative.pk])
    return client.get(url).content.decode()


def public_page(client, initiative, language="sv") -> str:
    with translation.override(language):
        url = reverse("initiatives:detail", args=[initiative.pk])
    return client.get(url).content.decode()


def timeline_items(page: str, kind: str) -> int:
    return page.count(f"timeline__item--{kind}")


# --- Attachments are logged -------------------------------------------------------------------


def test_it_logs_an_attachment_on_the_timeline(client, initiative_factory, member):
    """Attaching a file writes an event the group sees, naming the file."""
    initiative = initiative_factory()
    attachment = services.add_attachment(
        initiative=initiative,
        actor=fresh(member),
        document=clean_document(SimpleUploadedFile("budget.pdf", PDF)),
        original_name="budget.pdf",
    )
    event = initiative.events.get(kind=InitiativeEvent.Kind.ATTACHMENT)
    assert event.attachment == attachment
    assert event.actor == member
    assert event.visible_to_group
    login(client, member)
    page = public_page(client, initiative)
    assert "Fil bifogad" in page
    assert "budget.pdf" in page


# --- Frozen language ---------------------------------------------------------------------------


def test_an_assessment_reads_in_the_language_of_the_page(client, initiative_factory, staff_malmo):
    """Saved on a Swedish page, an assessment reads in English on the English page."""
    initiative = initiative_factory(S.IN_REVIEW)
    with translation.override("sv"):
        services.record_assessment(
            initiative=initiative, actor=fresh(staff_malmo), criterion="accountability", score=3
        )
    event = initiative.events.get(kind=InitiativeEvent.Kind.ASSESSMENT)
    assert event.data == {"criterion": "accountability", "score": 3}
    assert event.text == ""
    login(client, staff_malmo)
    english = staff_page(client, initiative, "en")
    assert "Accountability: 3/5" in english
    assert "ansvarsutkrävande" not in english.lower()
    assert "Ansvarsutkrävande: 3/5" in staff_page(client, initiative, "sv")


def test_the_migration_turns_saved_words_into_data(initiative_factory, staff_malmo):
    """Assessment entries saved as words, in either language, become data; other text stays."""
    initiative = initiative_factory(S.IN_REVIEW)
    saved = [
        InitiativeEvent.objects.create(
            initiative=initiative, kind="assessment", text=text, visible_to_group=False
        )
        for text in ["ansvarsutkrävande: 3/5", "Feasibility: 5/5", "Något helt annat"]
    ]
    migration = importlib.import_module(
        "initiatives.migrations.0008_assessment_events_as_data_network_as_contacts"
    )
    migration.events_to_data(apps, None)
    for event in saved:
        event.refresh_from_db()
    assert saved[0].data == {"criterion": "accountability", "score": 3}
    assert saved[1].data == {"criterion": "feasibility", "score": 5}
    assert (saved[2].data, saved[2].text) == ({}, "Något helt annat")


def test_one_save_of_the_assessment_is_one_entry(client, initiative_factory, staff_malmo):
    """Scoring three criteria at once gives one timeline entry naming all three."""
    initiative = initiative_factory(S.IN_REVIEW)
    login(client, staff_malmo)
    client.post(
        reverse("initiatives:staff_assess", args=[initiative.pk]),
        {
            "assess-participation_score": "4",
            "assess-empowerment_score": "3",
            "assess-feasibility_score": "5",
        },
    )
    page = staff_page(client, initiative)
    assert initiative.events.filter(kind="assessment").count() == 3
    assert timeline_items(page, "assessment") == 1
    for words in ["Delaktighet: 4/5", "Egenmakt: 3/5", "Genomförbarhet: 5/5"]:
        assert words in page


# --- Partners ----------------------------------------------------------------------------------


def test_an_unconfirmed_partner_is_not_shown_publicly(
    client, group, member, staff_malmo, other_member
):
    """The public sees a partner once it has confirmed; the group sees it waiting."""
    partner = make_group("Unga i Malmö", group.city, admins=[other_member])
    initiative = make_initiative(
        group, member=member, staff=staff_malmo, status=S.APPROVED, partners=[partner]
    )
    assert "Unga i Malmö" not in public_page(client, initiative)
    login(client, member)
    assert "inte bekräftad än" in public_page(client, initiative)
    services.confirm_partnership(
        initiative=initiative, actor=fresh(other_member), group=partner, notify=False
    )
    client.logout()
    assert "Unga i Malmö" in public_page(client, initiative)


# --- Requested changes -------------------------------------------------------------------------


def test_the_group_sees_the_requested_changes_at_the_top(client, initiative_factory, member):
    """What staff asked for stands in the "next step" box, above everything else."""
    initiative = initiative_factory(S.CHANGES_REQUESTED)
    login(client, member)
    page = public_page(client, initiative)
    box = page[page.index('id="next-title"') : page.index("</section>", page.index("next-title"))]
    assert "Det här ber stadsmissionen er att ändra" in box
    assert "Ett meddelande till gruppen." in box


# --- Forms -------------------------------------------------------------------------------------


def test_a_required_upload_never_says_optional(group):
    """The upload on its own is required and says so; in the proposal it is optional."""
    with translation.override("sv"):
        alone = AttachmentForm().fields["attachment"]
        in_proposal = ProposalForm(own_group=group).fields["attachment"]
        assert alone.required and not str(alone.help_text).startswith("Frivilligt")
        assert not in_proposal.required and str(in_proposal.help_text).startswith("Frivilligt")


def test_the_areas_are_called_one_thing(client, group, member):
    """The field's label and its message use the same word, in both languages."""
    login(client, member)
    with translation.override("sv"):
        url = reverse("initiatives:create")
    page = client.post(url, {"title": "Idé", "action": "submit"}).content.decode()
    assert "Områden" in page
    assert "Välj minst ett område." in page
    assert "tema" not in re.sub(r"<[^>]+>", "", page).lower()
    with translation.override("en"):
        page = client.post(
            reverse("initiatives:create"), {"title": "Idea", "action": "submit"}
        ).content.decode()
    assert "Areas" in page
    assert "Choose at least one area." in page


def test_a_group_is_never_offered_as_its_own_partner(client, group, member, city_malmo):
    """A member of two groups chooses the proposing group first; it is then no partner choice,
    and posting it as one is refused."""
    second = make_group("Tillgängligt för alla", city_malmo, members=[member])
    login(client, member)
    url = reverse("initiatives:create")
    assert 'name="group"' in client.get(url).content.decode()
    page = client.get(url, {"group": group.pk}).content.decode()
    offered = set(re.findall(r'name="partners" value="(\d+)"', page))
    assert str(second.pk) in offered
    assert str(group.pk) not in offered
    response = client.post(
        f"{url}?group={group.pk}", {"title": "Idé", "partners": [group.pk], "action": "save"}
    )
    assert response.status_code == 200
    assert not group.initiatives.exists()


def test_support_is_named_the_same_asked_and_given(client, initiative_factory, staff_malmo):
    """The proposal and the grant offer the same kinds; a grant of contacts reads "Kontakter"."""
    with translation.override("sv"):
        asked = ProposalForm(own_group=initiative_factory().group).fields["support_requested"]
        assert GrantForm().fields["kind"].choices == asked.choices
    initiative = initiative_factory(S.APPROVED)
    services.record_grant(initiative=initiative, actor=fresh(staff_malmo), kind="contacts")
    login(client, staff_malmo)
    assert "Kontakter" in staff_page(client, initiative)


def test_the_migration_renames_network_grants_contacts(initiative_factory):
    """Grants recorded as "network" become "contacts"."""
    initiative = initiative_factory(S.APPROVED)
    grant = SupportGrant.objects.create(initiative=initiative, kind="network")
    migration = importlib.import_module(
        "initiatives.migrations.0008_assessment_events_as_data_network_as_contacts"
    )
    migration.network_to_contacts(apps, None)
    grant.refresh_from_db()
    assert grant.kind == "contacts"


# --- Long pages --------------------------------------------------------------------------------


def folded(page: str) -> dict[str, bool]:
    """Each part of the proposal form -> is it open?"""
    return {
        key: " open" in rest.split(">", 1)[0]
        for key, rest in re.findall(r'<details[^>]*id="part-(\w+)"(.*?)</summary>', page, re.S)
    }


def test_the_proposal_form_folds_its_parts(client, group, member, initiative_factory):
    """A new proposal opens at its first part; a saved complete one shows every part folded but
    the first; a part with an error is open."""
    login(client, member)
    new = folded(client.get(reverse("initiatives:create")).content.decode())
    assert new == {"project": True, "gap": False, "people": False, "plan": False, "files": False}
    initiative = initiative_factory()
    edit = reverse("initiatives:edit", args=[initiative.pk])
    assert not any(open_ for key, open_ in folded(client.get(edit).content.decode()).items()
                   if key != "project")  # fmt: skip
    page = client.post(edit, {"title": "Idé", "budget_sek": "-1", "action": "save"})
    assert folded(page.content.decode())["plan"]


def test_the_staff_page_folds_what_is_done(client, initiative_factory, staff_malmo):
    """Once assessed, the assessment shows its scores with the form folded away."""
    initiative = initiative_factory(S.IN_REVIEW)
    login(client, staff_malmo)
    page = staff_page(client, initiative)
    assert '<details class="fold" open>' in page
    services.record_assessment(
        initiative=initiative, actor=fresh(staff_malmo), criterion="participation", score=4
    )
    page = staff_page(client, initiative)
    assert "Ändra bedömningen" in page
    assert '<details class="fold" open>' not in page


# --- Language of content -----------------------------------------------------------------------


def test_text_is_marked_with_the_language_it_was_written_in(client, group, member, staff_malmo):
    """A proposal written on the Swedish site is marked lang="sv" on the English page, and
    not on the Swedish one; one written in English the other way round."""
    with translation.override("sv"):
        swedish = make_initiative(group, member=member, staff=staff_malmo, status=S.APPROVED)
    with translation.override("en"):
        english = make_initiative(
            group, member=member, staff=staff_malmo, status=S.APPROVED, title="Voices"
        )
    assert (swedish.language, english.language) == ("sv", "en")
    assert re.search(r'<h1[^>]*lang="sv"', public_page(client, swedish, "en"))
    assert not re.search(r"<h1[^>]*lang=", public_page(client, swedish, "sv"))
    assert re.search(r'<h1[^>]*lang="en"', public_page(client, english, "sv"))
    listing = client.get("/en/initiatives/").content.decode()
    assert re.search(r'<a href="[^"]+"\s*lang="sv">Röster från Rosengård</a>', listing)


def test_a_report_is_marked_with_its_language(client, initiative_factory, member, staff_malmo):
    """A report written in Swedish is marked on the English staff page."""
    initiative = initiative_factory(S.ACTIVE)
    with translation.override("sv"):
        report = services.add_report(
            initiative=initiative, actor=fresh(member), data=report_data(), notify=False
        )
    assert report.language == "sv"
    login(client, staff_malmo)
    page = staff_page(client, initiative, "en")
    assert '<dd lang="sv"><p>Två öppna samtal med 35 deltagare.</p>' in page
