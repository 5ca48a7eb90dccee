"""The review queue: sections (new, in review, waiting for the group, overdue, all), filters by
city, status and theme, pagination, and the overdue rule (submitted over 14 days ago, undecided)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cities.models import CityStaff, RightsTheme
from initiatives.models import Initiative, Status
from initiatives.staff_views import PAGE_SIZE
from tests.conftest import login, make_group, make_user
from tests.initiatives.conftest import make_initiative

S = Status
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def titles(client, **params) -> list[str]:
    """The titles listed in the queue, in order, for the given query parameters."""
    response = client.get(reverse("initiatives:staff_queue"), params)
    assert response.status_code == 200
    return [initiative.title for initiative in response.context["initiatives"]]


def submitted_days_ago(initiative, days: int) -> None:
    Initiative.objects.filter(pk=initiative.pk).update(
        submitted_at=timezone.now() - datetime.timedelta(days=days)
    )


@pytest.fixture
def queue(initiative_factory):
    """One initiative in each state, titled by its state."""
    return {status: initiative_factory(status, title=f"Förslag {status}") for status in S}


def test_it_shows_each_section_with_the_right_initiatives(client, queue, staff_malmo):
    """New = submitted, in review, waiting = changes requested; all = everything but drafts."""
    login(client, staff_malmo)
    assert titles(client) == ["Förslag submitted"]
    assert titles(client, section="new") == ["Förslag submitted"]
    assert titles(client, section="in_review") == ["Förslag in_review"]
    assert titles(client, section="waiting") == ["Förslag changes_requested"]
    assert titles(client, section="overdue") == []
    every = titles(client, section="all")
    assert sorted(every) == sorted(f"Förslag {s}" for s in S if s != S.DRAFT)
    # An unknown section shows the new submissions.
    assert titles(client, section="nonsense") == ["Förslag submitted"]


def test_it_counts_each_section_in_the_tabs(client, queue, staff_malmo):
    """Each tab shows how many initiatives it holds."""
    login(client, staff_malmo)
    response = client.get(reverse("initiatives:staff_queue"))
    counts = {key: count for key, _label, count in response.context["tabs"]}
    assert counts == {"new": 1, "in_review": 1, "waiting": 1, "overdue": 0, "all": 9}


def test_it_lists_undecided_submissions_older_than_14_days_as_overdue(client, queue, staff_malmo):
    """Overdue: submitted or in review, submitted more than 14 days ago. Waiting for the group
    and decided ones are never overdue; 13 days is not yet overdue."""
    for status in S:
        if queue[status].submitted_at:
            submitted_days_ago(queue[status], 15)
    young = make_initiative(
        queue[S.DRAFT].group,
        member=queue[S.DRAFT].created_by,
        staff=None,
        status=S.SUBMITTED,
        title="Förslag ungt",
    )
    submitted_days_ago(young, 13)
    login(client, staff_malmo)
    assert titles(client, section="overdue") == ["Förslag submitted", "Förslag in_review"]
    page = client.get(reverse("initiatives:staff_queue"), {"section": "new"}).content.decode()
    assert page.count('class="overdue-flag"') == 1  # the old submission, not the young one


def test_it_filters_by_status_theme_and_city(
    client, initiative_factory, staff_malmo, staff_stockholm, city_malmo, city_stockholm
):
    """Filters narrow the section; the city filter offers only the staff member's cities."""
    housing = RightsTheme.objects.exclude(slug="participation").first()
    initiative_factory(S.SUBMITTED, title="Om delaktighet")
    initiative_factory(S.SUBMITTED, title="Om boende", themes=[housing])
    initiative_factory(S.APPROVED, title="Godkänt förslag")
    stockholm_admin = make_user("sara@example.org")
    stockholm_group = make_group("Söder tillsammans", city_stockholm, admins=[stockholm_admin])
    make_initiative(
        stockholm_group, member=stockholm_admin, staff=staff_stockholm, status=S.SUBMITTED,
        title="Stockholmsförslaget",
    )  # fmt: skip
    CityStaff.objects.create(user=staff_malmo, city=city_stockholm)
    login(client, staff_malmo)

    assert sorted(titles(client)) == ["Om boende", "Om delaktighet", "Stockholmsförslaget"]
    assert sorted(titles(client, city="malmo")) == ["Om boende", "Om delaktighet"]
    assert titles(client, city="stockholm") == ["Stockholmsförslaget"]
    assert titles(client, theme=housing.slug) == ["Om boende"]
    assert titles(client, section="all", status="approved") == ["Godkänt förslag"]
    # A status filter narrows a section further.
    assert titles(client, section="new", status="approved") == []
    # Wrong values are ignored.
    assert len(titles(client, city="atlantis", theme="nothing")) == 3

    response = client.get(reverse("initiatives:staff_queue"))
    cities = list(response.context["form"].fields["city"].queryset)
    assert sorted(city.slug for city in cities) == ["malmo", "stockholm"]
    assert city_malmo in cities


def test_it_keeps_the_filters_when_switching_sections(client, initiative_factory, staff_malmo):
    """The tabs link to the same filters in another section."""
    initiative_factory(S.SUBMITTED)
    login(client, staff_malmo)
    page = client.get(
        reverse("initiatives:staff_queue"), {"city": "malmo", "section": "new"}
    ).content.decode()
    assert "?city=malmo&amp;section=waiting" in page


def test_it_paginates_the_queue(client, group, member, staff_malmo):
    """More submissions than fit on a page continue on the next."""
    first = make_initiative(group, member=member, status=S.SUBMITTED, title="Förslag 0")
    Initiative.objects.bulk_create(
        Initiative(
            group=group,
            city=group.city,
            title=f"Förslag {n}",
            status=S.SUBMITTED,
            submitted_at=first.submitted_at + datetime.timedelta(minutes=n),
        )
        for n in range(1, PAGE_SIZE + 3)
    )
    login(client, staff_malmo)
    assert len(titles(client)) == PAGE_SIZE
    assert titles(client, page=2) == [f"Förslag {n}" for n in range(PAGE_SIZE, PAGE_SIZE + 3)]
