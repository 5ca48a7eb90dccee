"""Sign-ups and cancellations at the same moment, on PostgreSQL: capacity is never exceeded.

Each thread has its own database connection, so the row lock is really contended. SQLite
serialises writers for the whole database, so there the same services are tested one call at
a time (test_services.py).
"""

import threading

import pytest
from django.db import connection

from tests.trainings.conftest import make_session
from trainings import services
from trainings.models import Registration

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite allows one writer at a time, so nothing races there",
    ),
]


def run_together(functions) -> list:
    """Run each function in its own thread, all released at once; return results or errors."""
    barrier = threading.Barrier(len(functions))
    results = [None] * len(functions)

    def worker(index, function):
        try:
            barrier.wait()
            results[index] = function()
        except Exception as error:  # noqa: BLE001 - reported by the test
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i, f)) for i, f in enumerate(functions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def sign_up(session_id: int, n: int):
    return lambda: services.register_for_session(
        session_id=session_id,
        name=f"Person {n}",
        email=f"person{n}@example.org",
        consent=True,
        language="sv",
    )


def test_fifty_people_at_once_fill_ten_seats_and_queue_in_order(city_malmo):
    """Exactly 10 confirmed and 40 waitlisted, numbered 1–40 in the order they were stored."""
    session = make_session(city_malmo, capacity=10)

    results = run_together([sign_up(session.pk, n) for n in range(50)])

    assert not [r for r in results if isinstance(r, Exception)]
    statuses = [r.registration.status for r in results]
    assert statuses.count("confirmed") == 10
    assert statuses.count("waitlisted") == 40
    places = sorted(r.queue_place for r in results if r.queue_place is not None)
    assert places == list(range(1, 41))
    waitlist = Registration.objects.filter(session=session, status="waitlisted").order_by(
        "created_at", "id"
    )
    by_id = {r.registration.pk: r.queue_place for r in results}
    assert [by_id[r.pk] for r in waitlist] == list(range(1, 41))
    # Everyone confirmed was stored before everyone waiting.
    confirmed = Registration.objects.filter(session=session, status="confirmed")
    assert max(r.created_at for r in confirmed) <= waitlist.first().created_at


def test_five_cancellations_at_once_promote_five_people_once_each(city_malmo):
    session = make_session(city_malmo, capacity=10)
    for result in run_together([sign_up(session.pk, n) for n in range(20)]):
        assert not isinstance(result, Exception)
    confirmed = list(
        Registration.objects.filter(session=session, status="confirmed").order_by("id")[:5]
    )
    first_five_waiting = list(
        Registration.objects.filter(session=session, status="waitlisted")
        .order_by("created_at", "id")
        .values_list("pk", flat=True)[:5]
    )

    results = run_together(
        [lambda t=r.token: services.cancel_registration(token=t) for r in confirmed]
    )

    assert not [r for r in results if isinstance(r, Exception)]
    promoted = [p.pk for _, people in results for p in people]
    assert sorted(promoted) == sorted(first_five_waiting)
    assert len(set(promoted)) == 5
    assert Registration.objects.filter(session=session, status="confirmed").count() == 10
    assert Registration.objects.filter(session=session, status="waitlisted").count() == 5


def test_the_same_address_twenty_times_at_once_gets_one_registration(city_malmo):
    session = make_session(city_malmo, capacity=10)
    same = lambda: services.register_for_session(  # noqa: E731
        session_id=session.pk, name="Amina", email="AMINA@example.org", consent=True, language="sv"
    )

    results = run_together([same for _ in range(20)])

    assert not [r for r in results if isinstance(r, Exception)]
    assert sum(not r.already_registered for r in results) == 1
    assert Registration.objects.filter(session=session).count() == 1
