"""A story from a completed initiative: one action, prefilled from the proposal and its final
report, the source kept; refused without consent."""

import pytest
from django.urls import reverse

from handbook import services
from handbook.models import Example
from handbook.services import HandbookError
from initiatives.models import Report, Status
from tests.conftest import login
from tests.handbook.conftest import make_editor
from tests.initiatives.conftest import make_initiative

pytestmark = pytest.mark.django_db


def test_it_prefills_a_story_from_the_initiative(client, editor, completed):
    login(client, editor)
    page = client.get(reverse("handbook:staff_examples")).text
    assert "Tillgänglighetskartan" in page
    response = client.post(reverse("handbook:staff_example_start", args=[completed.pk]))
    example = Example.objects.get(source_initiative=completed)
    assert response.url == reverse("handbook:staff_example", args=[example.pk])
    assert example.title_sv == "Tillgänglighetskartan"
    assert example.summary_sv == "Vi granskade 120 mötesplatser."
    assert "Rätten att delta på lika villkor." in example.body_sv  # the rights gap
    assert "Stadsdelsförvaltningen har bjudit in oss." in example.body_sv  # the outcomes
    assert "35" in example.body_sv  # people reached
    assert example.lessons_sv == "Tolkning gör stor skillnad."
    assert (example.city, example.group) == (completed.city, completed.group)
    assert [t.slug for t in example.themes.all()] == ["disability"]
    assert example.status == "draft" and example.created_by == editor
    # The initiative is no longer offered, and starting again opens the same story.
    start_url = reverse("handbook:staff_example_start", args=[completed.pk])
    assert start_url not in client.get(reverse("handbook:staff_examples")).text
    assert services.start_from_initiative(initiative=completed, actor=editor) == example


def test_it_refuses_an_initiative_without_consent(client, editor, completed):
    Report.objects.filter(initiative=completed).update(consent_to_feature=False)
    login(client, editor)
    assert "Tillgänglighetskartan" not in client.get(reverse("handbook:staff_examples")).text
    response = client.post(
        reverse("handbook:staff_example_start", args=[completed.pk]), follow=True
    )
    assert "samtycker" in response.text
    assert not Example.objects.exists()


def test_it_refuses_an_initiative_that_is_not_completed(editor, group, member, staff_malmo):
    active = make_initiative(group, member=member, staff=staff_malmo, status=Status.ACTIVE)
    with pytest.raises(HandbookError):
        services.start_from_initiative(initiative=active, actor=editor)


def test_it_lets_only_the_citys_staff_and_editors_start_one(
    client, completed, staff_stockholm, person
):
    for user in [staff_stockholm, person]:
        login(client, user)
        url = reverse("handbook:staff_example_start", args=[completed.pk])
        assert client.post(url).status_code == 403
    assert not Example.objects.exists()
    assert services.start_from_initiative(initiative=completed, actor=make_editor("ed@example.org"))
