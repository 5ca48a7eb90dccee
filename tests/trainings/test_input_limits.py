"""Staff forms of the trainings take only what the database takes, with a message otherwise."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.conftest import login
from tests.trainings.conftest import make_course, make_registration
from trainings.models import Session

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def session_post(city, **overrides) -> dict:
    starts = timezone.localtime(timezone.now() + timedelta(days=20)).replace(microsecond=0)
    data = {
        "course": make_course().pk,
        "city": city.pk,
        "venue_name": "Stadsmissionen",
        "venue_address": "Bergsgatan 32",
        "starts_at": starts.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (starts + timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M"),
        "capacity": "20",
        "language": "sv",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    ("capacity", "message"),
    [
        ("0", "A session needs at least one seat."),
        ("40000", "A session can have at most 1000 seats."),
        (str(2**31), "A session can have at most 1000 seats."),
    ],
)
def test_it_refuses_a_capacity_without_seats_or_beyond_the_limit(
    client, staff_malmo, city_malmo, capacity, message
):
    login(client, staff_malmo)
    response = client.post("/en/staff/trainings/new/", session_post(city_malmo, capacity=capacity))
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert "Constraint" not in page and "session_has_seats" not in page
    assert 'value="Stadsmissionen"' in page
    assert not Session.objects.exists()


def test_it_refuses_a_capacity_of_zero_when_editing(client, staff_malmo, session_malmo):
    login(client, staff_malmo)
    response = client.post(
        f"/en/staff/trainings/{session_malmo.pk}/edit/",
        session_post(session_malmo.city, course=session_malmo.course_id, capacity="0"),
    )
    assert response.status_code == 400
    assert "A session needs at least one seat." in response.content.decode()
    session_malmo.refresh_from_db()
    assert session_malmo.capacity == 3


@pytest.mark.parametrize("bad", ["²", "١", "１", "-1", "1.0", str(2**64), "1 "])
def test_it_refuses_attendance_ids_that_are_not_plain_numbers(
    client, staff_malmo, session_malmo, bad
):
    """Superscript, Arabic-Indic and full-width digits pass `str.isdigit` but not `int`."""
    came = make_registration(session_malmo)
    login(client, staff_malmo)
    response = client.post(
        f"/en/staff/trainings/{session_malmo.pk}/attendance/",
        {"shown": [came.pk, bad], "attended": [came.pk]},
        follow=True,
    )
    assert response.status_code == 200
    assert "The attendance was not saved. Reload the page and try again." in response.text
    came.refresh_from_db()
    assert came.attended is None
