"""Two staff members approving at the same moment: exactly one approval, one clear refusal."""

import threading

import pytest
from django.db import connection, connections

from initiatives import services
from initiatives.models import Initiative, InitiativeEvent, Status
from initiatives.services import WorkflowError
from tests.conftest import make_city_staff, make_group, make_user
from tests.initiatives.conftest import fresh, make_initiative

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: SQLite serialises whole transactions, so threads cannot race there "
    "(run with scripts/with-postgres)",
)
def test_it_gives_one_approval_when_two_staff_approve_at_once(city_malmo):
    """Both threads read `in_review`, then approve together: one wins, the other gets the
    translated "no longer possible" message, and there is exactly one `approved` event."""
    member = make_user("maja@example.org")
    group = make_group("Rosengårds röster", city_malmo, members=[member])
    mona = make_city_staff("mona.staff@example.org", city_malmo)
    mikael = make_city_staff("mikael.staff@example.org", city_malmo)
    initiative = make_initiative(group, member=member, staff=mona, status=Status.IN_REVIEW)
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

    threads = [threading.Thread(target=approve, args=(staff,)) for staff in (mona, mikael)]
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
