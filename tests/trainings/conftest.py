"""Helpers for the trainings tests: courses, sessions and registrations in a line each."""

from datetime import timedelta
from itertools import count

import pytest
from django.utils import timezone

from trainings.models import Course, Registration, Session

_numbers = count(1)


def make_course(slug: str = "", **fields) -> Course:
    n = next(_numbers)
    return Course.objects.create(
        slug=slug or f"course-{n}",
        title_sv=fields.pop("title_sv", f"Rättigheter {n}"),
        title_en=fields.pop("title_en", f"Rights {n}"),
        summary_sv=fields.pop("summary_sv", "Grunderna i mänskliga rättigheter."),
        summary_en=fields.pop("summary_en", "The basics of human rights."),
        **fields,
    )


def make_session(city, *, course=None, days: float = 10, capacity: int = 10, **fields) -> Session:
    """A session `days` from now (negative: in the past), open for sign-up until it starts."""
    starts = fields.pop("starts_at", timezone.now() + timedelta(days=days))
    return Session.objects.create(
        course=course or make_course(),
        city=city,
        venue_name=fields.pop("venue_name", "Stadsmissionen"),
        venue_address=fields.pop("venue_address", "Bergsgatan 32, Malmö"),
        starts_at=starts,
        ends_at=fields.pop("ends_at", starts + timedelta(hours=3)),
        signup_closes_at=fields.pop("signup_closes_at", starts),
        capacity=capacity,
        **fields,
    )


def make_registration(session, email: str = "", *, status="confirmed", **fields) -> Registration:
    """A registration written directly (no service, no email), for setting up a scene."""
    n = next(_numbers)
    return Registration.objects.create(
        session=session,
        name=fields.pop("name", f"Deltagare {n}"),
        email=email or f"person{n}@example.org",
        status=status,
        consent=True,
        language=fields.pop("language", "sv"),
        created_at=fields.pop("created_at", timezone.now()),
        **fields,
    )


def signup_data(**overrides) -> dict:
    return {
        "name": "Amina Hassan",
        "email": "amina@example.org",
        "organisation": "",
        "access_needs": "",
        "consent": "on",
        "website_url": "",
        **overrides,
    }


@pytest.fixture
def session_malmo(city_malmo):
    """A Malmö session in ten days with three seats."""
    return make_session(city_malmo, capacity=3)
