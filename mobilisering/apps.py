from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MobiliseringConfig(AppConfig):
    name = "mobilisering"
    verbose_name = _("Mobilisering")
