"""`Cache-Control: no-store, private` by rule (mobilisering/privacy.py): every route is either
covered by the rule or listed here as public, so a new view cannot forget it."""

import pytest
from django.urls import URLResolver, get_resolver, reverse

from initiatives.models import Status
from mobilisering.privacy import is_private_path
from tests.conftest import login
from tests.initiatives.conftest import make_initiative
from tests.trainings.conftest import make_registration, make_session

# Public pages: anonymous visitors get them cacheable. A signed-in person gets every page with
# no-store (the rule), so whatever such a page shows only to its members (a draft initiative,
# a pending group, a private attachment) is covered that way.
PUBLIC = {
    "healthz",
    "robots_txt",
    "sitemap",
    "media",
    "home",
    "privacy",
    "accessibility",
    "search",
    "cities:list",
    "cities:detail",
    "cities:group_list",
    "cities:group_detail",
    "cities:group_contact",
    "initiatives:list",
    "initiatives:feed",
    "initiatives:detail",
    "initiatives:attachment",
    "trainings:calendar",
    "trainings:feed",
    "trainings:session_ics",
    "trainings:session",
    "trainings:course",
    "handbook:story_list",
    "handbook:feed",
    "handbook:story",
    "handbook:index",
    "handbook:pdf",
    "handbook:edition",
    "handbook:chapter",
}


def routes(patterns=None, prefix="", namespace=""):
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from routes(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        else:
            yield prefix + str(pattern.pattern), pattern.callback, f"{namespace}{pattern.name}"


def test_every_route_is_private_by_rule_or_listed_as_public():
    unclassified = []
    public_seen = set()
    for route, view, name in routes():
        if is_private_path(route.lstrip("^")):
            continue  # /staff/, /my/, /accounts/, /admin/: every response.
        if getattr(view, "private_page", False):
            continue  # Personal without an account (a secret link): every response.
        if hasattr(view, "login_url"):
            continue  # Login required: anonymous visitors get a redirect, people no-store.
        if name in PUBLIC:
            public_seen.add(name)
            continue
        unclassified.append(f"{route} ({name})")
    assert unclassified == [], (
        "Mark these views with @private_page (mobilisering.privacy) or, if anonymous visitors "
        f"may cache them, list them in PUBLIC: {unclassified}"
    )
    assert public_seen == PUBLIC  # No stale names.


def no_store(response) -> bool:
    directives = {part.strip() for part in response.get("Cache-Control", "").split(",")}
    return {"no-store", "private"} <= directives


@pytest.mark.django_db
def test_public_pages_stay_cacheable_for_anonymous_visitors(client):
    for url in [reverse("home"), reverse("privacy"), reverse("trainings:calendar")]:
        response = client.get(url)
        assert response.status_code == 200
        assert not no_store(response)


@pytest.mark.django_db
def test_every_page_of_a_signed_in_person_is_no_store(client, person):
    login(client, person)
    for url in [reverse("home"), reverse("my"), reverse("account_email"), reverse("my_delete")]:
        response = client.get(url)
        assert response.status_code == 200
        assert no_store(response), url


@pytest.mark.django_db
def test_the_login_page_and_a_training_manage_link_are_no_store_without_an_account(
    client, city_malmo
):
    registration = make_registration(make_session(city_malmo), "amina@example.org")
    for url in [reverse("account_login"), registration.get_absolute_url()]:
        response = client.get(url)
        assert response.status_code == 200
        assert no_store(response), url


@pytest.mark.django_db
def test_staff_lists_their_print_view_and_csv_are_no_store(client, staff_malmo, city_malmo):
    session = make_session(city_malmo)
    login(client, staff_malmo)
    for name in [
        "trainings:staff_participants",
        "trainings:staff_participants_print",
        "trainings:staff_participants_csv",
    ]:
        response = client.get(reverse(name, args=[session.pk]))
        assert response.status_code == 200
        assert no_store(response), name


@pytest.mark.django_db
def test_a_groups_draft_and_members_page_are_no_store(client, city_malmo, staff_malmo):
    from tests.conftest import make_group, make_user

    maja = make_user("maja@example.org")
    group = make_group("Rosengårds röster", city_malmo, admins=[maja])
    draft = make_initiative(group, member=maja, staff=staff_malmo, status=Status.DRAFT)
    login(client, maja)
    for url in [
        draft.get_absolute_url(),
        reverse("cities:group_members", args=[group.slug]),
        reverse("cities:group_edit", args=[group.slug]),
    ]:
        response = client.get(url)
        assert response.status_code == 200
        assert no_store(response), url
