"""Registering a group, the staff's decision, and what the public then sees."""

import pytest
from django.core import mail

from cities.models import GroupDecision, GroupMembership, LocalGroup, RightsTheme
from tests.cities.conftest import group_form_data
from tests.conftest import make_group

pytestmark = pytest.mark.django_db


def test_it_asks_a_visitor_to_log_in_before_registering(client):
    """Registration needs an account; a visitor is sent to the login page."""
    response = client.get("/sv/groups/new/")
    assert response.status_code == 302
    assert response["Location"].startswith("/sv/accounts/login/")


def test_it_registers_approves_and_then_lists_a_group(
    client, person, staff_malmo, staff_stockholm, city_malmo, django_capture_on_commit_callbacks
):
    """Petra registers, Malmö's staff get an email and approve, the directory then lists it."""
    housing = RightsTheme.objects.get(slug="housing")
    client.force_login(person)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/en/groups/new/", group_form_data(city_malmo, themes=[housing.pk]), follow=True
        )
    group = LocalGroup.objects.get(name="Grannar för rättvisa")
    assert response.redirect_chain[-1][0] == "/en/groups/grannar-for-rattvisa/"
    assert "waiting for approval" in response.content.decode()
    assert group.status == LocalGroup.Status.PENDING
    assert group.memberships.get().user == person
    assert group.memberships.get().role == GroupMembership.Role.ADMIN
    assert [m.to for m in mail.outbox] == [["mona.staff@example.org"]]
    # Staff are emailed in Swedish, the portal's language; the group in the language it used.
    assert "/sv/staff/groups/grannar-for-rattvisa/" in mail.outbox[0].body

    client.logout()
    assert "Grannar för rättvisa" not in client.get("/sv/groups/").content.decode()
    assert client.get("/sv/groups/grannar-for-rattvisa/").status_code == 404

    client.force_login(staff_malmo)
    queue = client.get("/sv/staff/groups/").content.decode()
    assert "Grannar för rättvisa" in queue
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/sv/staff/groups/grannar-for-rattvisa/",
            {"action": "approved", "message": "Välkomna!"},
        )
    assert response.status_code == 302
    group.refresh_from_db()
    assert group.status == LocalGroup.Status.APPROVED
    decision = group.decisions.get()
    assert (decision.actor, decision.action, decision.message) == (
        staff_malmo,
        "approved",
        "Välkomna!",
    )
    assert mail.outbox[-1].to == ["petra@example.org"]
    assert "Välkomna!" in mail.outbox[-1].body

    client.logout()
    directory = client.get("/sv/groups/").content.decode()
    assert "Grannar för rättvisa" in directory
    assert client.get("/sv/groups/grannar-for-rattvisa/").status_code == 200
    assert "Grannar för rättvisa" in client.get("/sv/groups/?theme=housing").content.decode()
    assert "Grannar för rättvisa" in client.get("/sv/cities/malmo/").content.decode()


def test_it_rejects_with_a_message_that_reaches_the_admins(
    client, staff_malmo, city_malmo, alma, django_capture_on_commit_callbacks
):
    """A rejection needs a message; the group's admins get it by email, and it is logged."""
    make_group("Tyst grupp", city_malmo, status="pending", admins=[alma])
    client.force_login(staff_malmo)
    response = client.post("/en/staff/groups/tyst-grupp/", {"action": "rejected", "message": ""})
    assert response.status_code == 200
    assert "Write a message explaining the rejection." in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/en/staff/groups/tyst-grupp/", {"action": "rejected", "message": "Not in Malmö."}
        )
    group = LocalGroup.objects.get(slug="tyst-grupp")
    assert group.status == LocalGroup.Status.REJECTED
    assert group.decision_message == "Not in Malmö."
    assert mail.outbox[-1].to == ["alma@example.org"]
    assert "Not in Malmö." in mail.outbox[-1].body
    assert GroupDecision.objects.filter(group=group, action="rejected").count() == 1


def test_it_decides_only_once_when_two_staff_press_at_once(client, staff_malmo, city_malmo):
    """The second decision on a group already decided is refused with a clear message."""
    make_group("Dubbelgrupp", city_malmo, status="pending")
    client.force_login(staff_malmo)
    client.post("/en/staff/groups/dubbelgrupp/", {"action": "approved"})
    from cities import services

    group = LocalGroup.objects.get(slug="dubbelgrupp")
    with pytest.raises(services.GroupError, match="already approved"):
        services.decide_group(group=group, actor=staff_malmo, action="rejected", message="x")
    assert group.decisions.count() == 1


def test_it_refuses_a_duplicate_name_in_the_same_city_ignoring_case(client, person, city_malmo):
    """“ROSENGÅRDS RÖSTER” clashes with “Rosengårds röster” in Malmö; the input is kept."""
    make_group("Rosengårds röster", city_malmo)
    client.force_login(person)
    response = client.post(
        "/en/groups/new/", group_form_data(city_malmo, name="  ROSENGÅRDS   RÖSTER ")
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "already exists in Malmö" in html
    assert "<title>Error: " in html
    assert "kontakt@grannar.example.org" in html
    assert LocalGroup.objects.count() == 1


def test_it_allows_the_same_name_in_another_city(client, person, city_malmo, city_stockholm):
    """Names are unique per city; the second group gets its own address."""
    make_group("Grannar för rättvisa", city_malmo)
    client.force_login(person)
    response = client.post("/en/groups/new/", group_form_data(city_stockholm))
    assert response.status_code == 302
    group = LocalGroup.objects.get(city=city_stockholm)
    assert group.slug == "grannar-for-rattvisa-stockholm"


def test_it_shows_clear_errors_for_bad_input_and_keeps_it(client, person, city_malmo):
    """Missing fields and a future founding year get messages, not a 500."""
    client.force_login(person)
    response = client.post(
        "/en/groups/new/",
        group_form_data(city_malmo, description="", founded_year="2999", website="not a url"),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="error-summary"' in html
    assert "Enter a year between 1800 and" in html
    assert "Enter a valid URL." in html
    assert 'value="Grannar för rättvisa"' in html


def test_it_never_shows_the_contact_email_publicly(client, group):
    """The contact address is for the relay only."""
    for path in ["/sv/groups/", "/sv/groups/rosengards-roster/", "/sv/cities/malmo/"]:
        assert group.contact_email not in client.get(path).content.decode()


def test_it_hides_archived_groups(client, staff_malmo, group):
    """Archiving takes an approved group out of the directory and its profile off the web."""
    client.force_login(staff_malmo)
    client.post("/en/staff/groups/rosengards-roster/", {"action": "archived"})
    group.refresh_from_db()
    assert group.status == LocalGroup.Status.ARCHIVED
    client.logout()
    assert "Rosengårds röster" not in client.get("/en/groups/").content.decode()
    assert client.get("/en/groups/rosengards-roster/").status_code == 404
    assert client.get("/en/groups/rosengards-roster/contact/").status_code == 404


def test_it_saves_an_admins_edits(client, alma, group):
    """The admin edits the profile; the address stays the same."""
    client.force_login(alma)
    data = group_form_data(group.city, name="Rosengårds nya röster", description="Nytt.")
    del data["city"]
    response = client.post("/en/groups/rosengards-roster/edit/", data)
    assert response.status_code == 302
    group.refresh_from_db()
    assert (group.name, group.description, group.slug) == (
        "Rosengårds nya röster",
        "Nytt.",
        "rosengards-roster",
    )


def test_it_filters_the_directory_by_city_theme_and_text(client, city_malmo, city_stockholm):
    """City, theme and free text narrow the list; the page says how many were found."""
    make_group("Bostadsnätverket", city_malmo, themes=["housing"])
    make_group("Hälsogruppen", city_stockholm, themes=["health"], description="Vård för alla.")
    make_group("Väntande", city_malmo, status="pending", themes=["housing"])
    assert "Hälsogruppen" not in client.get("/en/groups/?city=malmo").content.decode()
    html = client.get("/en/groups/?theme=housing").content.decode()
    assert "Bostadsnätverket" in html
    assert "Väntande" not in html
    html = client.get("/en/groups/?q=vård").content.decode()
    assert "Hälsogruppen" in html
    assert "Bostadsnätverket" not in html
    assert client.get("/en/groups/?city=nowhere").status_code == 200


def test_it_paginates_the_directory_by_twenty_sorted_by_name(client, city_malmo):
    """25 groups make two pages, in alphabetical order."""
    for number in range(25):
        make_group(f"Grupp {number:02d}", city_malmo)
    first = client.get("/en/groups/")
    assert [g.name for g in first.context["groups"]][:2] == ["Grupp 00", "Grupp 01"]
    assert len(first.context["groups"]) == 20
    second = client.get("/en/groups/?page=2")
    assert [g.name for g in second.context["groups"]] == [f"Grupp {n}" for n in range(20, 25)]
