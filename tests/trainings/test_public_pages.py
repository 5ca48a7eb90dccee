"""The public pages: calendar, course, session with sign-up, manage link, calendar file."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from tests.conftest import login, make_group, make_user
from tests.trainings.conftest import make_course, make_registration, make_session, signup_data
from trainings.models import Registration

pytestmark = pytest.mark.django_db


def session_url(session, language="en"):
    return f"/{language}/trainings/sessions/{session.pk}/"


def test_session_routes_are_not_taken_for_a_course_slug(client, session_malmo):
    """A course slugged "sessions" does not hide /trainings/sessions/<id>/."""
    make_course(slug="sessions")

    assert reverse("trainings:calendar") == "/sv/trainings/"
    assert reverse("trainings:session", args=[session_malmo.pk]) == session_url(session_malmo, "sv")
    response = client.get(session_url(session_malmo))
    assert response.status_code == 200
    assert response.context["session"] == session_malmo
    assert client.get(f"/en/trainings/sessions/{session_malmo.pk}.ics").status_code == 200


def test_the_calendar_groups_upcoming_sessions_by_month_and_shows_seats(
    client, city_malmo, city_stockholm
):
    full = make_session(city_malmo, capacity=1, days=5)
    make_registration(full)
    make_session(city_stockholm, capacity=12, days=40)
    make_session(city_malmo, days=-3)  # past: not listed
    make_session(city_malmo, days=8, is_cancelled=True)  # cancelled: not listed

    response = client.get("/en/trainings/")

    assert response.status_code == 200
    assert len(response.context["page_obj"].object_list) == 2
    html = response.content.decode()
    assert "Full – waiting list" in html
    assert "12 seats left" in html
    months = [month for month, _ in response.context["months"]]
    # The two listed sessions start 35 days apart, more than any month: always two months.
    assert months == sorted(months) and len(months) == 2


def test_the_calendar_filters_by_city_online_course_and_language(
    client, city_malmo, city_stockholm
):
    course = make_course(slug="media")
    in_malmo = make_session(city_malmo, course=course)
    online = make_session(city_malmo, is_online=True, venue_name="", language="en")
    in_stockholm = make_session(city_stockholm)

    def listed(query):
        return set(client.get("/en/trainings/" + query).context["page_obj"].object_list)

    assert listed("?place=malmo") == {in_malmo}
    assert listed("?place=online") == {online}
    assert listed("?place=stockholm") == {in_stockholm}
    assert listed("?course=media") == {in_malmo}
    assert listed("?language=en") == {online}
    assert listed("?place=atlantis") == {in_malmo, online, in_stockholm}


def test_the_course_page_lists_its_upcoming_sessions(client, city_malmo):
    course = make_course(slug="advocacy", description_en="## What you learn\n\nTo *persuade*.")
    make_session(city_malmo, course=course)
    make_session(city_malmo)

    response = client.get("/en/trainings/advocacy/")

    assert response.status_code == 200
    assert "<em>persuade</em>" in response.content.decode()
    assert len(response.context["page_obj"].object_list) == 1
    assert client.get("/en/trainings/no-such-course/").status_code == 404


def test_signing_up_confirms_and_leads_to_the_manage_page(
    client, session_malmo, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(session_url(session_malmo), signup_data(), follow=True)

    registration = Registration.objects.get()
    assert registration.status == "confirmed"
    assert registration.language == "en"
    assert response.redirect_chain[-1][0] == f"/en/trainings/registration/{registration.token}/"
    html = response.content.decode()
    assert "You have a seat." in html
    assert "Cancel my registration" in html
    assert len(mail.outbox) == 1


def test_a_full_session_puts_you_on_the_waiting_list_with_your_place(
    client, city_malmo, django_capture_on_commit_callbacks
):
    session = make_session(city_malmo, capacity=1)
    make_registration(session)
    make_registration(session, status="waitlisted")

    page = client.get(session_url(session)).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(session_url(session), signup_data(), follow=True)

    assert "Join the waiting list" in page
    html = response.content.decode()
    assert "waiting list, number 2" in html
    assert "Waiting list, number 2" in mail.outbox[0].subject


def test_a_second_sign_up_with_the_same_address_is_told_and_reveals_nothing(
    client, session_malmo, django_capture_on_commit_callbacks
):
    first = make_registration(session_malmo, "amina@example.org", name="Amina Hassan")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            session_url(session_malmo),
            signup_data(email="AMINA@example.org", name="Intruder"),
            follow=True,
        )

    html = response.content.decode()
    assert "already registered for this session" in html
    assert "Amina Hassan" not in html
    assert first.token not in html
    assert response.redirect_chain[-1][0] == session_url(session_malmo)
    assert [m.to for m in mail.outbox] == [["amina@example.org"]]
    assert first.token in mail.outbox[0].body
    assert Registration.objects.count() == 1


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (
            {"signup_closes_at": timezone.now() - timedelta(minutes=1)},
            "Sign-up for this session has closed.",
        ),
        (
            {"is_cancelled": True, "cancel_message": "The teacher is ill."},
            "This session has been cancelled.",
        ),
    ],
)
def test_a_closed_session_says_why_and_takes_no_sign_up(client, city_malmo, fields, message):
    session = make_session(city_malmo, **fields)

    page = client.get(session_url(session)).content.decode()
    response = client.post(session_url(session), signup_data(), follow=True)

    assert message in page
    assert 'name="email"' not in page
    assert message in response.content.decode()
    assert not Registration.objects.exists()


def test_a_past_session_says_it_has_taken_place(client, city_malmo):
    session = make_session(city_malmo, days=-2)

    page = client.get(session_url(session)).content.decode()

    assert "This session has already taken place." in page


def test_form_errors_keep_the_input_and_are_summarised(client, session_malmo):
    response = client.post(
        session_url(session_malmo),
        signup_data(email="not-an-address", consent="", name="Amina"),
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="error-summary"' in html
    assert "<title>Error:" in html
    assert 'value="Amina"' in html
    assert "You need to accept the privacy notice to sign up." in html
    assert not Registration.objects.exists()


def test_the_honeypot_stops_a_bot(client, session_malmo):
    response = client.post(session_url(session_malmo), signup_data(website_url="http://spam"))

    assert response.status_code == 400
    assert not Registration.objects.exists()


def test_sign_ups_from_one_address_are_rate_limited(client, city_malmo):
    sessions = [make_session(city_malmo) for _ in range(6)]

    statuses = [
        client.post(session_url(session), signup_data()).status_code for session in sessions
    ]

    assert statuses[:5] == [302] * 5
    assert statuses[5] == 429
    assert Registration.objects.count() == 5
    response = client.post(session_url(sessions[5]), signup_data())
    assert "Too many sign-up attempts" in response.content.decode()


def test_a_visitor_names_their_group_in_words_and_staff_see_it(client, session_malmo, city_malmo):
    """No list of the programme's groups for a visitor: however many there are, the form has a
    text field, and what is written there reaches the participant list."""
    for n in range(5):
        make_group(f"Grupp {n}", city_malmo)

    page = client.get(session_url(session_malmo)).content.decode()
    response = client.post(session_url(session_malmo), signup_data(organisation="Grupp 3"))

    assert 'name="local_group"' not in page and "Grupp 0" not in page
    assert 'for="id_organisation"' in page
    assert "Group or organisation (optional)" in page
    assert response.status_code == 302
    assert Registration.objects.get().organisation == "Grupp 3"


def test_a_member_chooses_among_their_own_approved_groups_of_the_city(
    client, session_malmo, city_malmo, city_stockholm
):
    """The select offers the signed-in person's groups only: the city's for a session there,
    every city's online; not a pending group, not another person's group."""
    me = make_user("me@example.org")
    make_group("Rosengårds röster", city_malmo, members=[me])
    make_group("Väntande gruppen", city_malmo, status="pending", members=[me])
    make_group("Järvaforum för rättvisa", city_stockholm, admins=[me])
    make_group("Någon annans grupp", city_malmo)
    online = make_session(city_malmo, is_online=True, venue_name="", venue_address="")
    login(client, me)

    in_malmo = str(client.get(session_url(session_malmo)).context["form"]["local_group"])
    on_line = str(client.get(session_url(online)).context["form"]["local_group"])

    assert "Rosengårds röster" in in_malmo and "Järvaforum" not in in_malmo
    assert "Rosengårds röster" in on_line and "Järvaforum" in on_line
    for html in (in_malmo, on_line):
        assert "Väntande gruppen" not in html and "Någon annans grupp" not in html


def test_a_member_signs_up_for_their_group_but_not_for_another(client, session_malmo, city_malmo):
    me = make_user("me@example.org")
    mine = make_group("Rosengårds röster", city_malmo, members=[me])
    other = make_group("Någon annans grupp", city_malmo)
    login(client, me)

    refused = client.post(session_url(session_malmo), signup_data(local_group=other.pk))
    accepted = client.post(session_url(session_malmo), signup_data(local_group=mine.pk))

    assert refused.status_code == 400
    assert "Select a valid choice" in refused.content.decode()
    assert accepted.status_code == 302
    assert Registration.objects.get().local_group == mine


def test_the_manage_link_cancels_in_one_step_and_promotes_the_next(
    client, city_malmo, django_capture_on_commit_callbacks
):
    session = make_session(city_malmo, capacity=1)
    mine = make_registration(session, "me@example.org")
    waiting = make_registration(session, "next@example.org", status="waitlisted", language="en")
    url = f"/en/trainings/registration/{mine.token}/"

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, follow=True)

    assert "Your registration is cancelled." in response.content.decode()
    mine.refresh_from_db()
    waiting.refresh_from_db()
    assert (mine.status, waiting.status) == ("cancelled", "confirmed")
    assert sorted(m.to[0] for m in mail.outbox) == ["me@example.org", "next@example.org"]
    assert "Cancel my registration" not in client.get(url).content.decode()


def test_an_unknown_or_anonymised_token_is_not_found(client, session_malmo):
    registration = make_registration(session_malmo, anonymised_at=timezone.now())

    assert client.get("/en/trainings/registration/guess/").status_code == 404
    assert client.get(f"/en/trainings/registration/{registration.token}/").status_code == 404


def test_the_calendar_file_is_a_valid_event_in_utc(client, city_malmo):
    starts = timezone.now().replace(microsecond=0) + timedelta(days=3)
    session = make_session(city_malmo, starts_at=starts, ends_at=starts + timedelta(hours=2))

    response = client.get(f"/en/trainings/sessions/{session.pk}.ics")

    assert response["Content-Type"].startswith("text/calendar")
    event = Calendar.from_ical(response.content).walk("VEVENT")[0]
    assert str(event["UID"]).startswith(f"training-session-{session.pk}@")
    assert event.decoded("DTSTART") == starts
    assert event.decoded("DTSTART").utcoffset() == timedelta(0)
    assert event.decoded("DTEND") == starts + timedelta(hours=2)
    assert str(event["SUMMARY"]) == session.course.title_en
    assert "Bergsgatan 32, Malmö" in str(event["LOCATION"])
    assert str(event["DESCRIPTION"]) == "The basics of human rights."
    assert str(event["URL"]).endswith(f"/en/trainings/sessions/{session.pk}/")
