from django.apps import AppConfig
from django.urls import register_converter
from django.utils.translation import gettext_lazy as _

from mobilisering.converters import TokenConverter


class MobiliseringConfig(AppConfig):
    name = "mobilisering"
    verbose_name = _("Mobilisering")

    def ready(self):
        register_converter(TokenConverter, "token")
        from mobilisering import fragments

        fragments.connect()
