"""Shared fixtures: named people in their roles, and small `make_*` helpers.

App-specific helpers live in `tests/<app>/conftest.py`.
"""

import importlib
import io

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.cache import cache, caches
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

PASSWORD = "a-long-test-password-42"


def login(client, user_or_email):
    """`client`, signed in as a person (or the email address they sign in with); fails the test
    at once if the login does not go through."""
    username = user_or_email if isinstance(user_or_email, str) else user_or_email.username
    assert client.login(username=username, password=PASSWORD)
    return client


def count_queries(client, url: str, params: dict | None = None) -> int:
    """The queries of one GET of `url` (status 200), after a first GET that is not counted: the
    first request of a session does one-off work, such as remembering the person's language.
    The page's kept fragments are dropped in between: what is counted is a full render, as the
    first visitor after a change gets it (a kept fragment only ever saves queries)."""
    client.get(url, params or {})
    caches["fragments"].clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(queries)


def make_user(email: str, *, password: str = PASSWORD, verified: bool = True, **fields):
    """A person with a (by default verified) email address who can log in."""
    user = get_user_model().objects.create_user(
        username=email, email=email, password=password, **fields
    )
    EmailAddress.objects.create(user=user, email=email, verified=verified, primary=True)
    return user


def make_city_staff(email: str, *cities):
    from cities.models import CityStaff

    user = make_user(email)
    for city in cities:
        CityStaff.objects.create(user=user, city=city)
    return user


@pytest.fixture
def city_malmo(db):
    from cities.models import City

    return City.objects.get(slug="malmo")


@pytest.fixture
def city_stockholm(db):
    from cities.models import City

    return City.objects.get(slug="stockholm")


@pytest.fixture
def person(db):
    """Petra: a verified account with no role."""
    return make_user("petra@example.org", first_name="Petra")


@pytest.fixture
def staff_malmo(city_malmo):
    """Mona: staff of the Malmö hub."""
    return make_city_staff("mona.staff@example.org", city_malmo)


@pytest.fixture
def staff_stockholm(city_stockholm):
    """Stig: staff of the Stockholm hub."""
    return make_city_staff("stig.staff@example.org", city_stockholm)


@pytest.fixture(autouse=True)
def seeded_hubs_and_themes(request):
    """The four hubs and the rights themes, as the data migration leaves them, in every test.

    A transactional or live-server test flushes every table when it ends, so the rows the data
    migration created are gone for the tests after it (serialized rollback does not bring them
    back under pytest-django). Re-create them, through the migration itself, when missing.
    """
    names = set(request.fixturenames)
    marker = request.node.get_closest_marker("django_db")
    if names & {"transactional_db", "live_server"} or (marker and marker.kwargs.get("transaction")):
        request.getfixturevalue("transactional_db")
    elif "db" in names or marker:
        request.getfixturevalue("db")
    else:
        return
    from django.apps import apps

    from cities.models import City, RightsTheme

    if City.objects.count() < 4 or not RightsTheme.objects.exists():
        recreate_hubs_and_themes(apps)


def recreate_hubs_and_themes(apps):
    """Run the data migrations that write the hubs and themes, in their order: 0002 creates them,
    0010 gives them the names readers know and 0012 renders their introductions. Running 0002
    alone brings back the old names."""
    importlib.import_module("cities.migrations.0002_hubs_and_themes").create(apps, None)
    importlib.import_module("cities.migrations.0010_plain_swedish_names").forwards(apps, None)
    importlib.import_module("cities.migrations.0012_rendered_markdown").render_texts(apps, None)


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Uploaded files go to a throwaway folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def fresh_rate_limits(request, seeded_hubs_and_themes):
    """No rate-limit counts from another test: they live in the cache (a database table that a
    transactional test's flush leaves alone), which outlives a test. Only for tests that use the
    database at all."""
    names = set(request.fixturenames)
    if not (names & {"db", "transactional_db", "live_server"}):
        yield
        return
    cache.clear()
    caches["fragments"].clear()
    yield
    cache.clear()


@pytest.fixture
def demo(db, settings):
    """The demo data, loaded as `manage.py seed_demo` loads it (which runs with DEBUG on only)."""
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())


@pytest.fixture(autouse=True)
def swedish():
    """Every test starts in Swedish (the default), whatever language an earlier test left
    active; `english` (asked for explicitly) runs inside it and wins."""
    with translation.override("sv"):
        yield


@pytest.fixture
def english():
    """The code under test in English, so the tests read the source texts; a module asks for it
    with `pytest.mark.usefixtures("english")`."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # Hashing at production strength makes each login take a noticeable fraction of a second.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def make_group(
    name: str,
    city,
    *,
    status: str = "approved",
    admins=(),
    members=(),
    themes=(),
    **fields,
):
    """A local group in `city` (approved unless told), with its admins and members."""
    from django.utils.text import slugify

    from cities.models import GroupMembership, LocalGroup, RightsTheme

    group = LocalGroup.objects.create(
        name=name,
        slug=fields.pop("slug", slugify(name)),
        city=city,
        status=status,
        description=fields.pop("description", f"{name} arbetar lokalt för mänskliga rättigheter."),
        contact_email=fields.pop("contact_email", f"{slugify(name)}@groups.example.org"),
        **fields,
    )
    group.themes.set(RightsTheme.objects.filter(slug__in=themes))
    for user in admins:
        GroupMembership.objects.create(user=user, group=group, role=GroupMembership.Role.ADMIN)
    for user in members:
        GroupMembership.objects.create(user=user, group=group, role=GroupMembership.Role.MEMBER)
    return group
