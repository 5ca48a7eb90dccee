"""Numbers and texts beyond what the database or the pages take get a message on the form,
with the input kept, never an error from the database."""

import pytest
from django.urls import reverse

from initiatives import services
from initiatives.models import Initiative, Report, Status, SupportGrant
from tests.conftest import login
from tests.initiatives.conftest import fresh, report_data
from tests.initiatives.test_views import full_post

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

TOO_BIG = str(2**31)  # one more than PostgreSQL's integer holds


def test_it_refuses_a_budget_beyond_the_integer_range(client, group, member):
    login(client, member)
    response = client.post(reverse("initiatives:create"), full_post(budget_sek=TOO_BIG))
    assert response.status_code == 200
    assert "The budget can be at most 100 000 000 kronor." in response.text
    assert "Röster från Rosengård" in response.text
    assert not Initiative.objects.exists()


def test_it_refuses_a_budget_beyond_the_limit_in_the_service(group, member):
    with pytest.raises(services.ProposalError) as error:
        services.create_draft(
            group=group, actor=fresh(member), data={"title": "X", "budget_sek": 2**31}
        )
    assert "budget_sek" in error.value.errors


@pytest.mark.parametrize("field", ["people_reached", "activities_held", "volunteers"])
def test_it_refuses_report_counts_beyond_the_integer_range(
    client, initiative_factory, member, field
):
    initiative = initiative_factory(status=Status.ACTIVE)
    login(client, member)
    data = {key: str(value) for key, value in report_data().items()}
    data[field] = TOO_BIG
    response = client.post(reverse("initiatives:report_create", args=[initiative.pk]), data)
    assert response.status_code == 200
    assert "Give a number of at most 100 000" in response.text
    assert "Två öppna samtal" in response.text
    assert not Report.objects.exists()
    with pytest.raises(services.WorkflowError) as error:
        services.add_report(
            initiative=initiative, actor=fresh(member), data={**report_data(), field: 2**31}
        )
    assert field in error.value.errors


def test_it_refuses_a_grant_beyond_the_integer_range(client, initiative_factory, staff_malmo):
    initiative = initiative_factory(status=Status.APPROVED)
    login(client, staff_malmo)
    response = client.post(
        reverse("initiatives:staff_grant", args=[initiative.pk]),
        {"grant-kind": "funding", "grant-amount_sek": TOO_BIG, "grant-date": "2026-04-01"},
    )
    assert response.status_code == 200
    assert "The amount can be at most 100 000 000 kronor." in response.text
    assert not SupportGrant.objects.exists()
    with pytest.raises(services.WorkflowError):
        services.record_grant(
            initiative=initiative, actor=fresh(staff_malmo), kind="funding", amount_sek=2**31
        )


def test_it_refuses_a_summary_longer_than_the_limit(client, group, member):
    login(client, member)
    response = client.post(
        reverse("initiatives:create"), full_post(summary="Ord " * 1300, action="save")
    )
    assert response.status_code == 200
    assert "Ensure this value has at most 5000 characters (it has 5199)." in response.text
    assert 'maxlength="5000"' in response.text
    assert not Initiative.objects.exists()


def test_it_refuses_a_report_text_longer_than_the_limit(client, initiative_factory, member):
    initiative = initiative_factory(status=Status.ACTIVE)
    login(client, member)
    data = {key: str(value) for key, value in report_data(lessons="x" * 5001).items()}
    response = client.post(reverse("initiatives:report_create", args=[initiative.pk]), data)
    assert response.status_code == 200
    assert "at most 5000 characters" in response.text
    assert not Report.objects.exists()
