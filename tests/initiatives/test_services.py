"""The services: drafts, the workflow, review, support, reports, attachments, partners."""

import datetime
import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from cities.models import LocalGroup
from initiatives import services
from initiatives.models import Initiative, InitiativeEvent, Status
from initiatives.services import ProposalError, WorkflowError
from mobilisering.models import AccountPreference
from mobilisering.uploads import clean_document
from tests.conftest import make_group
from tests.initiatives.conftest import fresh, make_initiative, proposal_data, report_data

S = Status
pytestmark = pytest.mark.django_db


def test_it_saves_an_incomplete_draft_in_the_groups_city(group, member):
    """A draft needs only a title; the city is the group's; a "create" event is logged."""
    initiative = services.create_draft(group=group, actor=fresh(member), data={"title": "Idé"})
    assert initiative.status == S.DRAFT
    assert initiative.city_id == group.city_id
    assert initiative.created_by == member
    assert list(initiative.events.values_list("transition", "to_status")) == [("create", "draft")]


def test_it_refuses_a_draft_from_someone_outside_the_group(group, other_member):
    """Only the group's members propose for it."""
    with pytest.raises(WorkflowError):
        services.create_draft(group=group, actor=fresh(other_member), data={"title": "X"})


def test_it_refuses_wrong_answers_even_in_a_draft(group, member):
    """End before start and a negative budget come back as field errors."""
    with pytest.raises(ProposalError) as caught:
        services.create_draft(
            group=group,
            actor=fresh(member),
            data={
                "title": "Idé",
                "planned_start": datetime.date(2026, 5, 1),
                "planned_end": datetime.date(2026, 4, 1),
                "budget_sek": -5,
            },
        )
    assert set(caught.value.errors) == {"planned_end", "budget_sek"}
    assert not Initiative.objects.exists()


def test_it_lists_every_missing_answer_on_submit(group, member):
    """Submitting a half-filled proposal names each missing answer and changes nothing."""
    initiative = services.create_draft(
        group=group, actor=fresh(member), data={"title": "Idé", "summary": "Kort."}
    )
    with pytest.raises(ProposalError) as caught:
        services.submit(initiative=initiative, actor=fresh(member))
    assert {"right_at_stake", "themes", "planned_start", "budget_sek", "support_requested"} <= set(
        caught.value.errors
    )
    assert "title" not in caught.value.errors
    initiative.refresh_from_db()
    assert initiative.status == S.DRAFT
    assert initiative.summary == "Kort."


def test_it_edits_only_while_draft_or_changes_requested(initiative_factory, member):
    """Editing a submitted proposal is refused; after changes are requested it works again."""
    submitted = initiative_factory(status=S.SUBMITTED)
    with pytest.raises(WorkflowError):
        services.update_draft(initiative=submitted, actor=fresh(member), data={"title": "Ny"})
    returned = initiative_factory(status=S.CHANGES_REQUESTED)
    services.update_draft(initiative=returned, actor=fresh(member), data={"title": "Ny titel"})
    returned.refresh_from_db()
    assert returned.title == "Ny titel"


def test_it_walks_the_whole_workflow_and_logs_each_step(initiative_factory, staff_malmo, member):
    """submit → review → changes → resubmit → approve → start → report → complete."""
    initiative = initiative_factory(status=S.CHANGES_REQUESTED)
    services.submit(initiative=initiative, actor=fresh(member))
    assert initiative.status == S.SUBMITTED
    for name, extra in [("start_review", {}), ("approve", {"support_terms": "10 000 kr."})]:
        services.transition(initiative=initiative, name=name, actor=fresh(staff_malmo), **extra)
    assert initiative.decided_at is not None
    assert initiative.support_terms == "10 000 kr."
    services.transition(initiative=initiative, name="start", actor=fresh(member))
    services.add_report(initiative=initiative, actor=fresh(member), data=report_data(), final=True)
    services.transition(initiative=initiative, name="complete", actor=fresh(staff_malmo))
    steps = list(initiative.events.filter(kind="transition").values_list("transition", flat=True))
    assert steps == [
        "create",
        "submit",
        "start_review",
        "request_changes",
        "resubmit",
        "start_review",
        "approve",
        "start",
        "complete",
    ]
    assert initiative.status == S.COMPLETED


@pytest.mark.parametrize("name", ["request_changes", "decline"])
def test_it_requires_a_message_for_request_changes_and_decline(
    initiative_factory, staff_malmo, name
):
    """Without a message nothing changes."""
    initiative = initiative_factory(status=S.IN_REVIEW)
    with pytest.raises(WorkflowError) as caught:
        services.transition(initiative=initiative, name=name, actor=fresh(staff_malmo))
    assert "message" in caught.value.errors
    initiative.refresh_from_db()
    assert initiative.status == S.IN_REVIEW


def test_it_requires_support_terms_to_approve(initiative_factory, staff_malmo):
    """Approve needs support terms."""
    initiative = initiative_factory(status=S.IN_REVIEW)
    with pytest.raises(WorkflowError):
        services.transition(
            initiative=initiative, name="approve", actor=fresh(staff_malmo), support_terms="  "
        )


def test_it_requires_a_final_report_to_complete(initiative_factory, staff_malmo, member):
    """Complete waits for the final report; a progress report is not enough."""
    initiative = initiative_factory(status=S.ACTIVE)
    services.add_report(initiative=initiative, actor=fresh(member), data=report_data())
    with pytest.raises(WorkflowError, match="slutrapport"):
        services.transition(initiative=initiative, name="complete", actor=fresh(staff_malmo))


def test_it_refuses_a_second_approval_with_a_clear_message(initiative_factory, staff_malmo):
    """Approving an already approved initiative writes no second event."""
    initiative = initiative_factory(status=S.IN_REVIEW)
    stale = Initiative.objects.get(pk=initiative.pk)
    services.transition(
        initiative=initiative, name="approve", actor=fresh(staff_malmo), support_terms="Ja."
    )
    with pytest.raises(WorkflowError, match="inte längre möjligt"):
        services.transition(
            initiative=stale, name="approve", actor=fresh(staff_malmo), support_terms="Ja."
        )
    assert initiative.events.filter(to_status=S.APPROVED).count() == 1


def test_it_refuses_transitions_by_the_wrong_side(
    initiative_factory, member, staff_stockholm, staff_malmo
):
    """Members cannot approve, other cities' staff cannot review, staff cannot submit."""
    initiative = initiative_factory(status=S.IN_REVIEW)
    for actor in [member, staff_stockholm]:
        with pytest.raises(WorkflowError):
            services.transition(
                initiative=initiative, name="approve", actor=fresh(actor), support_terms="x"
            )
    draft = initiative_factory()
    with pytest.raises(WorkflowError):
        services.submit(initiative=draft, actor=fresh(staff_malmo))
    with pytest.raises(WorkflowError):
        services.transition(initiative=draft, name="fly", actor=fresh(member))


def test_it_emails_the_other_side_in_their_language_after_commit(
    initiative_factory,
    staff_malmo,
    staff_malmo_2,
    member,
    group_admin,
    django_capture_on_commit_callbacks,
):
    """Submitting tells each Malmö staff member in their language; a decision tells the group's
    admins (not the member who is no admin)."""
    AccountPreference.objects.create(user=staff_malmo_2, language="en")
    initiative = initiative_factory()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.submit(initiative=initiative, actor=fresh(member))
    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert set(by_recipient) == {staff_malmo.email, staff_malmo_2.email}
    assert "inskickat" in by_recipient[staff_malmo.email].subject
    assert "is now submitted" in by_recipient[staff_malmo_2.email].subject
    assert "/en/" in by_recipient[staff_malmo_2.email].body
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.transition(initiative=initiative, name="start_review", actor=fresh(staff_malmo))
    assert [message.to for message in mail.outbox] == [[group_admin.email]]


def test_it_sends_no_email_when_the_transaction_rolls_back(
    initiative_factory, member, django_capture_on_commit_callbacks
):
    """Emails go out after commit only: a rolled-back submission mails no one."""
    from django.db import transaction

    initiative = initiative_factory()
    mail.outbox.clear()
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        services.submit(initiative=initiative, actor=fresh(member))
        raise RuntimeError
    assert callbacks == []
    assert mail.outbox == []


def test_it_assigns_only_staff_of_the_city(initiative_factory, staff_malmo, staff_stockholm):
    """A Malmö initiative gets a Malmö reviewer; the assignment is logged for staff only."""
    initiative = initiative_factory(status=S.SUBMITTED)
    with pytest.raises(WorkflowError):
        services.assign_reviewer(
            initiative=initiative, actor=fresh(staff_malmo), reviewer=fresh(staff_stockholm)
        )
    services.assign_reviewer(
        initiative=initiative, actor=fresh(staff_malmo), reviewer=fresh(staff_malmo)
    )
    initiative.refresh_from_db()
    assert initiative.assigned_to == staff_malmo
    event = initiative.events.get(kind="assignment")
    assert not event.visible_to_group


def test_it_keeps_one_assessment_per_criterion(initiative_factory, staff_malmo, member):
    """A later score replaces the earlier one; scores outside 1–5 are refused; members cannot."""
    initiative = initiative_factory(status=S.IN_REVIEW)
    services.record_assessment(
        initiative=initiative, actor=fresh(staff_malmo), criterion="participation", score=3
    )
    services.record_assessment(
        initiative=initiative,
        actor=fresh(staff_malmo),
        criterion="participation",
        score=5,
        note="Bra.",
    )
    assert list(initiative.assessments.values_list("criterion", "score")) == [("participation", 5)]
    for score in [0, 6]:
        with pytest.raises(WorkflowError):
            services.record_assessment(
                initiative=initiative,
                actor=fresh(staff_malmo),
                criterion="feasibility",
                score=score,
            )
    with pytest.raises(WorkflowError):
        services.record_assessment(
            initiative=initiative, actor=fresh(member), criterion="feasibility", score=4
        )


def test_it_keeps_internal_comments_from_the_group(
    initiative_factory, staff_malmo, member, django_capture_on_commit_callbacks
):
    """Internal comments are staff-only events and email no one; messages reach the group."""
    initiative = initiative_factory(status=S.IN_REVIEW)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.add_comment(
            initiative=initiative, actor=fresh(staff_malmo), body="Intern notering", internal=True
        )
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        services.add_comment(initiative=initiative, actor=fresh(staff_malmo), body="Hej gruppen!")
    assert len(mail.outbox) == 1
    with pytest.raises(WorkflowError):
        services.add_comment(initiative=initiative, actor=fresh(member), body="x", internal=True)
    services.add_comment(initiative=initiative, actor=fresh(member), body="Tack!")
    visible = list(
        initiative.events.filter(
            visible_to_group=True, kind__in=["comment", "message"]
        ).values_list("text", flat=True)
    )
    assert visible == ["Hej gruppen!", "Tack!"]
    with pytest.raises(WorkflowError):
        services.add_comment(initiative=initiative, actor=fresh(member), body="   ")


def test_it_records_grants_with_amounts_for_funding(initiative_factory, staff_malmo, member):
    """Funding needs a positive amount; other support needs none; before approval: refused."""
    initiative = initiative_factory(status=S.APPROVED)
    with pytest.raises(WorkflowError) as caught:
        services.record_grant(initiative=initiative, actor=fresh(staff_malmo), kind="funding")
    assert "amount_sek" in caught.value.errors
    with pytest.raises(WorkflowError):
        services.record_grant(
            initiative=initiative, actor=fresh(staff_malmo), kind="funding", amount_sek=-1
        )
    grant = services.record_grant(
        initiative=initiative, actor=fresh(staff_malmo), kind="funding", amount_sek=15000
    )
    services.record_grant(initiative=initiative, actor=fresh(staff_malmo), kind="mentoring")
    assert initiative.events.get(kind="grant", grant=grant).visible_to_group
    with pytest.raises(WorkflowError):
        services.record_grant(initiative=initiative, actor=fresh(member), kind="mentoring")
    in_review = initiative_factory(status=S.IN_REVIEW)
    with pytest.raises(WorkflowError):
        services.record_grant(initiative=in_review, actor=fresh(staff_malmo), kind="mentoring")


def test_it_accepts_one_final_report_only(initiative_factory, member, staff_malmo):
    """Progress reports as many as needed; a second final report is refused; staff cannot."""
    initiative = initiative_factory(status=S.ACTIVE)
    services.add_report(initiative=initiative, actor=fresh(member), data=report_data())
    services.add_report(initiative=initiative, actor=fresh(member), data=report_data())
    final = services.add_report(
        initiative=initiative,
        actor=fresh(member),
        data=report_data(consent_to_feature=True),
        final=True,
    )
    assert final.consent_to_feature
    with pytest.raises(WorkflowError, match="redan"):
        services.add_report(
            initiative=initiative, actor=fresh(member), data=report_data(), final=True
        )
    with pytest.raises(WorkflowError):
        services.add_report(initiative=initiative, actor=fresh(staff_malmo), data=report_data())
    assert initiative.reports.count() == 3


def test_it_refuses_a_report_period_ending_before_it_starts(initiative_factory, member):
    """End before start and negative numbers are field errors."""
    initiative = initiative_factory(status=S.ACTIVE)
    with pytest.raises(WorkflowError) as caught:
        services.add_report(
            initiative=initiative,
            actor=fresh(member),
            data=report_data(period_end=datetime.date(2026, 1, 1), volunteers=-2),
        )
    assert set(caught.value.errors) == {"period_end", "volunteers"}


def test_it_ignores_consent_on_a_progress_report(initiative_factory, member):
    """Consent to be featured only counts on the final report."""
    initiative = initiative_factory(status=S.ACTIVE)
    report = services.add_report(
        initiative=initiative, actor=fresh(member), data=report_data(consent_to_feature=True)
    )
    assert not report.consent_to_feature


def _jpeg_with_exif() -> SimpleUploadedFile:
    image = Image.new("RGB", (40, 30), "red")
    exif = Image.Exif()
    exif[0x010F] = "Kamera AB"
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif.tobytes())
    return SimpleUploadedFile("bild.jpg", buffer.getvalue(), content_type="image/jpeg")


def test_it_stores_a_checked_attachment_without_exif(initiative_factory, member):
    """An image is stored re-encoded under a random name, with its original name kept."""
    initiative = initiative_factory()
    upload = _jpeg_with_exif()
    attachment = services.add_attachment(
        initiative=initiative,
        actor=fresh(member),
        document=clean_document(upload),
        original_name="../../bild.jpg",
    )
    assert attachment.original_name == "bild.jpg"
    assert attachment.content_type == "image/jpeg"
    assert "bild" not in attachment.file.name
    with Image.open(attachment.file.path) as stored:
        assert not stored.getexif()


def test_it_stores_an_attachment_under_a_suffix_from_its_content(initiative_factory, member):
    """A PDF uploaded as "budget.html" is stored as .pdf: the uploader's suffix is never used."""
    pdf = SimpleUploadedFile("budget.html", b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n%%EOF\n")
    attachment = services.add_attachment(
        initiative=initiative_factory(),
        actor=fresh(member),
        document=clean_document(pdf),
        original_name="budget.html",
    )
    assert attachment.file.name.endswith(".pdf")
    assert attachment.original_name == "budget.html"


def test_it_refuses_attachments_from_outsiders(initiative_factory, other_member):
    """Only members who may edit or report add files."""
    initiative = initiative_factory()
    with pytest.raises(WorkflowError):
        services.add_attachment(
            initiative=initiative,
            actor=fresh(other_member),
            document=clean_document(_jpeg_with_exif()),
            original_name="x.jpg",
        )


def test_it_tells_partners_once_and_lets_them_confirm(
    group, member, staff_malmo, other_member, django_capture_on_commit_callbacks
):
    """Partner admins get one email at submission; confirming logs an event and is idempotent."""
    partner = LocalGroup.objects.get(slug="tillgangligt-malmo")
    initiative = make_initiative(group, member=member, staff=staff_malmo, partners=[partner])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.submit(initiative=initiative, actor=fresh(member))
    partner_mails = [m for m in mail.outbox if m.to == [other_member.email]]
    assert len(partner_mails) == 1
    assert "samarbetsgrupp" in partner_mails[0].subject
    services.confirm_partnership(initiative=initiative, actor=fresh(other_member), group=partner)
    services.confirm_partnership(initiative=initiative, actor=fresh(other_member), group=partner)
    partnership = initiative.partnerships.get()
    assert partnership.confirmed
    assert initiative.events.filter(kind=InitiativeEvent.Kind.PARTNERSHIP).count() == 1
    with pytest.raises(WorkflowError):
        services.confirm_partnership(initiative=initiative, actor=fresh(member), group=partner)


def test_it_refuses_a_pending_group_as_partner(group, member, city_malmo):
    """Partners must be other approved groups."""
    pending = make_group("Väntande", city_malmo, status="pending")
    with pytest.raises(ProposalError) as caught:
        services.create_draft(
            group=group, actor=fresh(member), data=proposal_data(partners=[pending])
        )
    assert "partners" in caught.value.errors
    with pytest.raises(ProposalError):
        services.create_draft(
            group=group, actor=fresh(member), data=proposal_data(partners=[group])
        )
