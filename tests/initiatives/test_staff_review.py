"""The staff review page: decisions with what each requires, assignment, assessment, internal
comments kept from the group, messages, support grants, and clear messages on domain errors."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from initiatives import services
from initiatives.models import (
    Assessment,
    Comment,
    InitiativeEvent,
    Status,
    SupportGrant,
)
from tests.conftest import login
from tests.initiatives.conftest import fresh, report_data

S = Status
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def act(client, initiative, name, **data):
    """POST the staff transition `name` with its form fields (unprefixed names)."""
    url = reverse("initiatives:staff_action", args=[initiative.pk, name])
    return client.post(url, {f"{name}-{key}": value for key, value in data.items()})


def detail_url(initiative):
    return reverse("initiatives:staff_detail", args=[initiative.pk])


def test_it_starts_the_review_and_tells_the_group(
    client, initiative_factory, staff_malmo, django_capture_on_commit_callbacks
):
    """Start review moves a submission to in review, logs it and emails the group after commit."""
    initiative = initiative_factory(S.SUBMITTED)
    login(client, staff_malmo)
    page = client.get(detail_url(initiative)).content.decode()
    assert "Start the review" in page
    assert "Approve" not in page
    with django_capture_on_commit_callbacks(execute=True):
        response = act(client, initiative, "start_review")
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert initiative.status == S.IN_REVIEW
    assert mail.outbox
    assert InitiativeEvent.objects.filter(initiative=initiative, to_status=S.IN_REVIEW).count() == 1


@pytest.mark.parametrize(
    ("name", "field", "target"),
    [
        ("request_changes", "message", S.CHANGES_REQUESTED),
        ("decline", "message", S.DECLINED),
        ("approve", "support_terms", S.APPROVED),
    ],
)
def test_each_decision_requires_its_text(
    client, initiative_factory, staff_malmo, name, field, target
):
    """Request changes and decline need a message, approve needs support terms: without it the
    page shows the error summary and nothing changes; with it the decision is made."""
    initiative = initiative_factory(S.IN_REVIEW)
    login(client, staff_malmo)
    response = act(client, initiative, name, **{field: "   "})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="error-summary"' in page
    assert f'href="#id_{name}-{field}"' in page
    assert "<title>Error:" in page
    initiative.refresh_from_db()
    assert initiative.status == S.IN_REVIEW

    response = act(client, initiative, name, **{field: "Skriv mer om budgeten, tack."})
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert initiative.status == target
    event = InitiativeEvent.objects.get(initiative=initiative, to_status=target)
    assert "Skriv mer om budgeten" in event.text
    assert event.actor == staff_malmo


def test_it_keeps_the_input_of_another_field_when_a_decision_fails(
    client, initiative_factory, staff_malmo
):
    """A decision form with an error keeps what was typed (here: too long a text)."""
    initiative = initiative_factory(S.IN_REVIEW)
    login(client, staff_malmo)
    long_text = "Lång text. " * 600
    response = act(client, initiative, "decline", message=long_text)
    assert response.status_code == 200
    assert "Lång text. Lång text." in response.content.decode()


def test_discontinue_requires_a_reason(client, initiative_factory, staff_malmo):
    """Discontinuing an active initiative needs a reason."""
    initiative = initiative_factory(S.ACTIVE)
    login(client, staff_malmo)
    assert act(client, initiative, "discontinue", message="").status_code == 200
    initiative.refresh_from_db()
    assert initiative.status == S.ACTIVE
    assert act(client, initiative, "discontinue", message="Gruppen har upphört.").status_code == 302
    initiative.refresh_from_db()
    assert initiative.status == S.DISCONTINUED


def test_it_completes_only_after_the_final_report(client, initiative_factory, staff_malmo, member):
    """Complete is shown as not yet possible until the final report exists; a forced POST gets a
    clear message, not an error page."""
    initiative = initiative_factory(S.ACTIVE)
    login(client, staff_malmo)
    page = client.get(detail_url(initiative)).content.decode()
    assert "Possible once the group has written its final report." in page
    response = act(client, initiative, "complete")
    assert response.status_code == 302
    response = client.get(response["Location"])
    assert "once the group has written its final report" in response.content.decode()
    initiative.refresh_from_db()
    assert initiative.status == S.ACTIVE

    services.add_report(
        initiative=initiative, actor=fresh(member), data=report_data(), final=True, notify=False
    )
    page = client.get(detail_url(initiative)).content.decode()
    assert "Possible once the group" not in page
    assert act(client, initiative, "complete").status_code == 302
    initiative.refresh_from_db()
    assert initiative.status == S.COMPLETED


def test_a_second_approval_gets_a_clear_message_and_no_second_event(
    client, initiative_factory, staff_malmo, staff_malmo_2
):
    """Two staff approve the same proposal (the second from a page loaded before the first
    acted): one approval, and the second sees a clear message instead of an error page."""
    initiative = initiative_factory(S.IN_REVIEW)
    login(client, staff_malmo)
    assert act(client, initiative, "approve", support_terms="10 000 kr").status_code == 302
    client.logout()
    login(client, staff_malmo_2)
    response = act(client, initiative, "approve", support_terms="12 000 kr")
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "is not possible now" in page
    assert InitiativeEvent.objects.filter(initiative=initiative, to_status=S.APPROVED).count() == 1
    initiative.refresh_from_db()
    assert initiative.support_terms == "10 000 kr"


def test_it_turns_a_domain_error_in_the_service_into_a_message(
    client, initiative_factory, staff_malmo, monkeypatch
):
    """If the service refuses (someone acted between the check and the lock), the staff member
    sees the service's message and is sent back to the page."""
    initiative = initiative_factory(S.IN_REVIEW)
    login(client, staff_malmo)

    def refuse(**kwargs):
        raise services.WorkflowError("Someone else decided first.")

    monkeypatch.setattr(services, "transition", refuse)
    response = act(client, initiative, "decline", message="Nej tack.")
    assert response.status_code == 302
    assert "Someone else decided first." in client.get(response["Location"]).content.decode()


def test_it_refuses_unknown_and_group_only_actions(client, initiative_factory, staff_malmo):
    """Staff cannot make the group's transitions (submit, withdraw) nor invent one."""
    initiative = initiative_factory(S.IN_REVIEW)
    login(client, staff_malmo)
    assert act(client, initiative, "withdraw").status_code == 404
    assert act(client, initiative, "fly-away").status_code == 404
    initiative.refresh_from_db()
    assert initiative.status == S.IN_REVIEW


def test_it_assigns_a_reviewer_among_the_citys_staff(
    client, initiative_factory, staff_malmo, staff_malmo_2, staff_stockholm
):
    """The reviewer is chosen among the city's staff; another city's staff cannot be chosen."""
    initiative = initiative_factory(S.SUBMITTED)
    login(client, staff_malmo)
    url = reverse("initiatives:staff_assign", args=[initiative.pk])
    response = client.post(url, {"assign-reviewer": staff_stockholm.pk})
    assert response.status_code == 200
    assert 'id="error-summary"' in response.content.decode()
    initiative.refresh_from_db()
    assert initiative.assigned_to is None

    assert client.post(url, {"assign-reviewer": staff_malmo_2.pk}).status_code == 302
    initiative.refresh_from_db()
    assert initiative.assigned_to == staff_malmo_2
    queue = client.get(reverse("initiatives:staff_queue"), {"section": "new"}).content.decode()
    assert "mikael.staff@example.org" in queue


def test_it_saves_the_assessment_and_logs_only_what_changed(
    client, initiative_factory, staff_malmo
):
    """Scores 1–5 with notes per criterion; saving again logs only the changed criteria."""
    initiative = initiative_factory(S.IN_REVIEW)
    login(client, staff_malmo)
    url = reverse("initiatives:staff_assess", args=[initiative.pk])
    data = {
        "assess-participation_score": "5",
        "assess-participation_note": "De boende leder samtalen.",
        "assess-feasibility_score": "3",
    }
    assert client.post(url, data).status_code == 302
    scores = dict(Assessment.objects.values_list("criterion", "score"))
    assert scores == {"participation": 5, "feasibility": 3}
    assert InitiativeEvent.objects.filter(kind="assessment").count() == 2

    data["assess-feasibility_score"] = "4"
    assert client.post(url, data).status_code == 302
    assert InitiativeEvent.objects.filter(kind="assessment").count() == 3
    page = client.get(detail_url(initiative)).content.decode()
    assert 'value="4" class="form-check-input" id="id_assess-feasibility_score_3" checked' in page
    # The saved assessment, in the criteria's order, and its average.
    assert (
        "<dt>Participation</dt><dd>5/5 – De boende leder samtalen.</dd>"
        "<dt>Feasibility</dt><dd>4/5</dd>"
    ) in page
    assert "Average 4.5 over 2 criteria." in page


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"assess-participation_note": "En anteckning utan poäng."},
        {"assess-participation_score": "9"},
    ],
)
def test_it_refuses_an_assessment_without_valid_scores(
    client, initiative_factory, staff_malmo, data
):
    """No score, a note without a score, or a score outside 1–5: the error summary, no write."""
    initiative = initiative_factory(S.IN_REVIEW)
    login(client, staff_malmo)
    response = client.post(reverse("initiatives:staff_assess", args=[initiative.pk]), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="error-summary"' in page
    if "assess-participation_note" in data:
        assert "En anteckning utan poäng." in page
    assert not Assessment.objects.exists()


def test_internal_comments_never_reach_the_group_or_the_public(
    client, initiative_factory, staff_malmo, member
):
    """An internal comment shows on the staff page, never on the group's or the public page."""
    initiative = initiative_factory(S.APPROVED)
    login(client, staff_malmo)
    url = reverse("initiatives:staff_comment", args=[initiative.pk])
    assert client.post(url, {"note-body": "Hemlig bedömning av budgeten"}).status_code == 302
    assert Comment.objects.get().internal
    assert "Hemlig bedömning av budgeten" in client.get(detail_url(initiative)).content.decode()
    # Even the staff member's view of the group's page keeps to the group's side.
    assert "Hemlig bedömning" not in client.get(initiative.get_absolute_url()).content.decode()
    client.logout()
    assert "Hemlig bedömning" not in client.get(initiative.get_absolute_url()).content.decode()
    login(client, member)
    assert "Hemlig bedömning" not in client.get(initiative.get_absolute_url()).content.decode()


def test_it_sends_a_message_the_group_sees(
    client, initiative_factory, staff_malmo, member, django_capture_on_commit_callbacks
):
    """A message from the staff is on the group's timeline and emailed to its admins."""
    initiative = initiative_factory(S.IN_REVIEW)
    login(client, staff_malmo)
    url = reverse("initiatives:staff_message", args=[initiative.pk])
    assert client.post(url, {"message-body": ""}).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"message-body": "Välkomna på möte."}).status_code == 302
    assert any("Välkomna på möte." in m.body for m in mail.outbox)
    client.logout()
    login(client, member)
    assert "Välkomna på möte." in client.get(initiative.get_absolute_url()).content.decode()


def test_it_records_funding_only_with_an_amount(client, initiative_factory, staff_malmo):
    """Funding without an amount is refused on the form; with one it is recorded; other support
    needs no amount; nothing before approval."""
    initiative = initiative_factory(S.APPROVED)
    login(client, staff_malmo)
    url = reverse("initiatives:staff_grant", args=[initiative.pk])
    response = client.post(
        url, {"grant-kind": "funding", "grant-date": "2026-04-01", "grant-note": "Lokalhyra"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Funding needs an amount in SEK." in page
    assert "Lokalhyra" in page
    assert not SupportGrant.objects.exists()

    response = client.post(
        url,
        {"grant-kind": "funding", "grant-amount_sek": "-5", "grant-date": "2026-04-01"},
    )
    assert response.status_code == 200
    assert not SupportGrant.objects.exists()

    data = {"grant-kind": "funding", "grant-amount_sek": "15000", "grant-date": "2026-04-01"}
    assert client.post(url, {**data, "grant-public": "on"}).status_code == 302
    data = {"grant-kind": "mentoring", "grant-date": "2026-04-02", "grant-note": "Handledning"}
    assert client.post(url, data).status_code == 302
    grants = list(SupportGrant.objects.order_by("date"))
    assert [(g.kind, g.amount_sek, g.public) for g in grants] == [
        ("funding", 15000, True),
        ("mentoring", None, False),
    ]
    assert grants[0].date == datetime.date(2026, 4, 1)
    page = client.get(detail_url(initiative)).content.decode()
    assert "Funding in total: SEK\u00a015,000." in page


def test_it_records_no_support_before_approval(client, initiative_factory, staff_malmo):
    """Before approval there is no grant form, and a forced POST is a clear message."""
    initiative = initiative_factory(S.IN_REVIEW)
    login(client, staff_malmo)
    assert 'name="grant-kind"' not in client.get(detail_url(initiative)).content.decode()
    url = reverse("initiatives:staff_grant", args=[initiative.pk])
    data = {"grant-kind": "mentoring", "grant-date": "2026-04-02"}
    response = client.post(url, data)
    assert response.status_code == 302
    assert "once the initiative is approved" in client.get(response["Location"]).content.decode()
    assert not SupportGrant.objects.exists()


def test_it_shows_the_whole_timeline_and_the_reports_to_staff(
    client, initiative_factory, staff_malmo, member
):
    """Staff see every event, internal ones marked, and the group's reports."""
    initiative = initiative_factory(S.ACTIVE)
    services.add_comment(
        initiative=initiative, actor=fresh(staff_malmo), body="Bara för personalen", internal=True
    )
    services.add_report(
        initiative=initiative,
        actor=fresh(member),
        data=report_data(done="Tre samtal i Rosengård"),
        notify=False,
    )
    login(client, staff_malmo)
    page = client.get(detail_url(initiative)).content.decode()
    assert "Bara för personalen" in page
    assert "Staff only" in page
    assert "Tre samtal i Rosengård" in page
    assert "15 000 kr och handledning." in page  # the support terms
