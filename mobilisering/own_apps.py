"""The portal's own apps: the ones whose pages, sections, search kinds and content areas this
app gathers. Kept apart from apps.py, whose ready() imports the modules that ask for them."""

from pathlib import Path

from django.apps import apps
from django.conf import settings


def own_app_configs():
    """The portal's own apps (those in the project's folder, not the libraries'), in the order
    of INSTALLED_APPS."""
    return [
        config for config in apps.get_app_configs() if Path(config.path).parent == settings.BASE_DIR
    ]
