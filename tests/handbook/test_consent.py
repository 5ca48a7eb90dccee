"""Consent is live: when the group withdraws it (or its final report is changed to refuse it),
the story leaves the public site, the handbook and the next PDF, and the editors are told."""

import pytest
from django.core import mail
from django.urls import reverse

from handbook import pdf, services
from handbook.models import Example, Status
from initiatives.models import InitiativeEvent, Report
from tests.conftest import login
from tests.handbook.conftest import make_edition

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(editor, completed):
    """The story of Tillgänglighetskartan, published and in the 2015 edition's first chapter."""
    example = services.start_from_initiative(initiative=completed, actor=editor)
    services.transition(example=example, name="submit", actor=editor, notify=False)
    services.transition(example=example, name="publish", actor=editor)
    make_edition(editor=editor, chapters={"Att bli hörd": [example]})
    return Example.objects.get(pk=example.pk)


def test_it_unpublishes_the_story_when_the_group_withdraws_consent(
    client, member, editor, published, completed, django_capture_on_commit_callbacks
):
    story_url = reverse("handbook:story", args=[published.slug])
    assert client.get(story_url).status_code == 200
    login(client, member)
    page = client.get(completed.get_absolute_url()).text
    withdraw_url = reverse("initiatives:withdraw_consent", args=[completed.pk])
    assert withdraw_url in page
    assert "Dra tillbaka samtycket" in client.get(withdraw_url).text  # asks first
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(withdraw_url, follow=True)
    assert "Ert samtycke är tillbakadraget" in response.text
    assert not Report.objects.get(initiative=completed, final=True).consent_to_feature
    assert InitiativeEvent.objects.filter(initiative=completed, kind="consent").exists()

    published.refresh_from_db()
    assert published.status == Status.DRAFT
    assert published.events.filter(action="consent").exists()
    client.logout()
    assert client.get(story_url).status_code == 404
    assert published.title not in client.get(reverse("handbook:story_list")).text
    chapter_page = client.get(reverse("handbook:edition", args=["2015"])).text
    assert published.title not in chapter_page
    assert [m.to for m in mail.outbox] == [[editor.email]]
    assert "Tillgänglighetskartan" in mail.outbox[0].subject
    assert "/staff/stories/" in mail.outbox[0].body


def test_it_takes_a_story_off_when_the_report_is_changed_to_refuse(
    client, editor, published, completed
):
    """A report changed by other means (the admin, a data fix) counts at once, without a signal:
    the public lists, the story page and the PDF's content leave the story out."""
    _context, before = pdf._content(published.chapters.get().edition, "sv")
    story_url = reverse("handbook:story", args=[published.slug])
    assert client.get(story_url).status_code == 200  # and kept for the next visitor
    Report.objects.filter(initiative=completed).update(consent_to_feature=False)
    assert client.get(story_url).status_code == 404
    assert published.title not in client.get(reverse("handbook:story_list")).text
    context, after = pdf._content(published.chapters.get().edition, "sv")
    assert after != before
    assert context["chapters"][0].public_examples == []


def test_it_refuses_to_republish_without_consent(editor, published, completed):
    Report.objects.filter(initiative=completed).update(consent_to_feature=False)
    services.transition(example=published, name="unpublish", actor=editor)
    services.transition(example=published, name="submit", actor=editor, notify=False)
    with pytest.raises(services.HandbookError, match="dragit tillbaka"):
        services.transition(example=published, name="publish", actor=editor)


def test_it_lets_only_the_groups_members_withdraw(client, person, staff_malmo, completed):
    url = reverse("initiatives:withdraw_consent", args=[completed.pk])
    for user in [person, staff_malmo]:
        login(client, user)
        assert client.post(url).status_code == 403
    assert Report.objects.get(initiative=completed, final=True).consent_to_feature
