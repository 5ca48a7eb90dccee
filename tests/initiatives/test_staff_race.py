"""Two staff members press "Approve" on the review page at the same moment: one approval, and
the other sees a clear message on the page (never an error page, never a second event)."""

import threading

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse
from django.utils import translation

from initiatives import services, staff_views
from initiatives.models import Initiative, InitiativeEvent, Status
from tests.conftest import login

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: SQLite serialises whole transactions, so threads cannot race there "
    "(run with scripts/with-postgres)",
)
def test_two_staff_approving_at_once_get_one_approval_and_one_message(
    initiative_factory, staff_malmo, staff_malmo_2, monkeypatch
):
    """Both requests pass the page's checks while the proposal is in review, then reach the
    service together: one approves, the other is sent back to the page with the service's
    message, and there is exactly one `approved` event."""
    initiative = initiative_factory(status=Status.IN_REVIEW)
    barrier = threading.Barrier(2)
    real_transition = services.transition

    def transition_together(**kwargs):
        barrier.wait(timeout=10)  # both views have checked the status by now
        return real_transition(**kwargs)

    monkeypatch.setattr(staff_views.services, "transition", transition_together)
    with translation.override("en"):
        url = reverse("initiatives:staff_action", args=[initiative.pk, "approve"])
    results: dict[str, tuple[int, str]] = {}

    def approve(staff, terms):
        client = Client()
        try:
            login(client, staff)
            response = client.post(url, {"approve-support_terms": terms})
            page = client.get(response["Location"]).content.decode()
            results[staff.email] = (response.status_code, page)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=approve, args=(staff_malmo, "10 000 kr")),
        threading.Thread(target=approve, args=(staff_malmo_2, "12 000 kr")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(code for code, _page in results.values()) == [302, 302]
    refused = [page for _code, page in results.values() if "Someone may have acted" in page]
    assert len(refused) == 1
    assert InitiativeEvent.objects.filter(initiative=initiative, to_status="approved").count() == 1
    assert Initiative.objects.get(pk=initiative.pk).status == Status.APPROVED
