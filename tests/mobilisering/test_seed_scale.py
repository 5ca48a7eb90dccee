"""`manage.py seed_scale`: the large data set the benchmark runs on, here at a small factor."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from cities.models import LocalGroup
from initiatives.models import Initiative, InitiativeEvent, Report
from mobilisering.markdown import render_markdown
from tests.conftest import recreate_hubs_and_themes
from trainings.models import Registration, Session

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def scaled(django_db_setup, django_db_blocker):
    """The demo with twice its size added (and 60 more groups than that), once for the module's
    tests and rolled back after them."""
    with django_db_blocker.unblock(), transaction.atomic(), override_settings(DEBUG=True):
        from django.apps import apps

        from cities.models import City

        if City.objects.count() < 4:  # flushed by a transactional test before
            recreate_hubs_and_themes(apps)
        output = io.StringIO()
        call_command("seed_scale", "--factor", "2", "--groups", "100", stdout=output)
        yield output.getvalue()
        transaction.set_rollback(True)


def test_it_adds_the_rows_asked_for_and_prints_the_counts_and_time(scaled):
    assert LocalGroup.objects.filter(slug__regex=r"-\d+-\d+$").count() == 100
    assert Initiative.objects.count() == 25 + 50
    assert InitiativeEvent.objects.count() >= 2 * 310
    assert Session.objects.count() == 29 + 58
    assert Registration.objects.count() >= 2 * 415
    assert "100 groups" in scaled
    assert "50 initiatives" in scaled
    assert "830 registrations" in scaled
    assert " s." in scaled.splitlines()[-1]


def test_it_never_dates_anything_after_now(scaled):
    now = timezone.now()
    assert not LocalGroup.objects.filter(created_at__gt=now).exists()
    assert not Initiative.objects.filter(created_at__gt=now).exists()
    assert not Initiative.objects.filter(decided_at__gt=now).exists()
    assert not InitiativeEvent.objects.filter(created_at__gt=now).exists()
    registrations = Registration.objects.exclude(email__endswith="@deltagare.example.org")
    assert not registrations.filter(created_at__gt=now).exists()
    oldest = Initiative.objects.order_by("created_at").first().created_at
    assert (now - oldest).days > 365 * 3


def test_it_mixes_statuses_and_keeps_each_timeline_in_order(scaled):
    statuses = set(Initiative.objects.values_list("status", flat=True))
    assert {"draft", "in_review", "active", "completed", "declined"} <= statuses
    for initiative in Initiative.objects.filter(status="completed")[:20]:
        moves = list(
            initiative.events.filter(kind="transition").values_list("to_status", flat=True)
        )
        assert moves[0] == "draft"
        assert moves[-1] == "completed"


def test_it_never_fills_a_session_beyond_its_seats(scaled):
    for session in Session.objects.all():
        confirmed = session.registrations.filter(status="confirmed").count()
        assert confirmed <= session.capacity


def test_it_stores_the_generated_texts_rendered(scaled):
    """Bulk-inserted groups, initiatives and reports carry their Markdown rendered, as saving
    them one by one would: pages show them without rendering."""
    rows = [
        *((g, "description") for g in LocalGroup.objects.filter(slug__regex=r"-\d+-\d+$")),
        *((i, "summary") for i in Initiative.objects.filter(group__slug__regex=r"-\d+-\d+$")),
        *((r, "done") for r in Report.objects.filter(initiative__group__slug__regex=r"-\d+-\d+$")),
    ]
    assert len(rows) > 150
    for row, field in rows:
        assert row.rendered[field]["html"] == str(render_markdown(getattr(row, field)))


def test_it_can_run_twice(scaled, settings):
    settings.DEBUG = True
    call_command("seed_scale", "--factor", "1", stdout=io.StringIO())
    assert Initiative.objects.count() == 25 + 50 + 25


def test_it_refuses_to_run_with_debug_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_scale", "--factor", "1", stdout=io.StringIO())


@pytest.mark.parametrize(
    "path",
    [
        "/sv/",
        "/sv/cities/malmo/",
        "/sv/groups/",
        "/sv/groups/?page=1000",
        "/sv/initiatives/",
        "/sv/initiatives/?page=1000",
        "/sv/trainings/",
        "/sv/stories/",
        "/sv/search/?q=bostad",
    ],
)
def test_the_pages_still_answer(scaled, client, path):
    assert client.get(path).status_code == 200


def test_a_scale_group_and_its_initiative_show(scaled, client):
    initiative = Initiative.objects.filter(status="completed").order_by("-pk").first()
    response = client.get(initiative.get_absolute_url())
    assert response.status_code == 200
    assert initiative.title in response.content.decode()
    group = LocalGroup.objects.filter(status="approved").order_by("-pk").first()
    response = client.get(group.get_absolute_url())
    assert response.status_code == 200
    assert group.name in response.content.decode()
