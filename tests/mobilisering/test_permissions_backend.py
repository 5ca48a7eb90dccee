"""A person's permissions, held directly or through a group, are read in one query, and with
their cities where those are asked first."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cities.permissions import staff_city_ids
from tests.conftest import PASSWORD, make_city_staff, make_user
from tests.initiatives.conftest import fresh

pytestmark = pytest.mark.django_db


def publish_example() -> Permission:
    return Permission.objects.get(content_type__app_label="handbook", codename="publish_example")


def test_it_reads_direct_and_group_permissions_in_one_query():
    direct = make_user("direkt@example.org")
    direct.user_permissions.add(publish_example())
    via_group = make_user("grupp@example.org")
    editors = Group.objects.create(name="Redaktörer")
    editors.permissions.add(publish_example())
    via_group.groups.add(editors)
    nobody = make_user("ingen@example.org")
    for user, expected in [(direct, True), (via_group, True), (nobody, False)]:
        user = fresh(user)
        with CaptureQueriesContext(connection) as queries:
            assert user.has_perm("handbook.publish_example") is expected
            assert user.has_perm("handbook.change_example") is False
            assert user.has_module_perms("handbook") is expected
        assert len(queries) == 1


def test_it_reads_a_persons_cities_and_permissions_in_one_query(city_malmo, city_stockholm):
    """Whichever they hold: cities and permissions, cities only, permissions only, neither."""
    editor_in_two = make_city_staff("redaktor@example.org", city_malmo, city_stockholm)
    editor_in_two.user_permissions.add(publish_example())
    staff = make_city_staff("personal@example.org", city_malmo)
    editor = make_user("redaktor2@example.org")
    editor.user_permissions.add(publish_example())
    nobody = make_user("ingen@example.org")
    for user, cities, editing in [
        (editor_in_two, {city_malmo.pk, city_stockholm.pk}, True),
        (staff, {city_malmo.pk}, False),
        (editor, set(), True),
        (nobody, set(), False),
    ]:
        user = fresh(user)
        with CaptureQueriesContext(connection) as queries:
            assert staff_city_ids(user) == cities
            assert user.has_perm("handbook.publish_example") is editing
            assert user.has_perm("handbook.change_example") is False
        assert len(queries) == 1, user


def test_it_reads_the_cities_alone_once_the_permissions_are_known(city_malmo):
    staff = fresh(make_city_staff("personal@example.org", city_malmo))
    staff.user_permissions.add(publish_example())
    assert staff.has_perm("handbook.publish_example")
    assert staff_city_ids(staff) == {city_malmo.pk}
    inactive = fresh(make_city_staff("inaktiv@example.org", city_malmo))
    inactive.is_active = False
    inactive.user_permissions.add(publish_example())
    assert staff_city_ids(inactive) == {city_malmo.pk}
    assert not inactive.has_perm("handbook.publish_example")


def test_inactive_people_hold_nothing_and_the_administrator_everything():
    inactive = make_user("inaktiv@example.org", is_active=False)
    inactive.user_permissions.add(publish_example())
    assert not fresh(inactive).has_perm("handbook.publish_example")
    admin = fresh(make_user("admin@example.org", is_superuser=True))
    assert admin.has_perm("handbook.publish_example")
    assert "handbook.publish_example" in admin.get_all_permissions()


def test_people_still_sign_in_and_stay_signed_in(client):
    make_user("person@example.org")
    response = client.post(
        "/sv/accounts/login/",
        {"login": "person@example.org", "password": PASSWORD},
    )
    assert response.status_code == 302
    assert client.get("/sv/my/").status_code == 200
