"""The group's pages: proposal form, detail, actions, messages, reports, files, public list."""

import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from cities.models import LocalGroup, RightsTheme
from initiatives import services
from initiatives.models import Attachment, Initiative, InitiativeEvent, Report, Status
from tests.conftest import login, make_group
from tests.initiatives.conftest import fresh, make_initiative, report_data

S = Status
pytestmark = pytest.mark.django_db


def full_post(**overrides) -> dict:
    """A complete proposal as the form posts it."""
    theme = RightsTheme.objects.get(slug="participation")
    data = {
        "title": "Röster från Rosengård",
        "summary": "Vi samlar boendes erfarenheter.",
        "right_at_stake": "Rätten att delta.",
        "rights_holders": "Boende i Rosengård.",
        "location": "Rosengård",
        "evidence": "Intervjuer med 40 grannar.",
        "themes": [theme.pk],
        "people_concerned": "Unga och vuxna i stadsdelen.",
        "goals": "Fler samråd på fler språk.",
        "activities": "Fyra öppna samtal.",
        "kind_of_work": "advocacy",
        "planned_start": "2026-03-01",
        "planned_end": "2026-09-30",
        "budget_sek": "20000",
        "cost_breakdown": "Lokal, tolkar, tryck.",
        "support_requested": ["funding", "mentoring"],
        "action": "submit",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_it_sends_visitors_to_log_in_and_explains_groups_to_people_without_one(client, person):
    """Anonymous visitors log in first; a person without an approved group is told how."""
    response = client.get(reverse("initiatives:create"))
    assert response.status_code == 302
    login(client, person)
    response = client.get(reverse("initiatives:create"))
    assert response.status_code == 403
    assert "godkänt" in response.text or "godkänd" in response.text


def test_it_saves_a_half_filled_draft(client, group, member):
    """ "Save the draft" keeps whatever is there; only the title is needed."""
    login(client, member)
    response = client.post(
        reverse("initiatives:create"),
        {"title": "Idé om samråd", "goals": "Fler röster", "action": "save"},
    )
    initiative = Initiative.objects.get()
    assert response.status_code == 302
    assert response.url == initiative.get_absolute_url()
    assert initiative.status == S.DRAFT
    assert initiative.goals == "Fler röster"
    assert initiative.group == group


def test_it_submits_a_complete_proposal_and_tells_the_staff(
    client, group, member, staff_malmo, django_capture_on_commit_callbacks
):
    """A complete proposal submitted from the form is submitted; Malmö staff are emailed."""
    login(client, member)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("initiatives:create"), full_post())
    initiative = Initiative.objects.get()
    assert response.status_code == 302
    assert initiative.status == S.SUBMITTED
    assert [m.to for m in mail.outbox] == [[staff_malmo.email]]


def test_the_error_summary_lists_errors_in_the_order_the_page_shows_the_fields(
    client, group, member
):
    """The summary's links follow the page: the areas (asked in the first part) come before the
    rights gap, and the plan's questions last, whatever order the form declares them in."""
    login(client, member)
    response = client.post(
        reverse("initiatives:create"),
        full_post(right_at_stake="", themes=None, planned_start="", budget_sek=""),
    )
    page = response.text
    summary = page[page.index('id="error-summary"') :]
    summary = summary[: summary.index("</ul>")]
    links = [
        f'href="#id_{name}' for name in ["themes", "right_at_stake", "planned_start", "budget_sek"]
    ]
    assert all(link in summary for link in links)
    assert sorted(links, key=summary.index) == links
    fields = [
        f'id="id_{name}' for name in ["themes", "right_at_stake", "planned_start", "budget_sek"]
    ]
    assert sorted(fields, key=page.index) == fields


def test_it_lists_every_missing_answer_and_keeps_the_input_on_a_half_submit(client, group, member):
    """Submitting half the answers: the draft is saved, the error summary names each missing
    answer, and everything typed is still in the form."""
    login(client, member)
    response = client.post(
        reverse("initiatives:create"),
        full_post(
            right_at_stake="",
            evidence="",
            themes=None,
            planned_start="",
            budget_sek="",
            support_requested=None,
        ),
    )
    assert response.status_code == 200
    page = response.text
    assert 'id="error-summary"' in page
    for field in ["right_at_stake", "evidence", "themes", "planned_start", "budget_sek"]:
        assert f'href="#id_{field}' in page, field
    assert "Skriv vilken rättighet som inte respekteras." in page
    assert 'value="Röster från Rosengård"' in page
    assert "Fyra öppna samtal." in page
    initiative = Initiative.objects.get()
    assert initiative.status == S.DRAFT
    assert initiative.title == "Röster från Rosengård"
    # The form now posts to the saved draft, so a second try does not make another one.
    assert reverse("initiatives:edit", args=[initiative.pk]) in page


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"planned_end": "2026-01-01"},
            "planned_end",
            "Slutdatumet kan inte vara före startdatumet.",
        ),
        ({"budget_sek": "-100"}, "budget_sek", "Budgeten kan inte vara negativ."),
        ({"budget_sek": "mycket"}, "budget_sek", "heltal"),
        ({"planned_start": "2026-13-45"}, "planned_start", "giltigt datum"),
    ],
)
def test_it_refuses_wrong_answers_with_a_clear_message(
    client, group, member, overrides, field, message
):
    """End before start, a negative or non-numeric budget, an impossible date: a message next to
    the field, the input kept, nothing saved."""
    login(client, member)
    response = client.post(reverse("initiatives:create"), full_post(**overrides))
    assert response.status_code == 200
    assert message in response.text
    assert f'href="#id_{field}"' in response.text
    assert 'value="Röster från Rosengård"' in response.text
    assert not Initiative.objects.exists()


def test_it_names_wrong_and_missing_answers_together(client, group, member):
    """A submission with a negative budget and no goals shows both problems at once."""
    login(client, member)
    response = client.post(
        reverse("initiatives:create"), full_post(budget_sek="-1", goals="", themes=None)
    )
    assert "Budgeten kan inte vara negativ." in response.text
    assert "Beskriv vad initiativet ska uppnå." in response.text
    assert "Välj minst ett område." in response.text
    assert not Initiative.objects.exists()


def test_it_lets_a_member_of_several_groups_choose(client, group, member, city_stockholm):
    """With two groups the form asks which; the choice decides the group and city."""
    other = make_group("Järvaforum", city_stockholm, members=[member])
    login(client, member)
    response = client.get(reverse("initiatives:create"))
    assert 'name="group"' in response.text
    client.post(reverse("initiatives:create"), {"title": "X", "group": other.pk, "action": "save"})
    initiative = Initiative.objects.get()
    assert initiative.group == other
    assert initiative.city == city_stockholm


def test_it_refuses_a_group_the_person_is_not_in(client, group, member, other_member):
    """Posting another group's id is refused by the form."""
    make_group("Andra gruppen", group.city, members=[member])
    theirs = LocalGroup.objects.get(slug="tillgangligt-malmo")
    login(client, member)
    response = client.post(
        reverse("initiatives:create"), {"title": "X", "group": theirs.pk, "action": "save"}
    )
    assert response.status_code == 200
    assert not Initiative.objects.exists()


def test_it_edits_in_draft_and_changes_requested_only(client, initiative_factory, member):
    """The edit page works for a draft, and answers 403 once submitted."""
    draft = initiative_factory()
    login(client, member)
    response = client.get(reverse("initiatives:edit", args=[draft.pk]))
    assert response.status_code == 200
    assert f'value="{draft.title}"' in response.text
    response = client.post(
        reverse("initiatives:edit", args=[draft.pk]),
        full_post(title="Ny titel", action="save"),
    )
    draft.refresh_from_db()
    assert draft.title == "Ny titel"
    submitted = initiative_factory(status=S.SUBMITTED)
    assert client.get(reverse("initiatives:edit", args=[submitted.pk])).status_code == 403
    assert (
        client.post(reverse("initiatives:edit", args=[submitted.pk]), full_post()).status_code
        == 403
    )


def test_it_resubmits_after_changes_from_the_edit_form(client, initiative_factory, member):
    """After changes were requested, "save and submit again" resubmits."""
    initiative = initiative_factory(status=S.CHANGES_REQUESTED)
    login(client, member)
    page = client.get(reverse("initiatives:edit", args=[initiative.pk])).text
    assert "Ett meddelande till gruppen." in page
    client.post(reverse("initiatives:edit", args=[initiative.pk]), full_post(goals="Bättre mål"))
    initiative.refresh_from_db()
    assert initiative.status == S.SUBMITTED
    assert initiative.events.filter(transition="resubmit").count() == 1


def test_it_hides_private_states_from_everyone_but_the_group_and_staff(
    client, initiative_factory, member, staff_malmo, staff_stockholm, other_member
):
    """A submitted initiative: 404 for visitors, other groups and other cities; 200 inside."""
    initiative = initiative_factory(status=S.SUBMITTED)
    url = initiative.get_absolute_url()
    assert client.get(url).status_code == 404
    for outsider in [staff_stockholm, other_member]:
        login(client, outsider)
        assert client.get(url).status_code == 404
    for insider in [member, staff_malmo]:
        login(client, insider)
        assert client.get(url).status_code == 200


def test_it_shows_the_public_parts_without_internal_notes_or_hidden_amounts(
    client, initiative_factory, staff_malmo
):
    """Visitors see the summary, rights gap and goals — never internal comments, assessments,
    support terms, budget or a grant amount not marked public."""
    initiative = initiative_factory(status=S.IN_REVIEW)
    staff = fresh(staff_malmo)
    services.add_comment(initiative=initiative, actor=staff, body="HEMLIG-INTERN", internal=True)
    services.record_assessment(
        initiative=initiative, actor=staff, criterion="feasibility", score=2, note="SVAG-PLAN"
    )
    services.transition(
        initiative=initiative, name="approve", actor=staff, support_terms="VILLKOR-XYZ"
    )
    services.record_grant(initiative=initiative, actor=staff, kind="funding", amount_sek=12345)
    services.record_grant(
        initiative=initiative, actor=staff, kind="funding", amount_sek=777, public=True
    )
    page = client.get(initiative.get_absolute_url()).text
    assert initiative.title in page
    assert "Rätten att delta i beslut" in page
    for secret in ["HEMLIG-INTERN", "SVAG-PLAN", "VILLKOR-XYZ", "12345", "20000", "Tidslinje"]:
        assert secret not in page, secret
    assert "777\u00a0kr" in page


def test_it_shows_the_group_its_side_of_the_timeline(
    client, initiative_factory, member, staff_malmo
):
    """Members see messages and decisions, not internal comments or assessments."""
    initiative = initiative_factory(status=S.IN_REVIEW)
    staff = fresh(staff_malmo)
    services.add_comment(initiative=initiative, actor=staff, body="HEMLIG-INTERN", internal=True)
    services.add_comment(initiative=initiative, actor=staff, body="Hej från Mona")
    services.record_assessment(initiative=initiative, actor=staff, criterion="feasibility", score=2)
    login(client, member)
    page = client.get(initiative.get_absolute_url()).text
    assert "Hej från Mona" in page
    assert "HEMLIG-INTERN" not in page
    assert "Genomförbarhet" not in page and "genomförbarhet" not in page
    assert "Under granskning" in page


def test_it_renders_markdown_without_scripts(client, initiative_factory):
    """A `<script>` in the group's text is escaped, never run; Markdown still formats."""
    initiative = initiative_factory(
        status=S.APPROVED, summary="**Viktigt** <script>alert('x')</script>", goals="- ett\n- två"
    )
    page = client.get(initiative.get_absolute_url()).text
    assert "<strong>Viktigt</strong>" in page
    assert "<script>alert" not in page
    assert "<li>ett</li>" in page


def test_it_offers_the_group_its_buttons_and_withdraws(client, initiative_factory, member):
    """A member sees withdraw on a submitted proposal; confirming withdraws it."""
    initiative = initiative_factory(status=S.SUBMITTED)
    login(client, member)
    page = client.get(initiative.get_absolute_url()).text
    withdraw_url = reverse("initiatives:group_action", args=[initiative.pk, "withdraw"])
    assert withdraw_url in page
    assert client.get(withdraw_url).status_code == 200
    response = client.post(withdraw_url, {"message": "Vi hinner inte i år."})
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert initiative.status == S.WITHDRAWN
    assert initiative.events.get(transition="withdraw").text == "Vi hinner inte i år."


def test_it_refuses_staff_actions_through_the_group_page(
    client, initiative_factory, member, staff_malmo
):
    """The group's action view makes group transitions only."""
    initiative = initiative_factory(status=S.IN_REVIEW)
    login(client, member)
    url = reverse("initiatives:group_action", args=[initiative.pk, "approve"])
    assert client.post(url).status_code == 403
    login(client, staff_malmo)
    assert client.post(url).status_code == 403
    initiative.refresh_from_db()
    assert initiative.status == S.IN_REVIEW


def test_it_shows_missing_answers_when_submitting_an_incomplete_draft_by_button(
    client, group, member
):
    """The submit button on a half-filled draft shows the proposal form with every gap."""
    initiative = services.create_draft(group=group, actor=fresh(member), data={"title": "Idé"})
    login(client, member)
    response = client.post(reverse("initiatives:group_action", args=[initiative.pk, "submit"]))
    assert response.status_code == 200
    assert 'id="error-summary"' in response.text
    assert "Välj minst ett område." in response.text
    initiative.refresh_from_db()
    assert initiative.status == S.DRAFT


def test_it_sends_a_message_from_the_group(
    client, initiative_factory, member, staff_malmo, django_capture_on_commit_callbacks
):
    """A member's message lands on the timeline and is emailed to the staff."""
    initiative = initiative_factory(status=S.IN_REVIEW)
    login(client, member)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("initiatives:message", args=[initiative.pk]), {"body": "En fråga"})
    assert initiative.events.filter(kind="message", text="En fråga").exists()
    assert [m.to for m in mail.outbox] == [[staff_malmo.email]]


def _png(size=(20, 20)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "blue").save(buffer, format="PNG")
    return buffer.getvalue()


def test_it_attaches_a_file_to_the_proposal_and_serves_it_to_insiders_only(
    client, group, member, other_member
):
    """The form's file is stored; members download it; a stranger gets 404 while private."""
    login(client, member)
    post = full_post(action="save")
    post["attachment"] = SimpleUploadedFile(
        "budget.pdf", b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n"
    )
    client.post(reverse("initiatives:create"), post)
    item = Attachment.objects.get()
    assert item.original_name == "budget.pdf"
    assert item.content_type == "application/pdf"
    response = client.get(item.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    login(client, other_member)
    assert client.get(item.get_absolute_url()).status_code == 404
    client.logout()
    assert client.get(item.get_absolute_url()).status_code == 404


def test_it_keeps_files_of_a_public_initiative_for_insiders(
    client, initiative_factory, member, staff_malmo
):
    """Once public, the page is open but its files stay with the group and the city's staff."""
    from mobilisering.uploads import clean_document

    initiative = initiative_factory(status=S.ACTIVE)
    item = services.add_attachment(
        initiative=initiative,
        actor=fresh(member),
        document=clean_document(SimpleUploadedFile("budget.png", _png())),
        original_name="budget.png",
    )
    page = client.get(initiative.get_absolute_url()).text
    assert "budget.png" not in page
    assert client.get(item.get_absolute_url()).status_code == 404
    for insider in [member, staff_malmo]:
        login(client, insider)
        assert "budget.png" in client.get(initiative.get_absolute_url()).text
        assert client.get(item.get_absolute_url()).status_code == 200


def test_it_refuses_an_executable_called_pdf_and_keeps_the_answers(client, group, member):
    """A renamed executable: a clear message on the field, the answers still there."""
    login(client, member)
    post = full_post()
    post["attachment"] = SimpleUploadedFile(
        "budget.pdf", b"MZ\x90\x00" + b"\x00" * 2000, content_type="application/pdf"
    )
    response = client.post(reverse("initiatives:create"), post)
    assert response.status_code == 200
    assert 'href="#id_attachment"' in response.text
    assert "PDF" in response.text
    assert 'value="Röster från Rosengård"' in response.text
    assert not Attachment.objects.exists()


def test_it_refuses_a_30_mb_file_with_a_clear_message(client, initiative_factory, member):
    """A file over 10 MB is refused with its size named; nothing is stored."""
    initiative = initiative_factory()
    login(client, member)
    big = SimpleUploadedFile("stor.pdf", b"%PDF-1.4\n" + b"0" * (30 * 1024 * 1024) + b"\n%%EOF\n")
    response = client.post(
        reverse("initiatives:upload", args=[initiative.pk]), {"attachment": big}, follow=True
    )
    assert response.status_code == 200
    assert "30,0\xa0MB" in response.text and "10,0\xa0MB" in response.text
    assert not Attachment.objects.exists()


def test_it_strips_location_data_from_photos(client, initiative_factory, member):
    """An uploaded photo is stored re-encoded without EXIF."""
    initiative = initiative_factory(status=S.ACTIVE)
    image = Image.new("RGB", (30, 30), "green")
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (55.0, 36.0, 0.0)}
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif.tobytes())
    login(client, member)
    client.post(
        reverse("initiatives:upload", args=[initiative.pk]),
        {"attachment": SimpleUploadedFile("foto.jpg", buffer.getvalue())},
    )
    item = Attachment.objects.get()
    with Image.open(item.file.path) as stored:
        assert not stored.getexif()


def test_it_takes_progress_reports_and_one_final_report(
    client, initiative_factory, member, staff_malmo
):
    """A progress report, then the final one with consent and a file; then final is no
    longer offered, and staff can complete."""
    initiative = initiative_factory(status=S.ACTIVE)
    login(client, member)
    url = reverse("initiatives:report_create", args=[initiative.pk])
    assert 'name="final"' in client.get(url).text
    data = {k: str(v) for k, v in report_data().items()}
    assert client.post(url, data).status_code == 302
    final = {**data, "final": "on", "consent_to_feature": "on"}
    final["attachment"] = SimpleUploadedFile("bild.png", _png())
    assert client.post(url, final).status_code == 302
    report = Report.objects.get(final=True)
    assert report.consent_to_feature
    assert report.attachments.count() == 1
    assert 'name="final"' not in client.get(url).text
    services.transition(initiative=initiative, name="complete", actor=fresh(staff_malmo))
    initiative.refresh_from_db()
    assert initiative.status == S.COMPLETED


def test_it_refuses_a_report_period_that_ends_before_it_starts(client, initiative_factory, member):
    """Clear message, input kept, nothing saved."""
    initiative = initiative_factory(status=S.ACTIVE)
    login(client, member)
    data = {k: str(v) for k, v in report_data(period_end="2026-01-01").items()}
    response = client.post(reverse("initiatives:report_create", args=[initiative.pk]), data)
    assert response.status_code == 200
    assert "Periodens slut kan inte vara före dess början." in response.text
    assert "Två öppna samtal" in response.text
    assert not Report.objects.exists()


def test_it_refuses_reports_before_approval_and_from_outsiders(
    client, initiative_factory, member, other_member
):
    """403 for a report on a submitted proposal, and for another group's member (who sees the
    public page)."""
    submitted = initiative_factory(status=S.SUBMITTED)
    login(client, member)
    assert client.get(reverse("initiatives:report_create", args=[submitted.pk])).status_code == 403
    active = initiative_factory(status=S.ACTIVE)
    login(client, other_member)
    assert client.get(reverse("initiatives:report_create", args=[active.pk])).status_code == 403


def test_it_lets_a_partner_confirm_from_the_page(client, group, member, staff_malmo, other_member):
    """The partner's admin sees a confirm button on the submitted proposal and confirms."""
    partner = LocalGroup.objects.get(slug="tillgangligt-malmo")
    initiative = make_initiative(
        group, member=member, staff=staff_malmo, status=S.SUBMITTED, partners=[partner]
    )
    login(client, other_member)
    page = client.get(initiative.get_absolute_url()).text
    url = reverse("initiatives:confirm_partner", args=[initiative.pk, partner.pk])
    assert url in page
    client.post(url)
    assert initiative.partnerships.get().confirmed
    assert InitiativeEvent.objects.filter(kind="partnership").count() == 1


def test_it_lists_public_initiatives_with_filters(
    client, group, member, staff_malmo, city_stockholm
):
    """Only approved/active/completed appear; the filters narrow by city, kind and status."""
    approved = make_initiative(group, member=member, staff=staff_malmo, status=S.APPROVED)
    make_initiative(
        group,
        member=member,
        staff=staff_malmo,
        status=S.ACTIVE,
        title="Praktiskt stöd",
        kind_of_work="concrete",
    )
    hidden = make_initiative(
        group, member=member, staff=staff_malmo, status=S.IN_REVIEW, title="Dold"
    )
    page = client.get(reverse("initiatives:list")).text
    assert approved.title in page and "Praktiskt stöd" in page
    assert hidden.title not in page
    page = client.get(reverse("initiatives:list"), {"kind": "concrete"}).text
    assert "Praktiskt stöd" in page and approved.title not in page
    page = client.get(reverse("initiatives:list"), {"status": "approved"}).text
    assert approved.title in page and "Praktiskt stöd" not in page
    page = client.get(reverse("initiatives:list"), {"city": city_stockholm.slug}).text
    assert approved.title not in page
    assert (
        client.get(reverse("initiatives:list"), {"status": "draft", "city": "nowhere"}).status_code
        == 200
    )


def test_it_shows_outcomes_once_completed(client, initiative_factory):
    """A completed initiative shows the final report's outcomes and figures publicly."""
    initiative = initiative_factory(status=S.COMPLETED)
    page = client.get(initiative.get_absolute_url()).text
    assert "Stadsdelsförvaltningen har bjudit in oss." in page
    assert "Resultat" in page


def test_it_links_the_citys_staff_to_the_review_page(
    client, initiative_factory, member, staff_malmo
):
    """Staff of the city get a link to the staff review from the detail page; members do not."""
    initiative = initiative_factory(status=S.SUBMITTED)
    staff_url = reverse("initiatives:staff_detail", args=[initiative.pk])
    login(client, staff_malmo)
    assert staff_url in client.get(initiative.get_absolute_url()).text
    login(client, member)
    assert staff_url not in client.get(initiative.get_absolute_url()).text


def test_it_marks_every_answer_a_submission_needs(client, group, member):
    """Each answer services.REQUIRED_ANSWERS asks for says so in its label (a group's legend),
    and in aria-required where ARIA allows it; none is `required` in HTML, so a draft still
    saves without them."""
    import re
    from html import unescape

    login(client, member)
    html = client.get(reverse("initiatives:create")).text
    marker = "(krävs för att skicka in)"

    def caption(tag: str, element_id: str) -> str:
        found = re.search(rf'<{tag}[^>]*for="{element_id}"[^>]*>(.*?)</{tag}>', html, re.S)
        return " ".join(unescape(re.sub(r"<[^>]+>", "", found.group(1))).split())

    for name in set(services.REQUIRED_ANSWERS) - {"title"}:
        control = re.search(rf'<(input|textarea|select)\b[^>]*name="{name}"[^>]*>', html).group(0)
        assert " required" not in control, name
        if 'type="checkbox"' in control or 'type="radio"' in control:
            # The group's own legend: the last one before its first control.
            start = html.rindex("<legend", 0, html.index(control))
            legend = re.match(r"<legend[^>]*>(.*?)</legend>", html[start:], re.S)
            assert marker in " ".join(unescape(legend.group(1)).split()), name
        else:
            assert 'aria-required="true"' in control, name
            assert caption("label", f"id_{name}").endswith(marker), name
    assert marker not in caption("label", "id_cost_breakdown")
    for optional in ["partners", "cost_breakdown", "attachment"]:
        for control in re.findall(rf'<[^>]*name="{optional}"[^>]*>', html):
            assert "aria-required" not in control, optional
    assert re.search(r'<input[^>]*name="title"[^>]*required', html)
