"""Each transition emails the other side after commit: group steps the city's staff, staff
steps the group's admins, each in their own language."""

import pytest
from django.core import mail

from initiatives import services
from initiatives.models import Status
from mobilisering.models import AccountPreference
from tests.initiatives.conftest import fresh, report_data

pytestmark = pytest.mark.django_db

# (transition, by, status before)
STEPS = [
    ("submit", "member", Status.DRAFT),
    ("start_review", "staff", Status.SUBMITTED),
    ("request_changes", "staff", Status.IN_REVIEW),
    ("resubmit", "member", Status.CHANGES_REQUESTED),
    ("approve", "staff", Status.IN_REVIEW),
    ("decline", "staff", Status.IN_REVIEW),
    ("start", "member", Status.APPROVED),
    ("complete", "staff", Status.ACTIVE),
    ("discontinue", "staff", Status.ACTIVE),
    ("withdraw", "member", Status.SUBMITTED),
]


@pytest.mark.parametrize(("name", "by", "before"), STEPS)
def test_it_emails_the_other_side_on_every_transition(
    initiative_factory,
    member,
    group_admin,
    staff_malmo,
    django_capture_on_commit_callbacks,
    name,
    by,
    before,
):
    """Staff steps reach the group's admin (in English here, his language); group steps reach
    the Malmö staff (in Swedish). The link leads to the initiative."""
    AccountPreference.objects.create(user=group_admin, language="en")
    initiative = initiative_factory(status=before)
    if name == "complete":
        services.add_report(
            initiative=initiative, actor=fresh(member), data=report_data(), final=True, notify=False
        )
    if name == "resubmit":
        initiative.refresh_from_db()
    actor = fresh(member if by == "member" else staff_malmo)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.transition(
            initiative=initiative,
            name=name,
            actor=actor,
            message="Ett skäl.",
            support_terms="10 000 kr.",
        )
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    if by == "staff":
        assert message.to == [group_admin.email]
        assert "is now" in message.subject
        assert f"/en/initiatives/{initiative.pk}/" in message.body
        assert "What happens next:" in message.body
    else:
        assert message.to == [staff_malmo.email]
        assert "Ny status" in message.subject
        assert f"/sv/initiatives/{initiative.pk}/" in message.body or "/sv/staff/" in message.body
    if name in {"request_changes", "decline", "discontinue"}:
        assert "Ett skäl." in message.body


def test_it_tells_no_one_about_a_draft_withdrawn_before_submission(
    initiative_factory, member, django_capture_on_commit_callbacks
):
    """Staff never saw the draft, so its withdrawal is not emailed."""
    initiative = initiative_factory()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.transition(initiative=initiative, name="withdraw", actor=fresh(member))
    assert mail.outbox == []


def test_it_writes_the_title_in_the_subject_as_the_group_wrote_it(
    initiative_factory, member, django_capture_on_commit_callbacks
):
    """A title with "&" or quotes reaches the subject line as typed, not HTML-escaped."""
    initiative = initiative_factory(status=Status.SUBMITTED, title='Mat & möten "på riktigt"')
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.add_comment(initiative=initiative, actor=fresh(member), body="Hej!")
    assert mail.outbox[0].subject == 'Nytt meddelande om ”Mat & möten "på riktigt"”'
