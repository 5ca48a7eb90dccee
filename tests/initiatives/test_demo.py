"""The demo initiatives: every state, four public per city, the Malmö demo group's own."""

import io

import pytest
from django.core.management import call_command

from initiatives.models import PUBLIC_STATUSES, Initiative, InitiativeEvent, Status

pytestmark = pytest.mark.django_db


def test_it_seeds_every_state_and_runs_twice_without_duplicates(demo):
    """seed_demo twice: the same initiatives, each state present, real timelines."""
    first = Initiative.objects.count()
    events = InitiativeEvent.objects.count()
    call_command("seed_demo", stdout=io.StringIO())
    assert Initiative.objects.count() == first
    assert InitiativeEvent.objects.count() == events
    assert set(Initiative.objects.values_list("status", flat=True)) == set(Status.values)
    for slug in ["goteborg", "stockholm", "linkoping", "malmo"]:
        public = Initiative.objects.filter(city__slug=slug, status__in=PUBLIC_STATUSES)
        assert public.count() >= 4, slug
    roster = Initiative.objects.filter(group__name="Rosengårds röster")
    assert set(roster.values_list("status", flat=True)) >= {Status.DRAFT, Status.IN_REVIEW}
    assert roster.first().group.memberships.filter(user__email="group@example.org").exists()
    completed = Initiative.objects.filter(status=Status.COMPLETED).first()
    assert completed.reports.filter(final=True, consent_to_feature=True).exists()
    assert completed.grants.exists() and completed.assessments.count() == 5
    kinds = set(completed.events.values_list("kind", flat=True))
    assert {"transition", "grant", "report", "assessment", "message"} <= kinds


def test_its_timelines_lie_in_the_past_and_malmo_staff_have_a_new_submission(demo):
    """The demo reads like real history (nothing dated after today); Malmö staff see a new one."""
    from django.utils import timezone

    assert not InitiativeEvent.objects.filter(created_at__gt=timezone.now()).exists()
    submitted = Initiative.objects.filter(status=Status.SUBMITTED)
    assert set(submitted.values_list("city__slug", flat=True)) >= {"goteborg", "malmo"}
