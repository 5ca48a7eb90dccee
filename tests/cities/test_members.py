"""Members and invitations: roles, removal, the last admin, and joining through a link."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from cities.models import GroupInvitation, GroupMembership
from tests.cities.conftest import group_form_data
from tests.conftest import PASSWORD, make_group, make_user

pytestmark = pytest.mark.django_db

MEMBERS = "/en/groups/rosengards-roster/members/"


def invite(client, email, role="member", capture=None):
    with capture(execute=True):
        return client.post(MEMBERS, {"email": email, "role": role})


def invitation_path(message) -> str:
    return re.search(r"https?://[^/\s]+(/\S+/groups/invitations/\S+/)", message.body).group(1)


def test_it_emails_an_invitation_with_a_single_use_link(
    client, group, alma, django_capture_on_commit_callbacks
):
    """Alma invites Nora; Nora gets an email with the link, the page lists the invitation."""
    client.force_login(alma)
    response = invite(client, "nora@example.org", capture=django_capture_on_commit_callbacks)
    assert response.status_code == 302
    invitation = GroupInvitation.objects.get()
    assert invitation.invited_by == alma
    assert invitation.language == "en"
    assert len(invitation.token) >= 40
    assert invitation.expires_at - timezone.now() > timedelta(days=13)
    assert mail.outbox[-1].to == ["nora@example.org"]
    assert invitation_path(mail.outbox[-1]) == f"/en/groups/invitations/{invitation.token}/"
    assert "nora@example.org" in client.get(MEMBERS).content.decode()


def test_it_refuses_to_invite_a_member_twice(client, group, alma, mira):
    client.force_login(alma)
    response = client.post(MEMBERS, {"email": "MIRA@example.org", "role": "member"})
    assert "already a member" in response.content.decode()
    client.post(MEMBERS, {"email": "nora@example.org", "role": "member"})
    response = client.post(MEMBERS, {"email": "nora@example.org", "role": "member"})
    assert "already waiting" in response.content.decode()
    assert GroupInvitation.objects.count() == 1


def test_an_existing_person_logs_in_and_accepts(
    client, group, alma, django_capture_on_commit_callbacks
):
    """Nora has an account: she logs in through the link's page, then accepts."""
    nora = make_user("nora@example.org")
    client.force_login(alma)
    invite(client, "nora@example.org", role="admin", capture=django_capture_on_commit_callbacks)
    path = invitation_path(mail.outbox[-1])
    client.logout()

    page = client.get(path)
    assert page.status_code == 200
    assert "Log in and join" in page.content.decode()
    client.force_login(nora)
    assert "Accept and join the group" in client.get(path).content.decode()
    response = client.post(path, {"choice": "accept"}, follow=True)
    assert response.redirect_chain[-1][0] == "/en/groups/rosengards-roster/"
    assert "Welcome to Rosengårds röster!" in response.content.decode()
    assert group.memberships.get(user=nora).role == GroupMembership.Role.ADMIN
    invitation = GroupInvitation.objects.get()
    assert invitation.accepted_by == nora and invitation.accepted_at is not None


def test_an_existing_person_joins_through_the_login_form(
    client, group, alma, django_capture_on_commit_callbacks
):
    """Choosing “log in” on the link's page, then logging in, joins the group."""
    nora = make_user("nora@example.org")
    client.force_login(alma)
    invite(client, "nora@example.org", capture=django_capture_on_commit_callbacks)
    path = invitation_path(mail.outbox[-1])
    client.logout()
    response = client.post(path, {"choice": "login"})
    assert response["Location"].startswith("/en/accounts/login/?next=")
    response = client.post(
        response["Location"], {"login": "nora@example.org", "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/en/groups/rosengards-roster/"
    assert group.memberships.filter(user=nora, role="member").exists()


def test_a_new_person_signs_up_and_joins_in_one_flow(
    client, group, alma, django_capture_on_commit_callbacks
):
    """Nora has no account: the link takes her to sign-up with her address filled in; the
    address counts as verified, so she is logged in and a member right away."""
    client.force_login(alma)
    invite(client, "nora@example.org", capture=django_capture_on_commit_callbacks)
    path = invitation_path(mail.outbox[-1])
    client.logout()
    mail.outbox.clear()

    response = client.post(path, {"choice": "signup"})
    signup_url = response["Location"]
    assert signup_url.startswith("/en/accounts/signup/?email=nora%40example.org")
    assert 'value="nora@example.org"' in client.get(signup_url).content.decode()
    response = client.post(
        signup_url,
        {"email": "nora@example.org", "password1": PASSWORD, "password2": PASSWORD},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == "/en/groups/rosengards-roster/"
    assert response.context["user"].email == "nora@example.org"
    assert "Welcome to Rosengårds röster!" in response.content.decode()
    membership = group.memberships.get(user__email="nora@example.org")
    assert membership.role == "member"
    assert mail.outbox == []  # no separate verification needed
    assert GroupInvitation.objects.get().accepted_at is not None


def test_a_new_person_who_signs_up_with_another_address_still_joins(
    client, group, alma, django_capture_on_commit_callbacks
):
    """The invited address counts as verified (the link reached it) and joins the account;
    the other address waits for its own verification."""
    from allauth.account.models import EmailAddress

    client.force_login(alma)
    invite(client, "nora@example.org", capture=django_capture_on_commit_callbacks)
    path = invitation_path(mail.outbox[-1])
    client.logout()
    signup_url = client.post(path, {"choice": "signup"})["Location"]
    client.post(
        signup_url,
        {"email": "nora.private@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )
    member = group.memberships.exclude(user__email="mira@example.org").get(role="member").user
    addresses = dict(EmailAddress.objects.filter(user=member).values_list("email", "verified"))
    assert addresses == {"nora@example.org": True, "nora.private@example.org": False}


def test_it_does_not_vouch_for_an_address_that_already_has_an_account(client, group):
    """If the invited address already has an account, the link does not mark it verified
    for a second one; the person is better off logging in."""
    make_user("nora@example.org")
    invitation = GroupInvitation.objects.create(group=group, email="nora@example.org")
    client.post(f"/en/groups/invitations/{invitation.token}/", {"choice": "signup"})
    assert not client.session.get("account_verified_email")


@pytest.mark.parametrize("state", ["expired", "used", "unknown"])
def test_it_shows_a_friendly_page_for_a_link_that_cannot_be_used(client, group, alma, state):
    """An expired, used or unknown token gives a page that explains, not an error."""
    invitation = GroupInvitation.objects.create(group=group, email="nora@example.org")
    if state == "expired":
        GroupInvitation.objects.filter(pk=invitation.pk).update(
            expires_at=timezone.now() - timedelta(minutes=1)
        )
    elif state == "used":
        GroupInvitation.objects.filter(pk=invitation.pk).update(accepted_at=timezone.now())
    token = invitation.token if state != "unknown" else "not-a-real-token"
    nora = make_user("nora@example.org")
    client.force_login(nora)
    response = client.get(f"/en/groups/invitations/{token}/")
    html = response.content.decode()
    assert response.status_code == (404 if state == "unknown" else 200)
    assert "The invitation cannot be used" in html
    assert {"expired": "expired on", "used": "already been used", "unknown": "not valid"}[
        state
    ] in html
    response = client.post(f"/en/groups/invitations/{token}/", {"choice": "accept"})
    assert "The invitation cannot be used" in response.content.decode()
    assert not group.memberships.filter(user=nora).exists()


@pytest.mark.usefixtures("english")
def test_it_uses_a_token_only_once(client, group):
    """The second person to open a used link is not let in."""
    from cities import services

    invitation = GroupInvitation.objects.create(group=group, email="nora@example.org")
    first, second = make_user("nora@example.org"), make_user("nils@example.org")
    services.accept_invitation(token=invitation.token, actor=first)
    with pytest.raises(services.GroupError, match="already been used"):
        services.accept_invitation(token=invitation.token, actor=second)
    assert not group.memberships.filter(user=second).exists()


def test_it_withdraws_an_invitation(client, group, alma):
    invitation = GroupInvitation.objects.create(group=group, email="nora@example.org")
    client.force_login(alma)
    client.post(f"/en/groups/rosengards-roster/invitations/{invitation.pk}/revoke/")
    assert not GroupInvitation.objects.exists()
    response = client.get(f"/en/groups/invitations/{invitation.token}/")
    assert response.status_code == 404


def test_it_changes_roles_and_removes_members(client, group, alma, mira):
    """Alma makes Mira an admin, then removes her."""
    client.force_login(alma)
    membership = group.memberships.get(user=mira)
    client.post(f"{MEMBERS}{membership.pk}/role/", {"role": "admin"})
    membership.refresh_from_db()
    assert membership.role == "admin"
    client.post(f"{MEMBERS}{membership.pk}/remove/")
    assert not group.memberships.filter(user=mira).exists()


def test_it_keeps_the_last_admin(client, group, alma):
    """The only admin can be neither demoted nor removed, not even by herself."""
    client.force_login(alma)
    membership = group.memberships.get(user=alma)
    response = client.post(f"{MEMBERS}{membership.pk}/role/", {"role": "member"}, follow=True)
    assert "at least one administrator" in response.content.decode()
    response = client.post(f"{MEMBERS}{membership.pk}/remove/", follow=True)
    assert "at least one administrator" in response.content.decode()
    membership.refresh_from_db()
    assert membership.role == "admin"


def test_it_lets_an_admin_leave_once_another_admin_exists(client, group, alma, mira):
    client.force_login(alma)
    mira_membership = group.memberships.get(user=mira)
    client.post(f"{MEMBERS}{mira_membership.pk}/role/", {"role": "admin"})
    response = client.post("/en/groups/rosengards-roster/leave/")
    assert response["Location"] == "/en/my/"
    assert list(group.memberships.values_list("user__email", "role")) == [
        ("mira@example.org", "admin")
    ]


def test_it_cannot_touch_a_membership_of_another_group(client, group, alma, city_malmo):
    """A membership id from another group is not found through this group's pages."""
    other_admin = make_user("oskar@example.org")
    other = make_group("Annan grupp", city_malmo, admins=[other_admin])
    foreign = other.memberships.get()
    client.force_login(alma)
    response = client.post(f"{MEMBERS}{foreign.pk}/remove/", follow=True)
    assert "no longer a member" in response.content.decode()
    assert other.memberships.filter(pk=foreign.pk).exists()


def test_it_limits_how_many_invitations_a_group_sends_in_an_hour(client, group, alma):
    """After twenty invitations in an hour, the next is refused with a message."""
    from cities.views import INVITATION_LIMIT

    client.force_login(alma)
    for number in range(INVITATION_LIMIT):
        client.post(MEMBERS, {"email": f"person{number}@example.org", "role": "member"})
    response = client.post(MEMBERS, {"email": "one.more@example.org", "role": "member"})
    assert "many invitations this hour" in response.content.decode()
    assert GroupInvitation.objects.count() == INVITATION_LIMIT


def test_an_edit_with_a_taken_name_keeps_the_pages_own_name(client, group, alma):
    """A refused new name shows an error, while the heading still names the group."""
    make_group("Bostad för alla", group.city)
    client.force_login(alma)
    data = group_form_data(group.city, name="bostad för alla")
    del data["city"]
    response = client.post("/en/groups/rosengards-roster/edit/", data)
    html = response.content.decode()
    assert "already exists in Malmö" in html
    assert "<h1>Edit Rosengårds röster</h1>" in html
    assert 'value="bostad för alla"' in html


def test_an_admin_who_leaves_from_the_members_page_lands_on_her_page(client, group, alma, mira):
    """Once another admin exists, Alma's own “Leave” takes her to /my/, not to a 403."""
    client.force_login(alma)
    mira_membership = group.memberships.get(user=mira)
    client.post(f"{MEMBERS}{mira_membership.pk}/role/", {"role": "admin"})
    own = group.memberships.get(user=alma)
    response = client.post(f"{MEMBERS}{own.pk}/remove/")
    assert response["Location"] == "/en/my/"
    assert not group.memberships.filter(user=alma).exists()
