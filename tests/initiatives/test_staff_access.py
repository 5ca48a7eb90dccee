"""The staff workspace is for the city's staff only: others get 403 (no city's staff) or 404
(staff of another city), on the pages and on every POST."""

import pytest
from django.urls import reverse

from initiatives.models import Assessment, Comment, InitiativeEvent, Status, SupportGrant
from tests.conftest import login

S = Status
pytestmark = pytest.mark.django_db

# Every POST of the review page, with an answer that would be accepted from the right person.
POSTS = [
    ("initiatives:staff_assign", {}, {"assign-reviewer": ""}),
    ("initiatives:staff_assess", {}, {"assess-participation_score": "4"}),
    ("initiatives:staff_comment", {}, {"note-body": "Intern anteckning"}),
    ("initiatives:staff_message", {}, {"message-body": "Hej gruppen"}),
    ("initiatives:staff_action", {"name": "approve"}, {"approve-support_terms": "10 000 kr"}),
    ("initiatives:staff_grant", {}, {"grant-kind": "mentoring", "grant-date": "2026-05-01"}),
]


def post_url(name, initiative, extra):
    return reverse(name, kwargs={"pk": initiative.pk, **extra})


def test_it_sends_anonymous_visitors_to_log_in(client, initiative_factory):
    """Anonymous visitors are asked to log in on the queue and the review page."""
    initiative = initiative_factory(S.SUBMITTED)
    for url in [
        reverse("initiatives:staff_queue"),
        reverse("initiatives:staff_detail", args=[initiative.pk]),
    ]:
        response = client.get(url)
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]


def test_it_refuses_people_who_are_no_citys_staff(
    client, initiative_factory, member, group_admin, person
):
    """Members of the group itself, and people without a role, get 403 everywhere here."""
    initiative = initiative_factory(S.IN_REVIEW)
    for user in [member, group_admin, person]:
        login(client, user)
        assert client.get(reverse("initiatives:staff_queue")).status_code == 403
        detail = reverse("initiatives:staff_detail", args=[initiative.pk])
        assert client.get(detail).status_code == 403
        for name, extra, data in POSTS:
            assert client.post(post_url(name, initiative, extra), data).status_code == 403


def test_it_hides_other_cities_initiatives_from_their_staff(
    client, initiative_factory, staff_stockholm
):
    """Staff of another city: not in their queue; 404 on the review page and on every POST,
    and nothing is written."""
    initiative = initiative_factory(S.IN_REVIEW)
    login(client, staff_stockholm)
    for section in ["new", "in_review", "waiting", "overdue", "all"]:
        response = client.get(reverse("initiatives:staff_queue"), {"section": section})
        assert response.status_code == 200
        assert initiative.title not in response.content.decode()
    assert client.get(reverse("initiatives:staff_detail", args=[initiative.pk])).status_code == 404
    events = InitiativeEvent.objects.count()
    for name, extra, data in POSTS:
        assert client.post(post_url(name, initiative, extra), data).status_code == 404
    initiative.refresh_from_db()
    assert initiative.status == S.IN_REVIEW
    assert InitiativeEvent.objects.count() == events
    assert not Assessment.objects.exists()
    assert not Comment.objects.exists()
    assert not SupportGrant.objects.exists()


def test_it_refuses_a_city_filter_for_another_city(client, initiative_factory, staff_stockholm):
    """Asking the queue for a city one is not staff of shows nothing of that city."""
    initiative = initiative_factory(S.SUBMITTED)
    login(client, staff_stockholm)
    response = client.get(reverse("initiatives:staff_queue"), {"city": "malmo", "section": "all"})
    assert response.status_code == 200
    assert initiative.title not in response.content.decode()


def test_it_answers_get_on_a_post_only_address_with_405(client, initiative_factory, staff_malmo):
    """The POST addresses only take POSTs."""
    initiative = initiative_factory(S.IN_REVIEW)
    login(client, staff_malmo)
    response = client.get(reverse("initiatives:staff_assign", args=[initiative.pk]))
    assert response.status_code == 405


def test_it_shows_the_review_page_to_the_citys_staff(client, initiative_factory, staff_malmo):
    """Staff of the initiative's city see the whole proposal and the staff navigation."""
    initiative = initiative_factory(S.SUBMITTED)
    login(client, staff_malmo)
    response = client.get(reverse("initiatives:staff_detail", args=[initiative.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert initiative.title in page
    assert "Intervjuat 40 grannar".lower() in page.lower()
    assert 'aria-current="page"' in page
    assert reverse("initiatives:staff_queue") in page
