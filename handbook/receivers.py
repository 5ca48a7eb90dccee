"""The handbook's reactions to other apps' signals: each one calls a service."""

from django.dispatch import receiver

from handbook import services
from initiatives.signals import consent_withdrawn


@receiver(consent_withdrawn, dispatch_uid="handbook.consent_withdrawn")
def on_consent_withdrawn(sender, *, initiative, actor, **kwargs):
    services.consent_withdrawn(initiative=initiative, actor=actor)
