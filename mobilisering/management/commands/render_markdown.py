from django.apps import apps
from django.core.management.base import BaseCommand

from mobilisering.models import RenderedMarkdown, fill_rendered


class Command(BaseCommand):
    help = (
        "Store the rendered HTML of every Markdown text whose stored render is missing or was "
        "made by another renderer (after an upgrade of markdown-it-py or nh3, or a change of "
        "the allow-lists). Pages render such texts on every view until this runs; safe to run "
        "at any time."
    )

    def handle(self, *args, **options):
        for model in apps.get_models():
            if issubclass(model, RenderedMarkdown):
                changed = fill_rendered(model, model.markdown_fields)
                self.stdout.write(f"{model._meta.label}: {changed}")
