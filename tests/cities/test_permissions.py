"""Who may do what with a group: the permission functions and the pages that use them."""

import pytest
from django.contrib.auth.models import AnonymousUser

from cities import permissions
from tests.conftest import make_city_staff, make_group, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def pending(city_malmo, alma):
    return make_group("Väntande grupp", city_malmo, status="pending", admins=[alma])


@pytest.fixture
def stockholm_group(city_stockholm):
    return make_group("Järvaforum", city_stockholm, status="pending")


def test_it_lets_only_admins_edit_and_manage_members(group, alma, mira, person, staff_malmo):
    """Admins edit and manage; members, outsiders, staff and visitors do not."""
    assert permissions.can_edit(alma, group)
    assert permissions.can_manage_members(alma, group)
    for user in [mira, person, staff_malmo, AnonymousUser()]:
        assert not permissions.can_edit(user, group)
        assert not permissions.can_manage_members(user, group)


def test_it_answers_the_role_questions(group, alma, mira, person):
    """group_role, is_group_member and is_group_admin agree with the memberships."""
    assert permissions.group_role(alma, group) == "admin"
    assert permissions.group_role(mira, group) == "member"
    assert permissions.group_role(person, group) is None
    assert permissions.is_group_member(mira, group) and not permissions.is_group_admin(mira, group)
    assert not permissions.is_group_member(AnonymousUser(), group)


def test_it_lets_only_the_citys_staff_decide(
    pending, stockholm_group, staff_malmo, staff_stockholm, alma
):
    """Malmö's staff decide on Malmö groups, not on Stockholm's; group admins decide nothing."""
    assert permissions.can_decide(staff_malmo, pending)
    assert not permissions.can_decide(staff_malmo, stockholm_group)
    assert permissions.can_decide(staff_stockholm, stockholm_group)
    assert not permissions.can_decide(alma, pending)
    assert not permissions.can_decide(AnonymousUser(), pending)
    assert permissions.is_city_staff(staff_malmo) and not permissions.is_city_staff(alma)


def test_it_shows_a_pending_group_only_to_members_and_city_staff(
    pending, alma, person, staff_malmo, staff_stockholm
):
    """A pending group is private: its admins and its city's staff see it."""
    assert permissions.can_view_group(alma, pending)
    assert permissions.can_view_group(staff_malmo, pending)
    assert not permissions.can_view_group(staff_stockholm, pending)
    assert not permissions.can_view_group(person, pending)
    assert not permissions.can_view_group(AnonymousUser(), pending)


def test_it_lets_anyone_see_and_contact_an_approved_group(group, person):
    assert permissions.can_view_group(AnonymousUser(), group)
    assert permissions.can_contact(AnonymousUser(), group)
    assert permissions.can_leave(person, group) is False


@pytest.mark.parametrize("admin_page", ["edit", "members"])
def test_it_answers_403_to_a_member_who_is_not_an_admin(client, group, mira, person, admin_page):
    """Mira (member) and Petra (no role) get 403 on the edit and members pages."""
    for user in [mira, person]:
        client.force_login(user)
        assert client.get(f"/en/groups/rosengards-roster/{admin_page}/").status_code == 403


@pytest.mark.parametrize("admin_page", ["edit", "members"])
def test_it_opens_the_admin_pages_to_the_admin(client, group, alma, admin_page):
    client.force_login(alma)
    assert client.get(f"/en/groups/rosengards-roster/{admin_page}/").status_code == 200


def test_it_answers_403_to_member_actions_by_a_non_admin(client, group, mira, alma):
    """Role changes, removals and revocations by a plain member are refused."""
    alma_membership = group.memberships.get(user=alma)
    client.force_login(mira)
    base = "/en/groups/rosengards-roster"
    assert (
        client.post(f"{base}/members/{alma_membership.pk}/role/", {"role": "member"}).status_code
        == 403
    )
    assert client.post(f"{base}/members/{alma_membership.pk}/remove/").status_code == 403
    assert client.post(f"{base}/invitations/1/revoke/").status_code == 403
    assert group.memberships.get(user=alma).role == "admin"


def test_it_sends_visitors_to_log_in_for_the_admin_pages(client, group):
    assert client.get("/en/groups/rosengards-roster/edit/").status_code == 302


def test_it_hides_a_pending_group_from_outsiders(client, pending, person, staff_stockholm):
    """Petra (no role), a visitor and another city's staff get 404 for a pending group."""
    assert client.get("/en/groups/vantande-grupp/").status_code == 404
    for user in [person, staff_stockholm]:
        client.force_login(user)
        assert client.get("/en/groups/vantande-grupp/").status_code == 404


def test_it_shows_a_pending_group_to_its_admin_and_its_citys_staff(
    client, pending, alma, staff_malmo
):
    for user in [alma, staff_malmo]:
        client.force_login(user)
        assert client.get("/en/groups/vantande-grupp/").status_code == 200


def test_it_keeps_malmo_staff_from_deciding_on_a_stockholm_group(
    client, stockholm_group, staff_malmo
):
    """Mona (Malmö) neither sees Järvaforum in her queue nor can decide on it."""
    client.force_login(staff_malmo)
    assert "Järvaforum" not in client.get("/en/staff/groups/").content.decode()
    assert client.get("/en/staff/groups/jarvaforum/").status_code == 403
    response = client.post("/en/staff/groups/jarvaforum/", {"action": "approved"})
    assert response.status_code == 403
    stockholm_group.refresh_from_db()
    assert stockholm_group.status == "pending"


def test_it_refuses_the_staff_queue_to_people_who_are_not_staff(client, alma):
    client.force_login(alma)
    assert client.get("/en/staff/groups/").status_code == 403
    client.logout()
    assert client.get("/en/staff/groups/").status_code == 302


def test_it_shows_staff_the_pending_groups_of_all_their_cities(
    client, city_malmo, city_stockholm, pending, stockholm_group
):
    """Staff of two cities see both cities' pending groups."""
    both = make_city_staff("bo@example.org", city_malmo, city_stockholm)
    client.force_login(both)
    html = client.get("/en/staff/groups/").content.decode()
    assert "Väntande grupp" in html and "Järvaforum" in html


def test_it_keeps_the_last_admin_from_leaving(client, group, alma):
    """Alma is the only admin: leaving is refused with a message."""
    client.force_login(alma)
    response = client.post("/en/groups/rosengards-roster/leave/", follow=True)
    assert "at least one administrator" in response.content.decode()
    assert group.memberships.filter(user=alma).exists()


def test_it_lets_a_member_leave(client, group, mira):
    client.force_login(mira)
    response = client.post("/en/groups/rosengards-roster/leave/")
    assert response.status_code == 302
    assert not group.memberships.filter(user=mira).exists()


def test_it_lets_the_programme_administrator_work_as_staff_of_every_city(
    client, pending, stockholm_group, city_malmo
):
    """A superuser reaches every staff workspace and decides on any city's group."""
    admin = make_user("ada.admin@example.org", is_superuser=True, is_staff=True)
    assert permissions.can_decide(admin, pending)
    client.force_login(admin)
    html = client.get("/en/staff/groups/").content.decode()
    assert "Väntande grupp" in html and "Järvaforum" in html
    assert client.get("/en/staff/").status_code == 200
    assert client.get("/en/staff/trainings/").status_code == 200
    assert 'href="/en/staff/"' in client.get("/en/").content.decode()
