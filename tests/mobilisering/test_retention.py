"""purge_personal_data applies every retention rule, deletes only what is due, records each run,
and the privacy page states the same durations the purge uses."""

import io
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from cities.models import GroupInvitation
from mobilisering import ratelimit
from mobilisering.models import FormSubmission, PurgeRun
from mobilisering.personal_data import purge_personal_data
from tests.conftest import make_group, make_user

pytestmark = pytest.mark.django_db


def joined(user, days_ago):
    get_user_model().objects.filter(pk=user.pk).update(
        date_joined=timezone.now() - timedelta(days=days_ago)
    )


def test_it_deletes_accounts_never_confirmed_after_30_days_only(settings):
    assert settings.UNVERIFIED_ACCOUNT_DAYS == 30
    stale = make_user("glomd@example.org", verified=False)
    fresh = make_user("ny@example.org", verified=False)
    confirmed = make_user("bekraftad@example.org")
    second_address = make_user("tva@example.org")
    EmailAddress.objects.create(user=second_address, email="extra@example.org", verified=False)
    for user in [stale, confirmed, second_address]:
        joined(user, 31)
    joined(fresh, 29)

    run = purge_personal_data()

    remaining = set(get_user_model().objects.values_list("username", flat=True))
    assert "glomd@example.org" not in remaining
    assert {"ny@example.org", "bekraftad@example.org", "tva@example.org"} <= remaining
    assert run.counts["unverified_accounts"] == 1


def test_it_deletes_expired_invitations_only(city_malmo, person):
    group = make_group("Grannar", city_malmo, admins=[person])
    expired = GroupInvitation.objects.create(
        group=group, email="a@example.org", expires_at=timezone.now() - timedelta(minutes=1)
    )
    live = GroupInvitation.objects.create(group=group, email="b@example.org")

    assert purge_personal_data().counts["expired_invitations"] == 1

    assert not GroupInvitation.objects.filter(pk=expired.pk).exists()
    assert GroupInvitation.objects.filter(pk=live.pk).exists()


def test_it_deletes_rate_limit_counts_whose_window_has_ended(settings):
    if "DatabaseCache" not in settings.CACHES["default"]["BACKEND"]:
        pytest.skip("Redis expires its own keys")
    ratelimit.hit("contact", "someone@example.org", limit=5, window_seconds=60)
    cache.set("long-lived", 1, timeout=3600)

    later = timezone.now() + timedelta(minutes=10)
    removed = purge_personal_data(now=later).counts["expired_cache_entries"]

    assert removed == 2  # The slot and the hint of slots taken.
    assert cache.get("long-lived") == 1


def test_it_deletes_spent_form_keys_after_two_days(person):
    old = FormSubmission.objects.create(action="report", key="gammal", user=person)
    new = FormSubmission.objects.create(action="report", key="ny", user=person)
    FormSubmission.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=3))

    assert purge_personal_data().counts["form_keys"] == 1
    assert list(FormSubmission.objects.values_list("pk", flat=True)) == [new.pk]


def test_each_run_is_recorded_and_a_second_run_finds_nothing_due():
    stale = make_user("glomd@example.org", verified=False)
    joined(stale, 40)
    out = io.StringIO()

    call_command("purge_personal_data", stdout=out)
    call_command("purge_personal_data", stdout=out)

    first, second = PurgeRun.objects.order_by("started_at", "pk")
    assert first.counts["unverified_accounts"] == 1
    assert set(second.counts.values()) == {0}
    assert "unverified_accounts: 1" in out.getvalue()


def test_the_privacy_page_states_the_durations_the_purge_uses(client, settings):
    settings.TRAININGS_RETENTION_DAYS = 120
    settings.UNVERIFIED_ACCOUNT_DAYS = 21
    settings.OUTBOX_RETENTION_DAYS = 45

    page = client.get(reverse("privacy")).content.decode()

    assert "120 dagar efter utbildningen" in page
    assert "21 dagar" in page and "45 dagar" in page
    assert "14 dagar efter att den skickades" in page
    assert settings.CONTACT_EMAIL in page
    assert "Personuppgiftsansvariga är stadsmissionerna" in page
