from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _


def current_language() -> str:
    """The portal's language in this request (or the default): what new text is written in."""
    language = (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def written_language_field():
    """The language a person wrote a model's free text in, kept with the text.

    Pages in the other language mark that text with `lang` (the `lang_attr` filter), so a screen
    reader reads a Swedish description with a Swedish voice on an English page. New text takes
    the language the portal was shown in when it was written."""
    return models.CharField(
        _("written in"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=current_language,
        help_text=_("The language the text was written in."),
    )


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


class OutgoingEmail(models.Model):
    """One message in the outbox: stored, fully rendered, in the transaction of the change it
    tells about, then delivered by a task (mobilisering.tasks.deliver_email).

    The row is the truth about a message: a task that runs twice finds it sent and does nothing.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    from_email = models.CharField(_("from"), max_length=320)
    to = models.JSONField(_("to"), default=list)
    cc = models.JSONField(_("cc"), default=list, blank=True)
    bcc = models.JSONField(_("bcc"), default=list, blank=True)
    reply_to = models.JSONField(_("reply to"), default=list, blank=True)
    subject = models.CharField(_("subject"), max_length=998)
    body = models.TextField(_("body"))
    # [{"content": …, "mimetype": …}], e.g. allauth's HTML part.
    alternatives = models.JSONField(_("alternatives"), default=list, blank=True)
    # [{"filename": …, "mimetype": …, "content": text, "base64": bool}], e.g. the calendar file.
    attachments = models.JSONField(_("attachments"), default=list, blank=True)
    headers = models.JSONField(_("headers"), default=dict, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    claimed_at = models.DateTimeField(_("sending since"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing email")
        verbose_name_plural = _("outgoing emails")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outbox_due_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["queued", "sending", "sent", "failed"]),
                name="outgoing_email_status_valid",
            )
        ]

    def __str__(self) -> str:
        return f"{self.subject} → {', '.join(self.to)} ({self.status})"


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


class PersonalDataLog(models.Model):
    """Who took a copy of their data or deleted their account, and when.

    Kept for accountability (a person asks what happened to their data; the data controller
    shows it was handed over or erased). It names no one once the account is deleted: `user`
    is then the anonymised placeholder.
    """

    class Action(models.TextChoices):
        EXPORT = "export", _("data exported")
        DELETION = "deletion", _("account deleted")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("user"),
    )
    action = models.CharField(_("action"), max_length=20, choices=Action)
    created_at = models.DateTimeField(_("time"), auto_now_add=True)

    class Meta:
        verbose_name = _("personal data log entry")
        verbose_name_plural = _("personal data log")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} ({self.created_at:%Y-%m-%d %H:%M})"


class PurgeRun(models.Model):
    """One run of `manage.py purge_personal_data`, with what each retention rule removed."""

    started_at = models.DateTimeField(_("started at"))
    finished_at = models.DateTimeField(_("finished at"))
    # {"rule": count}, e.g. {"unverified_accounts": 2, "expired_invitations": 0}.
    counts = models.JSONField(_("counts"), default=dict)

    class Meta:
        verbose_name = _("purge run")
        verbose_name_plural = _("purge runs")
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return f"{self.started_at:%Y-%m-%d %H:%M}"


class ContentChange(models.Model):
    """A change to one area of the portal's content (an app's rows), for the cached fragments.

    A row is inserted in the same transaction as the change it records, so the change and the
    fresh version become visible together and no two writers wait on one counter. The newest id
    of an area is its version: a fragment cached under an older version is never shown again
    (mobilisering/fragments.py). Old rows are pruned as new ones come in."""

    id = models.BigAutoField(primary_key=True)
    area = models.CharField(max_length=40)

    class Meta:
        indexes = [models.Index(fields=["area", "id"], name="content_change_area_idx")]

    def __str__(self) -> str:
        return f"{self.area} #{self.id}"
