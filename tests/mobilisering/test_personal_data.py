"""Each person's own data: /my/ shows it, the export holds it (and nobody else's), deletion
removes it (keeping the group's content and the audit trail) and ends every session."""

import io
import json
import zipfile

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cities.models import GroupInvitation, GroupMembership
from initiatives import services as initiative_services
from initiatives.models import Comment, Report, Status
from mobilisering import personal_data
from mobilisering.email import build_email, send_email_on_commit
from mobilisering.models import AccountPreference, OutgoingEmail, PersonalDataLog
from tests.conftest import PASSWORD, login, make_city_staff, make_group, make_user
from tests.initiatives.conftest import fresh, make_initiative, report_data
from tests.trainings.conftest import make_registration, make_session
from trainings.models import Registration

pytestmark = pytest.mark.django_db


@pytest.fixture
def alma(db):
    return make_user("alma@example.org", first_name="Alma", last_name="Lindqvist")


@pytest.fixture
def bo(db):
    return make_user("bo@example.org", first_name="Bo", last_name="Berg")


@pytest.fixture
def group(city_malmo, alma, bo):
    """Two admins, so that either may leave."""
    return make_group("Grannar i Sofielund", city_malmo, admins=[alma, bo])


def message(initiative, person, body):
    return initiative_services.add_comment(
        initiative=initiative, actor=fresh(person), body=body, notify=False
    )


def export(client) -> tuple[dict, str]:
    response = client.post(reverse("my_export"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "attachment" in response["Content-Disposition"]
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        return json.loads(archive.read("data.json")), archive.read("index.html").decode()


def email_to(address, subject):
    send_email_on_commit(build_email(to=[address], template="account/email/deleted", context={}))
    OutgoingEmail.objects.filter(to=[address]).update(subject=subject, status="sent")


def test_it_exports_the_persons_data_and_none_of_another_members(
    client, group, alma, bo, staff_malmo, city_malmo
):
    initiative = make_initiative(
        group, member=alma, staff=staff_malmo, status=Status.ACTIVE, title="Trygga trapphus"
    )
    initiative_services.add_report(
        initiative=initiative,
        actor=fresh(alma),
        data=report_data(done="Almas rapport om trapphusen."),
        notify=False,
    )
    message(initiative, alma, "Almas fråga om budgeten.")
    message(initiative, bo, "Bos svar om lokalen.")
    session = make_session(city_malmo, days=-40)
    # Signed up with the same address in other letters, before the account existed.
    make_registration(session, "Alma@Example.org", name="Alma L", access_needs="Hörslinga")
    make_registration(session, "bo@example.org", name="Bo B")
    email_to("alma@example.org", "Almas kvitto")

    data, html = export(login(client, bo))

    text = json.dumps(data, ensure_ascii=False) + html
    assert "bo@example.org" in text and "Bos svar om lokalen." in text
    assert "Grannar i Sofielund" in text and "Bo B" in text
    for other in [
        "alma@example.org",
        "Alma",
        "Almas fråga",
        "Almas rapport",
        "Trygga trapphus",
        "Hörslinga",
        "Almas kvitto",
        "Lindqvist",
        staff_malmo.email,
    ]:
        assert other.lower() not in text.lower()

    data, html = export(login(Client(), alma))
    assert data["account"][0]["email"] == "alma@example.org"
    assert [row["email"] for row in data["email_addresses"]] == ["alma@example.org"]
    assert data["memberships"] == [
        {
            "group": "Grannar i Sofielund",
            "role": "administratör",
            "since": data["memberships"][0]["since"],
        }
    ]
    assert data["proposals"][0]["title"] == "Trygga trapphus"
    assert [row["done"] for row in data["reports"]] == ["Almas rapport om trapphusen."]
    assert [row["text"] for row in data["messages"]] == ["Almas fråga om budgeten."]
    assert data["training_registrations"][0]["access_needs"] == "Hörslinga"
    assert [row["subject"] for row in data["emails"]] == ["Almas kvitto"]
    assert "<style>" in html and "http" not in html.split("<body>")[0].replace('content="width', "")
    assert "Almas fråga om budgeten." in html
    assert PersonalDataLog.objects.filter(user=alma, action="export").count() == 1


def test_it_exports_staff_notes_and_assessments_to_the_staff_member_only(
    client, group, alma, staff_malmo
):
    initiative = make_initiative(group, member=alma, staff=staff_malmo, status=Status.IN_REVIEW)
    initiative_services.add_comment(
        initiative=initiative, actor=staff_malmo, body="Intern anteckning.", internal=True
    )
    initiative_services.record_assessment(
        initiative=initiative, actor=staff_malmo, criterion="feasibility", score=4, note="Rimligt."
    )

    data, _html = export(login(client, staff_malmo))
    assert [row["text"] for row in data["internal_comments"]] == ["Intern anteckning."]
    assert [(row["score"], row["note"]) for row in data["assessments"]] == [(4, "Rimligt.")]

    data, html = export(login(Client(), alma))
    assert data["internal_comments"] == [] and data["assessments"] == []
    assert "Intern anteckning." not in html


def test_the_export_runs_the_same_queries_for_little_and_much_data(
    group, alma, staff_malmo, city_malmo
):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            personal_data.export_archive(user=fresh(alma))
        return len(captured)

    initiative = make_initiative(group, member=alma, staff=staff_malmo, status=Status.ACTIVE)
    message(initiative, alma, "Ett.")
    make_registration(make_session(city_malmo), "alma@example.org")
    few = queries()
    for n in range(6):
        message(initiative, alma, f"Meddelande {n}.")
        make_registration(make_session(city_malmo), "alma@example.org")
        make_group(f"Grupp {n}", city_malmo, members=[alma])
    assert queries() == few


def test_my_page_shows_registrations_made_before_the_account_with_a_verified_address(
    client, city_malmo
):
    before = make_registration(make_session(city_malmo), "Cecilia@Example.ORG")
    unproved = make_registration(make_session(city_malmo), "cissi@example.org")
    cecilia = make_user("cecilia@example.org")
    EmailAddress.objects.create(user=cecilia, email="cissi@example.org", verified=False)

    page = login(client, cecilia).get(reverse("my")).content.decode()

    assert before.get_absolute_url() in page
    assert unproved.get_absolute_url() not in page
    assert reverse("my_export") in page and reverse("my_delete") in page


def delete(client, password=PASSWORD):
    return client.post(reverse("my_delete"), {"password": password})


def test_it_deletes_the_account_and_keeps_what_it_wrote_with_the_group(
    client, group, alma, bo, staff_malmo, city_malmo
):
    initiative = make_initiative(group, member=alma, staff=staff_malmo, status=Status.ACTIVE)
    message(initiative, alma, "Almas fråga om budgeten.")
    report = initiative_services.add_report(
        initiative=initiative, actor=fresh(alma), data=report_data(), notify=False
    )
    coming = make_session(city_malmo, days=5, capacity=1)
    seat = make_registration(coming, "ALMA@example.org", name="Alma L")
    waiting = make_registration(coming, "dan@example.org", status="waitlisted")
    past = make_registration(make_session(city_malmo, days=-3), "alma@example.org", name="Alma L")
    GroupInvitation.objects.create(
        group=make_group("Annan", city_malmo, admins=[bo]), email="alma@example.org"
    )
    AccountPreference.objects.create(user=alma, language="en")
    email_to("alma@example.org", "Ett gammalt mejl")
    elsewhere = login(Client(), alma)
    assert elsewhere.get(reverse("my")).status_code == 200
    login(client, alma)

    refused = delete(client, password="fel-lösenord")
    assert refused.status_code == 200
    assert "Lösenordet stämmer inte" in refused.content.decode()
    assert get_user_model().objects.get(pk=alma.pk).is_active

    response = delete(client)

    assert response.status_code == 302 and response["Location"] == reverse("home")
    gone = get_user_model().objects.get(pk=alma.pk)
    assert (gone.email, gone.first_name, gone.last_name, gone.is_active) == ("", "", "", False)
    assert not gone.has_usable_password()
    assert not EmailAddress.objects.filter(user=gone).exists()
    assert not GroupMembership.objects.filter(user=gone).exists()
    assert not GroupInvitation.objects.filter(email__iexact="alma@example.org").exists()
    assert not AccountPreference.objects.filter(user=gone).exists()
    # What she wrote stays with the group.
    assert Comment.objects.get(body="Almas fråga om budgeten.").author_id == alma.pk
    assert Report.objects.filter(pk=report.pk, author=gone).exists()
    # Her registrations are anonymised; the seat she gave up went to the first waiting.
    for registration in [seat, past]:
        registration.refresh_from_db()
        assert (registration.name, registration.email) == ("", "")
        assert registration.anonymised_at is not None
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.CONFIRMED
    # Every session ends: the other browser is logged out too.
    assert elsewhere.get(reverse("my")).status_code == 302
    assert not Client().login(username="alma@example.org", password=PASSWORD)
    # The confirmation went out to her address, in her language; older mail to her is gone.
    # (in Swedish, the language she last used the portal in).
    assert [
        (email.subject, email.body.splitlines()[0])
        for email in OutgoingEmail.objects.filter(to=["alma@example.org"])
    ] == [("Ditt konto är borttaget", "Hej,")]
    assert not OutgoingEmail.objects.filter(subject="Ett gammalt mejl").exists()
    assert PersonalDataLog.objects.filter(user=gone, action="deletion").exists()
    # The group's page shows her message under "former member".
    page = login(Client(), bo).get(initiative.get_absolute_url()).content.decode()
    assert "Almas fråga om budgeten." in page and "tidigare medlem" in page
    assert "alma@example.org" not in page


def test_a_deleted_staff_members_decisions_stay_as_former_staff_member(
    client, group, alma, city_malmo
):
    decider = make_city_staff("sara@example.org", city_malmo)
    initiative = make_initiative(group, member=alma, staff=decider, status=Status.APPROVED)

    assert delete(login(client, decider)).status_code == 302

    page = login(Client(), alma).get(initiative.get_absolute_url()).content.decode()
    assert "tidigare medarbetare" in page
    assert "sara@example.org" not in page


def test_the_last_admin_of_a_group_with_work_in_progress_cannot_delete_the_account(
    client, city_malmo, staff_malmo, bo
):
    alone = make_user("ensam@example.org")
    group = make_group("Ensamma gruppen", city_malmo, admins=[alone], members=[bo])
    make_initiative(group, member=alone, staff=staff_malmo, status=Status.SUBMITTED)
    login(client, alone)

    page = client.get(reverse("my_delete")).content.decode()
    assert "sista administratör" in page and "Ensamma gruppen" in page

    response = delete(client)
    assert response.status_code == 200
    assert get_user_model().objects.get(pk=alone.pk).is_active
    with pytest.raises(personal_data.AccountError):
        personal_data.delete_account(user=alone, password=PASSWORD)

    # Another administrator, and the way is free.
    GroupMembership.objects.filter(user=bo).update(role="admin")
    assert delete(client).status_code == 302


def test_a_group_whose_work_is_over_does_not_stop_its_last_admin(client, city_malmo, staff_malmo):
    alone = make_user("ensam@example.org")
    group = make_group("Avslutad grupp", city_malmo, admins=[alone])
    make_initiative(group, member=alone, staff=staff_malmo, status=Status.DECLINED)
    make_initiative(group, member=alone, staff=staff_malmo, status=Status.DRAFT)

    assert delete(login(client, alone)).status_code == 302


def test_the_data_pages_are_for_the_person_only(client):
    assert client.post(reverse("my_export")).status_code == 302
    assert client.get(reverse("my_delete")).status_code == 302
