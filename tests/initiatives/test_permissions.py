"""Each role against each state: who sees, edits, submits, withdraws, reviews, reports."""

import pytest
from django.contrib.auth.models import AnonymousUser

from initiatives import permissions
from initiatives.models import Status
from tests.conftest import make_group, make_user
from tests.initiatives.conftest import fresh, make_initiative

S = Status
PUBLIC = {S.APPROVED, S.ACTIVE, S.COMPLETED}
ROLES = ["member", "group_admin", "staff_malmo", "staff_stockholm", "other_member", "editor"]


def _people(request):
    people = {role: fresh(request.getfixturevalue(role)) for role in ROLES}
    people["anonymous"] = AnonymousUser()
    return people


@pytest.mark.django_db
@pytest.mark.parametrize("status", list(S))
def test_it_answers_each_role_in_each_state(request, initiative_factory, status):
    """Members and the city's staff see every state; everyone else only the public ones.
    Members edit only in draft/changes requested, report only once approved; only the city's
    staff review and see internal notes."""
    initiative = initiative_factory(status=status)
    people = _people(request)
    insiders = {"member", "group_admin", "staff_malmo"}
    members = {"member", "group_admin"}
    for role, user in people.items():
        label = f"{role} on {status}"
        assert permissions.can_view(user, initiative) == (role in insiders or status in PUBLIC), (
            label
        )
        assert permissions.can_see_private(user, initiative) == (role in insiders), label
        assert permissions.can_edit(user, initiative) == (
            role in members and status in {S.DRAFT, S.CHANGES_REQUESTED}
        ), label
        assert permissions.can_submit(user, initiative) == (
            role in members and status in {S.DRAFT, S.CHANGES_REQUESTED}
        ), label
        assert permissions.can_withdraw(user, initiative) == (
            role in members and status in {S.DRAFT, S.SUBMITTED, S.IN_REVIEW, S.CHANGES_REQUESTED}
        ), label
        assert permissions.can_review(user, initiative) == (role == "staff_malmo"), label
        assert permissions.can_see_internal(user, initiative) == (role == "staff_malmo"), label
        assert permissions.can_report(user, initiative) == (
            role in members and status in {S.APPROVED, S.ACTIVE}
        ), label
        assert permissions.can_record_grant(user, initiative) == (
            role == "staff_malmo" and status in {S.APPROVED, S.ACTIVE, S.COMPLETED}
        ), label
        assert permissions.can_message(user, initiative) == (
            role in insiders and status != S.DRAFT
        ), label


@pytest.mark.django_db
def test_it_lets_members_of_an_approved_group_propose(
    group, member, other_member, staff_malmo, city_malmo
):
    """Members of an approved group may propose; staff without a group and visitors may not;
    a pending group's members may not."""
    assert permissions.can_create(fresh(member), group)
    assert permissions.can_create(fresh(member))
    assert not permissions.can_create(fresh(other_member), group)
    assert not permissions.can_create(fresh(staff_malmo))
    assert not permissions.can_create(AnonymousUser())
    newcomer = make_user("ny@example.org")
    pending = make_group("Ny grupp", city_malmo, status="pending", admins=[newcomer])
    assert not permissions.can_create(fresh(newcomer), pending)
    assert not permissions.can_create(fresh(newcomer))


@pytest.mark.django_db
def test_it_shows_grant_amounts_only_to_insiders_unless_public(
    initiative_factory, staff_malmo, member, other_member
):
    """A grant's amount: group and staff always; others only when marked public."""
    from initiatives import services

    initiative = initiative_factory(status=S.APPROVED)
    hidden = services.record_grant(
        initiative=initiative, actor=fresh(staff_malmo), kind="funding", amount_sek=5000
    )
    shown = services.record_grant(
        initiative=initiative,
        actor=fresh(staff_malmo),
        kind="funding",
        amount_sek=9000,
        public=True,
    )
    assert permissions.can_see_grant_amount(fresh(member), hidden)
    assert not permissions.can_see_grant_amount(fresh(other_member), hidden)
    assert not permissions.can_see_grant_amount(AnonymousUser(), hidden)
    assert permissions.can_see_grant_amount(AnonymousUser(), shown)


@pytest.mark.django_db
def test_it_lets_partner_members_see_a_submitted_proposal(
    group, member, staff_malmo, other_member, city_malmo
):
    """A partner group's members see the proposal once submitted (not the draft) and its admins
    may confirm."""
    from cities.models import LocalGroup

    partner = LocalGroup.objects.get(slug="tillgangligt-malmo")
    draft = make_initiative(group, member=member, staff=staff_malmo, partners=[partner])
    assert not permissions.can_view(fresh(other_member), draft)
    submitted = make_initiative(
        group, member=member, staff=staff_malmo, status=S.SUBMITTED, partners=[partner]
    )
    assert permissions.can_view(fresh(other_member), submitted)
    assert permissions.can_confirm_partnership(fresh(other_member), submitted, partner)
    assert not permissions.can_confirm_partnership(fresh(member), submitted, partner)
