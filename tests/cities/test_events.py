"""Every write on a group knows who made it: the services ask the person's right again under
the group's lock, refuse with a GroupError, and log a GroupEvent that staff read on the review
page in their own language."""

import pytest
from django.core.files.base import ContentFile

from cities import permissions, services
from cities.models import GroupEvent, GroupInvitation, GroupMembership, LocalGroup
from tests.cities.conftest import image_bytes
from tests.conftest import make_group, make_user

pytestmark = pytest.mark.django_db
Kind = GroupEvent.Kind


def last_event(group) -> GroupEvent:
    return group.events.order_by("-pk").first()


def test_registering_logs_the_registrant(person, city_malmo):
    group = services.register_group(
        actor=person,
        name="Grannar för rättvisa",
        city=city_malmo,
        kind="association",
        description="Vi är grannar.",
        contact_email="kontakt@grannar.example.org",
    )
    event = group.events.get()
    assert (event.kind, event.actor, event.data) == (Kind.REGISTERED, person, {})


def test_editing_the_profile_logs_the_fields_that_changed(group, alma):
    services.update_group(
        group=group,
        actor=alma,
        changes={"name": "Rosengårds röster", "website": "https://roster.example.org"},
    )
    event = group.events.get()
    assert (event.kind, event.actor, event.data) == (Kind.UPDATED, alma, {"fields": ["website"]})


def test_a_new_logo_is_logged_apart(group, alma):
    logo = ContentFile(image_bytes("PNG"), name="logo.png")
    services.update_group(group=group, actor=alma, changes={"logo": logo})
    event = group.events.get()
    assert (event.kind, event.actor, event.data) == (Kind.LOGO_CHANGED, alma, {"removed": False})


def test_a_decision_logs_the_staff_member_the_decision_and_its_message(
    city_malmo, staff_malmo, alma
):
    group = make_group("Tyst grupp", city_malmo, status="pending", admins=[alma])
    services.decide_group(group=group, actor=staff_malmo, action="rejected", message="Not yet.")
    event = group.events.get()
    assert (event.kind, event.actor) == (Kind.DECIDED, staff_malmo)
    assert event.data == {"action": "rejected", "message": "Not yet."}


def test_a_role_change_logs_who_changed_whose_role(group, alma, mira):
    membership = group.memberships.get(user=mira)
    services.change_member_role(group=group, actor=alma, membership_id=membership.pk, role="admin")
    event = group.events.get()
    assert (event.kind, event.actor, event.member, event.data) == (
        Kind.ROLE_CHANGED,
        alma,
        mira,
        {"role": "admin"},
    )


def test_removing_and_leaving_are_told_apart(group, alma, mira):
    services.remove_member(
        group=group, actor=alma, membership_id=group.memberships.get(user=mira).pk
    )
    removed = last_event(group)
    assert (removed.kind, removed.actor, removed.member) == (Kind.MEMBER_REMOVED, alma, mira)
    nora = make_user("nora@example.org")
    GroupMembership.objects.create(group=group, user=nora)
    services.leave_group(group=group, actor=nora)
    left = last_event(group)
    assert (left.kind, left.actor, left.member) == (Kind.MEMBER_LEFT, nora, nora)


def test_invitations_log_the_address_sent_withdrawn_and_accepted(group, alma):
    invitation = services.invite_member(
        group=group, actor=alma, email="nora@example.org", role="member"
    )
    invited = last_event(group)
    assert (invited.kind, invited.actor, invited.data) == (
        Kind.INVITED,
        alma,
        {"email": "nora@example.org", "role": "member"},
    )
    services.revoke_invitation(group=group, actor=alma, invitation_id=invitation.pk)
    revoked = last_event(group)
    assert (revoked.kind, revoked.actor, revoked.data) == (
        Kind.INVITATION_REVOKED,
        alma,
        {"email": "nora@example.org"},
    )
    nora = make_user("nora@example.org")
    again = GroupInvitation.objects.create(group=group, email=nora.email, invited_by=alma)
    services.accept_invitation(token=again.token, actor=nora)
    accepted = last_event(group)
    assert (accepted.kind, accepted.actor, accepted.member) == (
        Kind.INVITATION_ACCEPTED,
        nora,
        nora,
    )


# --- Refused under the lock -----------------------------------------------------------------


@pytest.fixture
def demoted_alma(group, alma, mira):
    """Alma's page said she was an admin, but Mira has since made her a member: the roles the
    request cached still say admin, the database does not."""
    assert permissions.is_group_admin(alma, group)  # cached on alma for the request
    GroupMembership.objects.filter(group=group, user=mira).update(role="admin")
    GroupMembership.objects.filter(group=group, user=alma).update(role="member")
    return alma


def test_a_demoted_admin_cannot_edit_the_profile(group, demoted_alma):
    with pytest.raises(services.GroupError, match="inte göra det här"):
        services.update_group(group=group, actor=demoted_alma, changes={"website": "x"})
    group.refresh_from_db()
    assert group.website == "" and not group.events.exists()


def test_a_demoted_admin_cannot_change_roles_or_remove_members(group, demoted_alma, mira):
    membership = group.memberships.get(user=mira)
    with pytest.raises(services.GroupError, match="inte göra det här"):
        services.change_member_role(
            group=group, actor=demoted_alma, membership_id=membership.pk, role="member"
        )
    with pytest.raises(services.GroupError, match="inte göra det här"):
        services.remove_member(group=group, actor=demoted_alma, membership_id=membership.pk)
    assert group.memberships.get(user=mira).role == "admin"
    assert not group.events.exists()


def test_a_demoted_admin_cannot_invite_or_withdraw_invitations(group, demoted_alma):
    waiting = GroupInvitation.objects.create(group=group, email="nils@example.org")
    with pytest.raises(services.GroupError, match="inte göra det här"):
        services.invite_member(
            group=group, actor=demoted_alma, email="nora@example.org", role="member"
        )
    with pytest.raises(services.GroupError, match="inte göra det här"):
        services.revoke_invitation(group=group, actor=demoted_alma, invitation_id=waiting.pk)
    assert list(group.invitations.values_list("email", flat=True)) == ["nils@example.org"]
    assert not group.events.exists()


def test_staff_of_another_city_cannot_decide(city_malmo, staff_stockholm):
    group = make_group("Tyst grupp", city_malmo, status="pending")
    with pytest.raises(services.GroupError, match="inte göra det här"):
        services.decide_group(group=group, actor=staff_stockholm, action="approved")
    group.refresh_from_db()
    assert group.status == LocalGroup.Status.PENDING and not group.events.exists()


# --- The log on the review page -------------------------------------------------------------


def test_staff_read_the_log_in_their_own_language(client, group, alma, mira, staff_malmo):
    services.change_member_role(
        group=group, actor=alma, membership_id=group.memberships.get(user=mira).pk, role="admin"
    )
    services.update_group(group=group, actor=alma, changes={"website": "https://r.example.org"})
    client.force_login(staff_malmo)
    english = client.get(f"/en/staff/groups/{group.slug}/").content.decode()
    assert "Role changed" in english and "administrator" in english
    assert "Profile changed" in english and "website" in english
    assert "by Alma" in english
    swedish = client.get(f"/sv/staff/groups/{group.slug}/").content.decode()
    assert "Role changed" not in swedish and "Profile changed" not in swedish


def test_a_long_log_folds_its_older_events_away(client, group, alma, mira, staff_malmo):
    membership = group.memberships.get(user=mira)
    for role in ["admin", "member"] * 6:
        services.change_member_role(group=group, actor=alma, membership_id=membership.pk, role=role)
    client.force_login(staff_malmo)
    page = client.get(f"/en/staff/groups/{group.slug}/").content.decode()
    assert "<details>" in page and "2 earlier events" in page


def test_the_group_sees_no_log(client, group, alma):
    services.update_group(group=group, actor=alma, changes={"website": "https://r.example.org"})
    client.force_login(alma)
    assert client.get(f"/en/staff/groups/{group.slug}/").status_code == 403


def test_a_correction_in_the_django_admin_is_logged_as_the_administrators(client, group):
    ada = make_user("ada.admin@example.org", is_superuser=True, is_staff=True)
    client.force_login(ada)
    url = f"/en/admin/cities/localgroup/{group.pk}/change/"
    form = {
        "name": "Rosengårds Röster",
        "slug": group.slug,
        "city": group.city_id,
        "kind": group.kind,
        "description": group.description,
        "themes": list(group.themes.values_list("pk", flat=True)),
        "rights_gaps": "",
        "website": "",
        "contact_email": group.contact_email,
        "open_to_cooperation": "on",
        "founded_year": "",
        "language": "sv",
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
        "events-TOTAL_FORMS": "0",
        "events-INITIAL_FORMS": "0",
    }
    response = client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:3000]
    group.refresh_from_db()
    assert group.name == "Rosengårds Röster"
    event = group.events.get()
    assert (event.kind, event.actor, event.data) == (Kind.UPDATED, ada, {"fields": ["name"]})
