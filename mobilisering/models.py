from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AccountPreference(models.Model):
    """What the portal remembers about a person beyond their account: the language they use.

    Emails to a person (a decision on their group, a reply to their proposal) go out in the
    language they last used the portal in.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="preference",
        verbose_name=_("user"),
    )
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )

    class Meta:
        verbose_name = _("account preference")
        verbose_name_plural = _("account preferences")

    def __str__(self) -> str:
        return f"{self.user} ({self.language})"
