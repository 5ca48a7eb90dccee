"""Pages run a fixed number of queries whatever the number of initiatives, events or grants."""

import pytest
from django.urls import reverse

from cities.models import RightsTheme
from initiatives import services
from initiatives.models import Status
from tests.conftest import count_queries, login, make_group
from tests.initiatives.conftest import fresh, make_initiative, report_data

pytestmark = pytest.mark.django_db


def add_public(group, member, staff, n):
    themes = list(RightsTheme.objects.all()[:3])
    for i in range(n):
        make_initiative(
            group, member=member, staff=staff, status=Status.APPROVED, title=f"Initiativ {i}",
            themes=themes,
        )  # fmt: skip


def test_it_lists_2_or_40_initiatives_with_the_same_queries(client, group, member, staff_malmo):
    """The public list: same count with 2 and 40 initiatives (paginated, themes prefetched)."""
    url = reverse("initiatives:list")
    add_public(group, member, staff_malmo, 2)
    small = count_queries(client, url)
    add_public(group, member, staff_malmo, 38)
    assert count_queries(client, url) == small
    filtered = f"{url}?city=malmo&theme=participation&kind=advocacy&status=approved&page=2"
    assert count_queries(client, filtered) == small


def _grow(initiative, member, staff, n):
    """n messages, grants, and progress reports on an approved initiative."""
    member, staff = fresh(member), fresh(staff)
    for i in range(n):
        services.add_comment(initiative=initiative, actor=staff, body=f"Meddelande {i}")
        services.add_comment(initiative=initiative, actor=staff, body=f"Intern {i}", internal=True)
        services.record_grant(
            initiative=initiative, actor=staff, kind="funding", amount_sek=100 + i, public=i % 2
        )
        services.add_report(initiative=initiative, actor=member, data=report_data(), notify=False)


@pytest.mark.parametrize("who", ["anonymous", "member", "staff_malmo"])
def test_it_shows_the_detail_page_with_2_or_40_events_and_grants_in_the_same_queries(
    client, request, group, member, staff_malmo, who
):
    """The detail page, for a visitor, a member (timeline) and staff: same count with 2 and
    with 40 messages, grants and reports."""
    partner = make_group("Partnergrupp", group.city)
    initiative = make_initiative(
        group, member=member, staff=staff_malmo, status=Status.APPROVED, partners=[partner],
        themes=list(RightsTheme.objects.all()[:3]),
    )  # fmt: skip
    if who != "anonymous":
        user = request.getfixturevalue(who)
        login(client, user)
    url = initiative.get_absolute_url()
    _grow(initiative, member, staff_malmo, 2)
    small = count_queries(client, url)
    _grow(initiative, member, staff_malmo, 38)
    assert count_queries(client, url) == small


def test_it_shows_my_page_with_the_same_queries_for_2_or_40_initiatives(
    client, group, member, staff_malmo
):
    """/my/ with the initiatives section: fixed, however many the groups have."""
    login(client, member)
    url = reverse("my")
    for i in range(2):
        make_initiative(group, member=member, staff=staff_malmo, title=f"Utkast {i}")
    small = count_queries(client, url)
    for i in range(38):
        make_initiative(group, member=member, staff=staff_malmo, title=f"Utkast {i}")
    assert count_queries(client, url) == small


def test_it_shows_the_hub_and_group_sections_with_fixed_queries(client, group, member, staff_malmo):
    """The city hub and the group profile list public initiatives in fixed queries."""
    hub = reverse("cities:detail", args=[group.city.slug])
    profile = group.get_absolute_url()
    add_public(group, member, staff_malmo, 2)
    small = count_queries(client, hub), count_queries(client, profile)
    add_public(group, member, staff_malmo, 38)
    assert (count_queries(client, hub), count_queries(client, profile)) == small


@pytest.mark.parametrize("page", ["1", "4"])
def test_the_list_stays_within_12_queries_on_a_deep_page(
    client, group, member, staff_malmo, monkeypatch, page
):
    """The first and a deep page (the last one at the small size) run the same queries with 2
    and 12 initiatives, never more than 12, and show that page's initiatives, newest first
    (the second batch of ten, "Initiativ 0" to "Initiativ 9", is the newer)."""
    monkeypatch.setattr("initiatives.views.PAGE_SIZE", 2)
    url = f"{reverse('initiatives:list')}?page={page}"
    add_public(group, member, staff_malmo, 2)
    small = count_queries(client, url)
    add_public(group, member, staff_malmo, 10)
    assert small == count_queries(client, url) <= 12
    html = client.get(url).content.decode()
    shown = [i for i in range(10) if f"Initiativ {i}<" in html]
    assert shown == ([8, 9] if page == "1" else [2, 3])
