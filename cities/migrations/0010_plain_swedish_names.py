"""The names readers know, in the hubs and themes that 0002 wrote.

The Malmö hub is run by Skånes Stadsmission; the hubs' introductions speak of the city mission,
not of a "hub"; and the themes name the conventions as Swedish readers know them
("ESK-konventionen", "funktionsrättskonventionen") instead of their English abbreviations. Only
the words are replaced, so text that staff have since rewritten is left as they wrote it.
"""

from django.db import migrations

# (old, new) in the order they are applied: the longer names before the parts they contain.
ARTICLES = [
    ("FN:s förklaring", "FN:s allmänna förklaring"),
    ("ICESCR", "ESK-konventionen"),
    ("ICCPR", "konventionen om medborgerliga och politiska rättigheter"),
    ("CRPD", "funktionsrättskonventionen"),
    ("CEDAW", "kvinnokonventionen"),
    ("ICERD", "rasdiskrimineringskonventionen"),
]
INTRODUCTIONS_SV = [
    ("Hubben erbjuder", "Stadsmissionen erbjuder"),
    ("Hubben stöttar", "Stadsmissionen stöttar"),
    ("driver grupper egna projekt", "driver grupper egna initiativ"),
]
INTRODUCTIONS_EN = [
    ("The hub offers", "The City Mission offers"),
    ("The hub supports", "The City Mission supports"),
    ("run their own projects", "run their own initiatives"),
]
MISSION_NAMES = [("Skåne Stadsmission", "Skånes Stadsmission")]


def _replace(text: str, pairs) -> str:
    for old, new in pairs:
        if new not in text:
            text = text.replace(old, new)
    return text


def forwards(apps, schema_editor, *, reverse=False):
    City = apps.get_model("cities", "City")
    RightsTheme = apps.get_model("cities", "RightsTheme")

    def pairs(items):
        return [(new, old) for old, new in reversed(items)] if reverse else items

    for city in City.objects.all():
        city.mission_name = _replace(city.mission_name, pairs(MISSION_NAMES))
        city.introduction_sv = _replace(city.introduction_sv or "", pairs(INTRODUCTIONS_SV))
        city.introduction = city.introduction_sv
        city.introduction_en = _replace(city.introduction_en or "", pairs(INTRODUCTIONS_EN))
        city.save(
            update_fields=["mission_name", "introduction", "introduction_sv", "introduction_en"]
        )
    for theme in RightsTheme.objects.all():
        theme.articles = _replace(theme.articles, pairs(ARTICLES))
        theme.save(update_fields=["articles"])


def backwards(apps, schema_editor):
    forwards(apps, schema_editor, reverse=True)


class Migration(migrations.Migration):
    dependencies = [("cities", "0009_decisions_into_group_events")]

    operations = [migrations.RunPython(forwards, backwards)]
