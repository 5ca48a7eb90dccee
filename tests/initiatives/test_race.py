"""Two staff members approving at the same moment: exactly one approval, one clear refusal."""

import threading

import pytest
from django.db import connection, connections

from initiatives import services
from initiatives.models import Initiative, InitiativeEvent, Status
from initiatives.services import WorkflowError
from tests.initiatives.conftest import fresh

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: SQLite serialises whole transactions, so threads cannot race there "
    "(run with scripts/with-postgres)",
)
def test_it_gives_one_approval_when_two_staff_approve_at_once(
    initiative_factory, staff_malmo, staff_malmo_2
):
    """Both threads read `in_review`, then approve together: one wins, the other gets the
    translated "no longer possible" message, and there is exactly one `approved` event."""
    initiative = initiative_factory(status=Status.IN_REVIEW)
    barrier = threading.Barrier(2)
    results: dict[str, object] = {}

    def approve(staff):
        try:
            seen = Initiative.objects.get(pk=initiative.pk)  # both read in_review first
            actor = fresh(staff)
            barrier.wait(timeout=10)
            services.transition(
                initiative=seen, name="approve", actor=actor, support_terms="10 000 kr"
            )
            results[staff.email] = "approved"
        except WorkflowError as error:
            results[staff.email] = error
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=approve, args=(staff,)) for staff in (staff_malmo, staff_malmo_2)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    outcomes = sorted(results.values(), key=lambda value: isinstance(value, WorkflowError))
    assert outcomes[0] == "approved"
    assert isinstance(outcomes[1], WorkflowError)
    assert "inte längre möjligt" in outcomes[1].message
    assert InitiativeEvent.objects.filter(initiative=initiative, to_status="approved").count() == 1
    assert Initiative.objects.get(pk=initiative.pk).status == Status.APPROVED
