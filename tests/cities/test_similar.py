"""Similar groups: shared themes, across cities, those open to cooperation first."""

import pytest

from cities.selectors import similar_groups
from tests.conftest import make_group

pytestmark = pytest.mark.django_db


def test_it_ranks_open_groups_first_then_by_shared_themes(city_malmo, city_stockholm):
    group = make_group("Utgångspunkt", city_malmo, themes=["housing", "health", "education"])
    make_group(
        "Tre gemensamma, stängd",
        city_malmo,
        themes=["housing", "health", "education"],
        open_to_cooperation=False,
    )
    make_group("Två gemensamma", city_stockholm, themes=["housing", "health", "lgbtqi"])
    make_group("En gemensam", city_stockholm, themes=["education"])
    make_group("Ingen gemensam", city_malmo, themes=["lgbtqi"])
    make_group("Väntar", city_malmo, status="pending", themes=["housing", "health"])
    make_group("Arkiverad", city_malmo, status="archived", themes=["housing", "health"])
    make_group("Också två", city_malmo, themes=["health", "education"])

    ranked = similar_groups(group)
    assert [(g.name, g.shared_themes) for g in ranked] == [
        ("Också två", 2),
        ("Två gemensamma", 2),
        ("En gemensam", 1),
        ("Tre gemensamma, stängd", 3),
    ]


def test_it_finds_nothing_for_a_group_without_themes(city_malmo):
    group = make_group("Utan teman", city_malmo)
    make_group("Annan", city_malmo, themes=["housing"])
    assert similar_groups(group) == []


def test_the_profile_lists_similar_groups_across_cities(client, city_malmo, city_stockholm):
    make_group("Malmös bostadsgrupp", city_malmo, themes=["housing"])
    make_group("Stockholms bostadsgrupp", city_stockholm, themes=["housing"])
    html = client.get("/en/groups/malmos-bostadsgrupp/").content.decode()
    assert "Stockholms bostadsgrupp" in html
    assert "1 shared theme" in html
