"""Assessment entries on the timeline were stored as words in the saver's language
("ansvarsutkrävande: 3/5"); they become data ({"criterion": …, "score": …}) that the timeline
names in the reader's language. Grants of the former kind "network" become "contacts", the
name the proposal gives the same support."""

import re

from django.db import migrations
from django.utils import translation

# The criteria's labels as they were saved (English source and Swedish catalogue).
CRITERIA = {
    "participation": ["participation", "delaktighet"],
    "non_discrimination": ["non-discrimination", "icke-diskriminering"],
    "empowerment": ["empowerment", "egenmakt"],
    "accountability": ["accountability", "ansvarsutkrävande"],
    "feasibility": ["feasibility", "genomförbarhet"],
}
SAVED = re.compile(r"^\s*(?P<label>.+?)\s*:\s*(?P<score>[1-5])\s*/\s*5\s*$")


def _labels() -> dict[str, str]:
    """Every known label (lower case) -> criterion, the catalogue's current words included."""
    labels = {}
    for criterion, words in CRITERIA.items():
        for word in words:
            labels[word.lower()] = criterion
        with translation.override("sv"):
            labels[translation.gettext(words[0]).lower()] = criterion
    return labels


def events_to_data(apps, schema_editor):
    InitiativeEvent = apps.get_model("initiatives", "InitiativeEvent")
    labels = _labels()
    for event in InitiativeEvent.objects.filter(kind="assessment", data={}).iterator():
        match = SAVED.match(event.text or "")
        criterion = match and labels.get(match["label"].lower())
        if not criterion:
            continue  # not words the portal wrote: kept as they are
        event.data = {"criterion": criterion, "score": int(match["score"])}
        event.text = ""
        event.save(update_fields=["data", "text"])


def data_to_events(apps, schema_editor):
    InitiativeEvent = apps.get_model("initiatives", "InitiativeEvent")
    for event in InitiativeEvent.objects.filter(kind="assessment").exclude(data={}).iterator():
        criterion = event.data.get("criterion", "")
        label = CRITERIA.get(criterion, [criterion])[0]
        event.text = f"{label}: {event.data.get('score')}/5"
        event.data = {}
        event.save(update_fields=["data", "text"])


def network_to_contacts(apps, schema_editor):
    apps.get_model("initiatives", "SupportGrant").objects.filter(kind="network").update(
        kind="contacts"
    )


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0007_language_event_data_attachment_one_support_kind")]

    operations = [
        migrations.RunPython(events_to_data, data_to_events),
        # Going back, the earlier list's grants of this kind were called "network".
        migrations.RunPython(
            network_to_contacts,
            lambda apps, schema_editor: apps.get_model("initiatives", "SupportGrant")
            .objects.filter(kind="contacts")
            .update(kind="network"),
        ),
    ]
