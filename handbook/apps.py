from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HandbookConfig(AppConfig):
    name = "handbook"
    verbose_name = _("Handbook")

    def ready(self):
        # The handbook reacts to the initiatives app's signals; initiatives never imports it.
        from handbook import receivers  # noqa: F401
