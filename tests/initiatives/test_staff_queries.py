"""The staff start page, the queue and the review page run a fixed number of queries whatever
the number of initiatives, events, grants, comments, assessments and reports (same count with 2
and 40), within the 12 of a page."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from cities.models import RightsTheme
from initiatives.models import (
    Assessment,
    Comment,
    Criterion,
    Initiative,
    InitiativeEvent,
    Report,
    Status,
    SupportGrant,
)
from mobilisering.models import OutgoingEmail
from tests.conftest import count_queries, login, make_group
from tests.initiatives.conftest import make_initiative

S = Status
pytestmark = pytest.mark.django_db


# The status that puts an initiative in each section (submitted 30 days ago: overdue too).
SECTION_STATUS = {
    "new": S.SUBMITTED,
    "in_review": S.IN_REVIEW,
    "waiting": S.CHANGES_REQUESTED,
    "overdue": S.IN_REVIEW,
    "all": S.APPROVED,
}


def add_initiatives(group, staff, n: int, status: str) -> None:
    """`n` initiatives in `status`, submitted 30 days ago, each with two themes, some assigned."""
    old = timezone.now() - datetime.timedelta(days=30)
    created = Initiative.objects.bulk_create(
        Initiative(
            group=group,
            city=group.city,
            title=f"Förslag {i}",
            status=status,
            submitted_at=old,
            assigned_to=staff if i % 2 else None,
        )
        for i in range(n)
    )
    themes = list(RightsTheme.objects.all()[:2])
    for initiative in created:
        initiative.themes.set(themes)


@pytest.mark.parametrize("section", SECTION_STATUS)
def test_the_queue_runs_a_fixed_number_of_queries(client, group, staff_malmo, section):
    """Each section, filtered by a theme too: the same count with 2 and with 40 initiatives."""
    login(client, staff_malmo)
    url = reverse("initiatives:staff_queue")
    theme = RightsTheme.objects.first()
    add_initiatives(group, staff_malmo, 2, SECTION_STATUS[section])
    small = count_queries(client, url, {"section": section})
    small_filtered = count_queries(client, url, {"section": section, "theme": theme.slug})
    add_initiatives(group, staff_malmo, 38, SECTION_STATUS[section])
    assert count_queries(client, url, {"section": section}) == small
    assert count_queries(client, url, {"section": section, "theme": theme.slug}) == small_filtered
    assert small <= 12 and small_filtered <= 12, (small, small_filtered)


def add_history(initiative, staff, member, n: int) -> None:
    """`n` events, grants, internal comments and progress reports (and every assessment)."""
    InitiativeEvent.objects.bulk_create(
        InitiativeEvent(initiative=initiative, actor=staff, kind="comment", text=f"Notering {i}", visible_to_group=False)  # noqa: E501
        for i in range(n)
    )  # fmt: skip
    grants = SupportGrant.objects.bulk_create(
        SupportGrant(initiative=initiative, kind="funding", amount_sek=1000 + i, recorded_by=staff)
        for i in range(n)
    )
    InitiativeEvent.objects.bulk_create(
        InitiativeEvent(initiative=initiative, actor=staff, kind="grant", grant=grant)
        for grant in grants
    )
    Comment.objects.bulk_create(
        Comment(initiative=initiative, author=staff, body=f"Intern {i}", internal=True)
        for i in range(n)
    )
    day = datetime.date(2026, 3, 1)
    reports = Report.objects.bulk_create(
        Report(
            initiative=initiative,
            author=member,
            period_start=day,
            period_end=day,
            done=f"Rapport {i}",
            people_reached=i,
            activities_held=1,
            volunteers=2,
        )
        for i in range(n)
    )
    InitiativeEvent.objects.bulk_create(
        InitiativeEvent(initiative=initiative, actor=member, kind="report", report=report)
        for report in reports
    )
    for criterion in Criterion:
        Assessment.objects.update_or_create(
            initiative=initiative, criterion=criterion, defaults={"score": 3, "reviewer": staff}
        )


@pytest.mark.parametrize("status", [S.IN_REVIEW, S.ACTIVE])
def test_the_review_page_runs_a_fixed_number_of_queries(client, group, member, staff_malmo, status):
    """The review page: the same count with 2 and with 40 events, grants, comments, reports."""
    initiative = make_initiative(
        group, member=member, staff=staff_malmo, status=status,
        partners=[make_group("Partnergrupp", group.city)],
        themes=list(RightsTheme.objects.all()[:3]),
    )  # fmt: skip
    login(client, staff_malmo)
    url = reverse("initiatives:staff_detail", args=[initiative.pk])
    add_history(initiative, staff_malmo, member, 2)
    small = count_queries(client, url)
    add_history(initiative, staff_malmo, member, 38)
    assert count_queries(client, url) == small
    assert count_queries(client, url, {"page": 2, "notes": 3}) == small
    # The session, the person, their cities with their permissions, the initiative (with the
    # counts of its events and internal comments, its assessments and the emails held up), its
    # themes, partners, grants, reports and attachments, a page of events and of comments, the
    # city's staff.
    assert small <= 12, small


def test_the_review_page_tells_of_the_emails_held_up(client, group, member, staff_malmo):
    """The word of emails held up, read with the initiative: failed ones and ones waiting for a
    retry count, sent ones do not."""
    initiative = make_initiative(group, member=member, staff=staff_malmo, status=S.IN_REVIEW)
    login(client, staff_malmo)
    url = reverse("initiatives:staff_detail", args=[initiative.pk])
    assert "staff-nav__mail" not in client.get(url).content.decode()

    Email = OutgoingEmail.Status
    for status, attempts in [(Email.FAILED, 6), (Email.QUEUED, 2), (Email.SENT, 1)]:
        OutgoingEmail.objects.create(
            status=status, attempts=attempts, from_email="a@example.org", subject="Hej", body="."
        )
    page = client.get(url).content.decode()
    assert 'data-undelivered="2"' in page


# --- With the queue's every kind of initiative, 3 or 30 of them --------------------------------

QUEUE_STATUSES = [Status.SUBMITTED, Status.IN_REVIEW, Status.CHANGES_REQUESTED, Status.ACTIVE]


def add_waiting(group, staff, numbers):
    """Initiatives of `group` in turn submitted, in review (assigned to `staff`), waiting for
    changes and active; every other one submitted a month ago (overdue) and planned to end
    then (an active one's final report is due), each with three themes."""
    themes = list(RightsTheme.objects.all()[:3])
    month_ago = timezone.now() - datetime.timedelta(days=30)
    for number in numbers:
        status = QUEUE_STATUSES[number % len(QUEUE_STATUSES)]
        submitted = month_ago if number % 2 else timezone.now()
        initiative = Initiative.objects.create(
            group=group,
            city=group.city,
            title=f"Förslag {number:02d}",
            status=status,
            kind_of_work="advocacy",
            submitted_at=submitted,
            planned_start=submitted.date(),
            planned_end=month_ago.date() if number % 2 else timezone.localdate(),
            assigned_to=staff if status == Status.IN_REVIEW else None,
        )
        initiative.themes.set(themes)


def test_the_staff_start_page_counts_3_or_30_initiatives_in_the_same_queries(
    client, group, staff_malmo
):
    """What waits for staff: the same queries with 3 and with 30 initiatives waiting, and
    within 12 (the initiatives' four counts are one query)."""
    login(client, staff_malmo)
    url = reverse("staff_home")
    add_waiting(group, staff_malmo, range(3))
    small = count_queries(client, url)
    add_waiting(group, staff_malmo, range(3, 30))
    assert small == count_queries(client, url) <= 12
    # Groups waiting, new, overdue, assigned to me, final reports due, sessions to watch.
    html = client.get(url).content.decode()
    assert re.findall(r'class="attention__count">(\d+)<', html) == ["0", "8", "8", "8", "7", "0"]


@pytest.mark.parametrize(
    "query",
    [
        "",
        "?section=in_review&reviewer=me",
        "?section=overdue",
        "?section=all&page=4",
        "?section=all&city=malmo&theme=participation&status=submitted",
    ],
)
def test_the_staff_queue_shows_3_or_30_initiatives_in_the_same_queries(
    client, group, staff_malmo, monkeypatch, query
):
    """Each tab of the queue, a deep page and the filters: the same queries with 3 and with
    30 initiatives (two a page), within 12."""
    monkeypatch.setattr("initiatives.staff_views.PAGE_SIZE", 2)
    login(client, staff_malmo)
    url = reverse("initiatives:staff_queue") + query
    add_waiting(group, staff_malmo, range(3))
    small = count_queries(client, url)
    add_waiting(group, staff_malmo, range(3, 30))
    assert small == count_queries(client, url) <= 12
