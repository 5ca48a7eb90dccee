"""A small programme with known figures in Malmö and Stockholm over two years, for the
statistics and the staff start page. Rows are written directly: these tests read figures."""

import datetime

import pytest
from django.utils import timezone

from cities.models import LocalGroup, RightsTheme
from initiatives.models import Initiative, InitiativePartner, Report, SupportGrant
from tests.conftest import make_group
from tests.trainings.conftest import make_registration, make_session


def moment(year: int, month: int, day: int) -> datetime.datetime:
    """Noon on the day, in the portal's time zone (far from any year's edge)."""
    return datetime.datetime(year, month, day, 12, tzinfo=timezone.get_current_timezone())


def make_submitted(group, title, *, status, kind="advocacy", submitted, themes=()) -> Initiative:
    initiative = Initiative.objects.create(
        group=group,
        city=group.city,
        title=title,
        status=status,
        kind_of_work=kind,
        submitted_at=submitted,
        planned_start=submitted.date(),
        planned_end=submitted.date() + datetime.timedelta(days=200),
    )
    initiative.themes.set(RightsTheme.objects.filter(slug__in=themes))
    return initiative


def make_report(initiative, *, final=False, end: datetime.date, people, activities, volunteers):
    return Report.objects.create(
        initiative=initiative,
        final=final,
        period_start=end - datetime.timedelta(days=60),
        period_end=end,
        done="Vi har träffats varje vecka.",
        people_reached=people,
        activities_held=activities,
        volunteers=volunteers,
    )


def add_programme(city_malmo, city_stockholm, *, suffix: str = ""):
    """The figures the tests check (see the `programme` fixture); `suffix` makes a twin."""
    rosengard = make_group(f"Grannar i Rosengård{suffix}", city_malmo)
    pending = make_group(f"Läxhjälpen{suffix}", city_malmo, status="pending")
    husby = make_group(f"Husby för alla{suffix}", city_stockholm)
    LocalGroup.objects.filter(pk=rosengard.pk).update(created_at=moment(2025, 1, 10))
    LocalGroup.objects.filter(pk__in=[pending.pk, husby.pk]).update(created_at=moment(2026, 1, 10))

    older = make_submitted(
        rosengard,
        f"Röster från Rosengård{suffix}",
        status="completed",
        submitted=moment(2025, 3, 1),
        themes=["participation", "poverty-exclusion"],
    )
    newer = make_submitted(
        rosengard,
        f"Trygga trappuppgångar{suffix}",
        status="active",
        kind="concrete",
        submitted=moment(2026, 2, 1),
        themes=["participation"],
    )
    Initiative.objects.create(group=rosengard, city=city_malmo, title=f"Ett utkast{suffix}")
    stockholm = make_submitted(
        husby, f"Husby läser{suffix}", status="approved", kind="both", submitted=moment(2026, 4, 1)
    )

    SupportGrant.objects.create(
        initiative=older, kind="funding", amount_sek=15000, date=datetime.date(2025, 4, 1)
    )
    SupportGrant.objects.create(initiative=older, kind="mentoring", date=datetime.date(2025, 4, 1))
    SupportGrant.objects.create(
        initiative=newer, kind="funding", amount_sek=8000, date=datetime.date(2026, 3, 1)
    )
    SupportGrant.objects.create(initiative=newer, kind="premises", date=datetime.date(2026, 3, 1))
    SupportGrant.objects.create(
        initiative=stockholm, kind="funding", amount_sek=51000, date=datetime.date(2026, 5, 1)
    )

    make_report(older, end=datetime.date(2025, 6, 30), people=35, activities=2, volunteers=6)
    make_report(
        older, final=True, end=datetime.date(2026, 1, 31), people=120, activities=14, volunteers=12
    )
    make_report(newer, end=datetime.date(2026, 5, 31), people=40, activities=3, volunteers=5)
    make_report(stockholm, end=datetime.date(2026, 6, 30), people=999, activities=77, volunteers=88)

    InitiativePartner.objects.create(initiative=older, group=husby, confirmed=True)
    InitiativePartner.objects.create(initiative=newer, group=pending)  # the same city
    InitiativePartner.objects.create(initiative=stockholm, group=rosengard)

    held_2025 = make_session(city_malmo, starts_at=moment(2025, 10, 1))
    for attended in (True, True, False):
        make_registration(held_2025, attended=attended)
    make_registration(held_2025, status="cancelled")
    held_2026 = make_session(city_malmo, starts_at=moment(2026, 3, 1))
    make_registration(held_2026, attended=True)
    make_registration(held_2026, attended=None)
    make_registration(held_2026, status="waitlisted")
    cancelled = make_session(city_malmo, starts_at=moment(2026, 4, 1), is_cancelled=True)
    make_registration(cancelled)
    make_session(city_malmo, days=20)
    in_stockholm = make_session(city_stockholm, starts_at=moment(2026, 5, 1))
    for _ in range(7):
        make_registration(in_stockholm, attended=True)


@pytest.fixture
def programme(city_malmo, city_stockholm):
    add_programme(city_malmo, city_stockholm)
