"""purge_personal_data: access needs go when the session ends, the rest after the retention time."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from tests.trainings.conftest import make_registration, make_session
from trainings.models import Registration

pytestmark = pytest.mark.django_db


def run(**options) -> str:
    from io import StringIO

    out = StringIO()
    call_command("purge_personal_data", stdout=out, **options)
    return out.getvalue()


def test_it_deletes_access_needs_right_after_the_session(city_malmo):
    ended = make_session(city_malmo, days=-1)
    coming = make_session(city_malmo, days=3)
    past = make_registration(ended, name="Amina", access_needs="Hörslinga")
    future = make_registration(coming, access_needs="Rullstolsplats")

    output = run()

    past.refresh_from_db()
    future.refresh_from_db()
    assert (past.access_needs, past.name) == ("", "Amina")
    assert future.access_needs == "Rullstolsplats"
    assert "training_access_needs: 1" in output
    assert "training_registrations_anonymised: 0" in output


def test_it_anonymises_after_the_configured_number_of_days(city_malmo, settings):
    settings.TRAININGS_RETENTION_DAYS = 30
    old = make_session(city_malmo, days=-31)
    recent = make_session(city_malmo, days=-20)
    gone = make_registration(
        old, "amina@example.org", name="Amina", organisation="RR", attended=True
    )
    kept = make_registration(recent, "bo@example.org", name="Bo")
    token = gone.token

    output = run()

    gone.refresh_from_db()
    kept.refresh_from_db()
    assert (gone.name, gone.email, gone.organisation) == ("", "", "")
    assert gone.anonymised_at is not None and gone.attended is True
    assert gone.token != token
    assert kept.name == "Bo"
    assert "training_registrations_anonymised: 1" in output
    # A second run finds nothing left to do.
    assert "training_registrations_anonymised: 0" in run()


def test_the_default_is_180_days_and_the_setting_changes_it(city_malmo, settings):
    session = make_session(
        city_malmo,
        starts_at=timezone.now() - timedelta(days=100),
        ends_at=timezone.now() - timedelta(days=100) + timedelta(hours=2),
    )
    make_registration(session)
    make_registration(session)

    assert "training_registrations_anonymised: 0" in run()
    settings.TRAININGS_RETENTION_DAYS = 90
    assert "training_registrations_anonymised: 2" in run()
    assert Registration.objects.filter(anonymised_at__isnull=False).count() == 2
