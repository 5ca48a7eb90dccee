"""Helpers for the initiatives tests: complete proposals, initiatives moved to any state through
the services (so their timelines are real), and the people around them."""

import datetime

import pytest

from cities.models import RightsTheme
from initiatives import services
from initiatives.models import Initiative, Status
from tests.conftest import make_city_staff, make_group, make_user


def proposal_data(**overrides) -> dict:
    """Every answer a complete proposal gives."""
    data = {
        "title": "Röster från Rosengård",
        "summary": "Vi samlar boendes erfarenheter och lämnar dem till stadens politiker.",
        "right_at_stake": "Rätten att delta i beslut som rör en själv.",
        "rights_holders": "Boende i Rosengård, särskilt unga.",
        "location": "Rosengård, Malmö",
        "evidence": "Vi har intervjuat 40 grannar och gått igenom stadens protokoll.",
        "themes": list(RightsTheme.objects.filter(slug="participation")),
        "people_concerned": "Unga och vuxna i stadsdelen, som själva leder samtalen.",
        "goals": "Att staden håller samråd på tider och språk som fler kan delta i.",
        "activities": "Fyra öppna samtal, en rapport och ett möte med politiker.",
        "kind_of_work": "advocacy",
        "planned_start": datetime.date(2026, 3, 1),
        "planned_end": datetime.date(2026, 9, 30),
        "budget_sek": 20000,
        "cost_breakdown": "Lokal 6 000 kr, tolkar 8 000 kr, tryck 6 000 kr.",
        "support_requested": ["funding", "mentoring"],
    }
    data.update(overrides)
    return data


def report_data(**overrides) -> dict:
    data = {
        "period_start": datetime.date(2026, 3, 1),
        "period_end": datetime.date(2026, 5, 31),
        "done": "Två öppna samtal med 35 deltagare.",
        "people_reached": 35,
        "activities_held": 2,
        "volunteers": 6,
        "outcomes": "Stadsdelsförvaltningen har bjudit in oss.",
        "lessons": "Tolkning gör stor skillnad.",
    }
    data.update(overrides)
    return data


# The path from a new draft to each state, as (transition, who) steps.
PATHS = {
    Status.DRAFT: [],
    Status.SUBMITTED: [("submit", "member")],
    Status.IN_REVIEW: [("submit", "member"), ("start_review", "staff")],
    Status.CHANGES_REQUESTED: [
        ("submit", "member"),
        ("start_review", "staff"),
        ("request_changes", "staff"),
    ],
    Status.APPROVED: [("submit", "member"), ("start_review", "staff"), ("approve", "staff")],
    Status.ACTIVE: [
        ("submit", "member"),
        ("start_review", "staff"),
        ("approve", "staff"),
        ("start", "member"),
    ],
    Status.COMPLETED: [
        ("submit", "member"),
        ("start_review", "staff"),
        ("approve", "staff"),
        ("start", "member"),
        ("final_report", "member"),
        ("complete", "staff"),
    ],
    Status.DECLINED: [("submit", "member"), ("start_review", "staff"), ("decline", "staff")],
    Status.WITHDRAWN: [("submit", "member"), ("withdraw", "member")],
    Status.DISCONTINUED: [
        ("submit", "member"),
        ("start_review", "staff"),
        ("approve", "staff"),
        ("start", "member"),
        ("discontinue", "staff"),
    ],
}


def fresh(user):
    """The same person without the per-request permission caches (as on their next request)."""
    return type(user).objects.get(pk=user.pk)


def make_initiative(group, *, member, staff=None, status=Status.DRAFT, notify=False, **overrides):
    """An initiative of `group` moved to `status` through the services (member and staff act)."""
    initiative = services.create_draft(
        group=group, actor=fresh(member), data=proposal_data(**overrides)
    )
    for name, who in PATHS[Status(status)]:
        actor = fresh(member if who == "member" else staff)
        if name == "final_report":
            services.add_report(
                initiative=initiative,
                actor=actor,
                data=report_data(consent_to_feature=True),
                final=True,
                notify=notify,
            )
            continue
        services.transition(
            initiative=initiative,
            name=name,
            actor=actor,
            message="Ett meddelande till gruppen.",
            support_terms="15 000 kr och handledning." if name == "approve" else "",
            notify=notify,
        )
    initiative.refresh_from_db()
    return initiative


@pytest.fixture
def member(db):
    """Maja: a member of Rosengårds röster (Malmö)."""
    return make_user("maja@example.org", first_name="Maja")


@pytest.fixture
def group_admin(db):
    """Adam: the admin of Rosengårds röster."""
    return make_user("adam@example.org", first_name="Adam")


@pytest.fixture
def group(city_malmo, member, group_admin):
    """Rosengårds röster: an approved Malmö group."""
    return make_group("Rosengårds röster", city_malmo, admins=[group_admin], members=[member])


@pytest.fixture
def other_member(city_malmo):
    """Otto: a member of another Malmö group."""
    user = make_user("otto@example.org", first_name="Otto")
    make_group("Tillgängligt Malmö", city_malmo, admins=[user])
    return user


@pytest.fixture
def editor(db):
    """Elin: a handbook editor who is not city staff."""
    return make_user("elin.editor@example.org", first_name="Elin")


@pytest.fixture
def staff_malmo_2(city_malmo):
    """Mikael: a second member of the Malmö staff."""
    return make_city_staff("mikael.staff@example.org", city_malmo)


@pytest.fixture
def initiative_factory(group, member, staff_malmo):
    def factory(status=Status.DRAFT, **overrides) -> Initiative:
        return make_initiative(group, member=member, staff=staff_malmo, status=status, **overrides)

    return factory
