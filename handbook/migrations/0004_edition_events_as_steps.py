"""An edition's publishing was logged as a word in the editor's language ("publicerad"); it is
now the step ("publish"/"unpublish"), which the log names in the reader's language."""

from django.db import migrations

WORDS = {
    "published": "publish",
    "publicerad": "publish",
    "unpublished": "unpublish",
    "avpublicerad": "unpublish",
}


def words_to_steps(apps, schema_editor):
    HandbookEvent = apps.get_model("handbook", "HandbookEvent")
    for word, step in WORDS.items():
        HandbookEvent.objects.filter(action="edition", transition="", text__iexact=word).update(
            transition=step, text=""
        )


def steps_to_words(apps, schema_editor):
    HandbookEvent = apps.get_model("handbook", "HandbookEvent")
    for step, word in [("publish", "published"), ("unpublish", "unpublished")]:
        HandbookEvent.objects.filter(action="edition", transition=step).update(
            transition="", text=word
        )


class Migration(migrations.Migration):
    dependencies = [("handbook", "0003_example_written_language")]

    operations = [migrations.RunPython(words_to_steps, steps_to_words)]
