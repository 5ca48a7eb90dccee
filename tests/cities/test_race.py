"""Two groups registering the same name at the same moment: both in different cities get in,
under different slugs; in the same city one gets in and the other hears the name is taken."""

import threading

import pytest
from django.db import connection, connections

from cities import services
from cities.models import LocalGroup
from tests.conftest import make_group, make_user

needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: SQLite serialises whole transactions, so threads cannot race there "
    "(run with scripts/with-postgres)",
)


def register(user, city, name="Grannar för rättvisa"):
    return services.register_group(
        actor=user,
        name=name,
        city=city,
        kind="association",
        description="Vi är grannar.",
        contact_email="kontakt@grannar.example.org",
    )


@pytest.mark.django_db
def test_it_takes_the_next_slug_when_the_chosen_one_was_taken_meanwhile(
    monkeypatch, city_malmo, city_stockholm
):
    """As if another registration had committed the same slug between choosing and saving."""
    make_group("Grannar för rättvisa", city_stockholm, slug="grannar-for-rattvisa")
    chosen = iter(["grannar-for-rattvisa"])
    real = services._unique_slug
    monkeypatch.setattr(
        services,
        "_unique_slug",
        lambda name, city_slug: next(chosen, None) or real(name, city_slug),
    )
    group = register(make_user("alma@example.org"), city_malmo)
    assert group.slug == "grannar-for-rattvisa-malmo"
    assert LocalGroup.objects.filter(name="Grannar för rättvisa").count() == 2


def _race(monkeypatch, registrations):
    """Run the registrations at once, each having chosen its slug before either saves."""
    barrier = threading.Barrier(len(registrations))
    real = services._unique_slug
    first_choice = threading.local()

    def slug_then_wait(name, city_slug):
        slug = real(name, city_slug)
        if not getattr(first_choice, "done", False):
            first_choice.done = True
            barrier.wait(timeout=10)
        return slug

    monkeypatch.setattr(services, "_unique_slug", slug_then_wait)
    results: list = []

    def run(user, city):
        try:
            results.append(register(user, city))
        except services.GroupError as error:
            results.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=args) for args in registrations]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_it_registers_both_groups_of_one_name_in_two_cities_at_once(
    monkeypatch, city_malmo, city_stockholm
):
    alma, bo = make_user("alma@example.org"), make_user("bo@example.org")
    results = _race(monkeypatch, [(alma, city_malmo), (bo, city_stockholm)])
    assert all(isinstance(result, LocalGroup) for result in results), results
    slugs = sorted(LocalGroup.objects.values_list("slug", flat=True))
    assert len(slugs) == 2 and len(set(slugs)) == 2
    assert "grannar-for-rattvisa" in slugs


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_it_registers_one_of_two_groups_of_one_name_in_one_city(monkeypatch, city_malmo):
    alma, bo = make_user("alma@example.org"), make_user("bo@example.org")
    results = _race(monkeypatch, [(alma, city_malmo), (bo, city_malmo)])
    groups = [result for result in results if isinstance(result, LocalGroup)]
    errors = [result for result in results if isinstance(result, services.GroupError)]
    assert len(groups) == 1 and len(errors) == 1
    assert "finns redan" in errors[0].message
    assert LocalGroup.objects.count() == 1
