"""The staff pages: only the staff of the session's city, and what each page does."""

import csv
import io
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from tests.conftest import login, make_group
from tests.trainings.conftest import make_course, make_registration, make_session
from trainings.models import Registration, Session

pytestmark = pytest.mark.django_db

STAFF_PAGES = [
    "/en/staff/trainings/{pk}/",
    "/en/staff/trainings/{pk}/edit/",
    "/en/staff/trainings/{pk}/print/",
    "/en/staff/trainings/{pk}/participants.csv",
    "/en/staff/trainings/{pk}/cancel/",
    "/en/staff/trainings/{pk}/email/",
]


@pytest.mark.parametrize("page", STAFF_PAGES)
def test_staff_of_another_city_are_refused(client, session_malmo, staff_stockholm, page):
    make_registration(session_malmo, "secret@example.org")
    login(client, staff_stockholm)

    response = client.get(page.format(pk=session_malmo.pk))

    assert response.status_code == 403
    assert b"secret@example.org" not in response.content


@pytest.mark.parametrize("page", STAFF_PAGES)
def test_people_without_a_staff_role_are_refused(client, session_malmo, person, page):
    url = page.format(pk=session_malmo.pk)
    assert client.get(url).status_code == 302  # to the login page
    login(client, person)
    assert client.get(url).status_code == 403


def test_other_cities_cannot_mark_attendance_or_cancel(client, session_malmo, staff_stockholm):
    registration = make_registration(session_malmo)
    login(client, staff_stockholm)
    pk = session_malmo.pk

    attendance = client.post(
        f"/en/staff/trainings/{pk}/attendance/",
        {"shown": [registration.pk], "attended": [registration.pk]},
    )
    cancel = client.post(f"/en/staff/trainings/{pk}/cancel/", {"message": "No."})

    assert (attendance.status_code, cancel.status_code) == (403, 403)
    registration.refresh_from_db()
    session_malmo.refresh_from_db()
    assert registration.attended is None and not session_malmo.is_cancelled


def test_the_staff_list_shows_only_their_cities_sessions(
    client, staff_malmo, city_malmo, city_stockholm
):
    mine = make_session(city_malmo)
    make_session(city_stockholm)
    past = make_session(city_malmo, days=-5)
    login(client, staff_malmo)

    upcoming = client.get("/en/staff/trainings/")
    earlier = client.get("/en/staff/trainings/?when=past")

    assert list(upcoming.context["page_obj"].object_list) == [mine]
    assert list(earlier.context["page_obj"].object_list) == [past]
    assert 'class="staff-nav"' in upcoming.content.decode()


def test_the_participant_list_groups_confirmed_waitlist_and_cancelled(
    client, staff_malmo, city_malmo
):
    session = make_session(city_malmo, capacity=1)
    group = make_group("Rosengårds röster", city_malmo)
    make_registration(session, "amina@example.org", name="Amina", local_group=group)
    make_registration(session, "bo@example.org", name="Bo", status="waitlisted")
    make_registration(session, "cia@example.org", name="Cia", status="waitlisted")
    make_registration(session, "dan@example.org", name="Dan", status="cancelled")
    login(client, staff_malmo)

    response = client.get(f"/en/staff/trainings/{session.pk}/")

    groups = {
        status: [(r.name, r.queue_place) for r in rows]
        for status, rows in response.context["groups"]
    }
    assert groups == {
        "confirmed": [("Amina", 1)],
        "waitlisted": [("Bo", 1), ("Cia", 2)],
        "cancelled": [("Dan", 1)],
    }
    assert "Rosengårds röster" in response.content.decode()


def test_the_print_view_lists_the_confirmed(client, staff_malmo, session_malmo):
    make_registration(session_malmo, name="Amina")
    make_registration(session_malmo, name="Bo", status="waitlisted")
    login(client, staff_malmo)

    html = client.get(f"/en/staff/trainings/{session_malmo.pk}/print/").content.decode()

    # Cells, not the bare names: a random token elsewhere in the page may hold "Bo".
    assert "<td>Amina</td>" in html and "<td>Bo</td>" not in html
    assert "Signature" in html


def test_the_csv_export_holds_every_registration_safely(client, staff_malmo, session_malmo):
    make_registration(
        session_malmo, "amina@example.org", name="Amina Hassan", access_needs="Hörslinga"
    )
    make_registration(session_malmo, "evil@example.org", name="=HYPERLINK(1)", status="waitlisted")
    login(client, staff_malmo)

    response = client.get(f"/en/staff/trainings/{session_malmo.pk}/participants.csv")

    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["Name", "Email address", "Status", "Place in queue"]
    assert rows[1][:3] == ["Amina Hassan", "amina@example.org", "confirmed"]
    assert rows[1][6] == "Hörslinga"
    assert rows[2][:4] == ["'=HYPERLINK(1)", "evil@example.org", "on the waiting list", "1"]


def test_staff_mark_attendance(client, staff_malmo, session_malmo):
    came = make_registration(session_malmo)
    absent = make_registration(session_malmo)
    login(client, staff_malmo)

    response = client.post(
        f"/en/staff/trainings/{session_malmo.pk}/attendance/",
        {"shown": [came.pk, absent.pk], "attended": [came.pk]},
        follow=True,
    )

    assert "Attendance saved: 1 came." in response.content.decode()
    came.refresh_from_db()
    absent.refresh_from_db()
    assert (came.attended, absent.attended) == (True, False)


def test_cancelling_a_session_emails_everyone_registered(
    client, staff_malmo, session_malmo, django_capture_on_commit_callbacks
):
    make_registration(session_malmo, "a@example.org", language="en")
    make_registration(session_malmo, "b@example.org", status="waitlisted")
    make_registration(session_malmo, "gone@example.org", status="cancelled")
    login(client, staff_malmo)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/en/staff/trainings/{session_malmo.pk}/cancel/",
            {"message": "The teacher is ill. We will set a new date."},
            follow=True,
        )

    assert "2 people were emailed" in response.content.decode()
    session_malmo.refresh_from_db()
    assert session_malmo.is_cancelled
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.org", "b@example.org"]
    english = next(m for m in mail.outbox if m.to == ["a@example.org"])
    assert english.subject.startswith("The training is cancelled:")
    assert "The teacher is ill. We will set a new date." in english.body
    swedish = next(m for m in mail.outbox if m.to == ["b@example.org"])
    assert swedish.subject.startswith("Utbildningen är inställd:")


def test_cancelling_needs_a_message(client, staff_malmo, session_malmo):
    login(client, staff_malmo)

    response = client.post(f"/en/staff/trainings/{session_malmo.pk}/cancel/", {"message": ""})

    assert response.status_code == 400
    session_malmo.refresh_from_db()
    assert not session_malmo.is_cancelled


def test_email_all_reaches_the_confirmed_and_optionally_the_waitlist(
    client, staff_malmo, session_malmo, django_capture_on_commit_callbacks
):
    make_registration(session_malmo, "a@example.org")
    make_registration(session_malmo, "w@example.org", status="waitlisted")
    login(client, staff_malmo)
    url = f"/en/staff/trainings/{session_malmo.pk}/email/"

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"subject": "Room change", "body": "We meet in room 2."})
    confirmed_only = [m.to[0] for m in mail.outbox]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"subject": "Room change", "body": "Room 2.", "include_waitlist": "on"})

    assert confirmed_only == ["a@example.org"]
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.org", "w@example.org"]
    assert mail.outbox[0].subject.startswith("Room change – ")
    assert "/trainings/registration/" in mail.outbox[0].body


def test_staff_create_a_session_in_their_city_only(client, staff_malmo, city_malmo, city_stockholm):
    course = make_course()
    login(client, staff_malmo)
    starts = (timezone.localtime() + timedelta(days=20)).replace(second=0, microsecond=0)
    data = {
        "course": course.pk,
        "city": city_malmo.pk,
        "venue_name": "Stadsmissionen",
        "venue_address": "Bergsgatan 32",
        "starts_at": starts.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (starts + timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M"),
        "capacity": 12,
        "language": "sv",
    }

    elsewhere = client.post("/en/staff/trainings/new/", {**data, "city": city_stockholm.pk})
    backwards = client.post("/en/staff/trainings/new/", {**data, "ends_at": data["starts_at"]})
    created = client.post("/en/staff/trainings/new/", data)

    assert elsewhere.status_code == 400
    assert "The session must end after it starts." in backwards.content.decode()
    assert created.status_code == 302
    session = Session.objects.get()
    assert (session.city, session.capacity, session.signup_closes_at) == (city_malmo, 12, starts)


def test_editing_seats_promotes_the_waiting_list(
    client, staff_malmo, city_malmo, django_capture_on_commit_callbacks
):
    session = make_session(city_malmo, capacity=1)
    make_registration(session)
    waiting = make_registration(session, status="waitlisted")
    login(client, staff_malmo)
    form = client.get(f"/en/staff/trainings/{session.pk}/edit/").context["form"]
    data = {name: form[name].value() for name in form.fields}
    data = {k: ("" if v is None else v) for k, v in data.items() if v is not False}
    data["starts_at"] = timezone.localtime(session.starts_at).strftime("%Y-%m-%dT%H:%M")
    data["ends_at"] = timezone.localtime(session.ends_at).strftime("%Y-%m-%dT%H:%M")
    data["signup_closes_at"] = ""

    too_few = client.post(f"/en/staff/trainings/{session.pk}/edit/", {**data, "capacity": 0})
    with django_capture_on_commit_callbacks(execute=True):
        more = client.post(f"/en/staff/trainings/{session.pk}/edit/", {**data, "capacity": 2})

    assert too_few.status_code == 400
    assert more.status_code == 302
    assert Registration.objects.get(pk=waiting.pk).status == "confirmed"
    assert [m.to[0] for m in mail.outbox] == [waiting.email]
