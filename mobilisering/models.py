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


class FormSubmission(models.Model):
    """A create-form's one-time key, spent by the first post that creates something.

    A double click or a reload posts the same key again: the service finds it spent and answers
    with what the first post created, instead of creating a second draft, report or message. The
    unique constraint decides between two posts at the same moment, on every worker.
    """

    action = models.CharField(_("action"), max_length=60)
    key = models.CharField(_("key"), max_length=64)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("user"),
    )
    result_id = models.BigIntegerField(_("result"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("form submission")
        verbose_name_plural = _("form submissions")
        constraints = [
            models.UniqueConstraint("action", "key", name="unique_form_submission"),
        ]

    def __str__(self) -> str:
        return f"{self.action} {self.key}"
