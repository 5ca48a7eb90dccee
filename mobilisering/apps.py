from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.urls import register_converter
from django.utils.translation import gettext_lazy as _

from mobilisering.converters import TokenConverter


class MobiliseringConfig(AppConfig):
    name = "mobilisering"
    verbose_name = _("Mobilisering")

    def ready(self):
        register_converter(TokenConverter, "token")
        from mobilisering import fragments, search

        fragments.connect()
        # The search's text indexes follow the apps' tables and the registry's documents.
        post_migrate.connect(search.sync_text_indexes, sender=self)
