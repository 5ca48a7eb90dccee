from collections.abc import Iterable, Sequence
from functools import cache

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.functional import LazyObject, empty
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from mobilisering.markdown import (
    RENDERER,
    SUMMARY_WORDS,
    plain_summary,
    render_markdown,
    source_key,
    stored_entry,
    summary_of_lead,
)


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


def markdown_columns(model, fields: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """Each Markdown field's columns: its translations where django-modeltranslation keeps one
    per language (`introduction_sv`, `introduction_en`), else the field itself.

    Works on the models of migrations too, which know the columns but not the translations."""
    names = {model_field.name for model_field in model._meta.concrete_fields}
    codes = [code for code, _name in settings.LANGUAGES]
    columns = {}
    for name in fields:
        translated = tuple(f"{name}_{code}" for code in codes if f"{name}_{code}" in names)
        columns[name] = translated or (name,)
    return columns


def rendered_texts(
    obj, columns: Iterable[str], previous: dict | None = None, memo: dict | None = None
) -> dict:
    """What `obj` stores of its Markdown `columns` (see RenderedMarkdown): a render of each
    text written, taken over from `previous` where the text and the renderer are the same, from
    `memo` ({text: entry}, for bulk inserts that repeat texts) where given."""
    if not previous or previous.get("renderer") != RENDERER:
        previous = {}
    rendered = {"renderer": RENDERER}
    for column in columns:
        text = getattr(obj, column) or ""
        if not text:
            continue
        entry = previous.get(column)
        if not entry or entry.get("source") != source_key(text):
            entry = memo.get(text) if memo is not None else None
            if entry is None:
                entry = stored_entry(text)
                if memo is not None:
                    memo[text] = entry
        rendered[column] = entry
    return rendered


class RenderedMarkdown(models.Model):
    """A model whose Markdown fields (`markdown_fields`) are kept rendered in `rendered`.

    A page of twenty groups then shows twenty stored descriptions instead of rendering twenty
    texts. `save()` renders what changed; bulk inserts call `render_markdown_fields()` (see
    `mobilisering.scale.insert`); a data migration fills existing rows (`fill_rendered`).
    Pages read through `markdown_html` and `markdown_summary`, which show a stored render only
    while it is the render of the text as it is now by the current renderer, and render the
    text otherwise: a row written past `save()` never shows an old or unsanitised text.

    `rendered` holds {"renderer": RENDERER, column: {"source", "html", "lead"}, …}, one entry
    per column written (each language of a translated field)."""

    markdown_fields: Sequence[str] = ()

    rendered = models.JSONField(
        _("rendered text"),
        default=dict,
        blank=True,
        editable=False,
        help_text=_("The Markdown fields as HTML, made when they are saved."),
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is None:
            self.render_markdown_fields()
        else:
            columns = self.markdown_field_columns()
            written = {*columns, *(c for names in columns.values() for c in names)}
            if written & set(update_fields):
                self.render_markdown_fields()
                kwargs["update_fields"] = {*update_fields, "rendered"}
        super().save(*args, **kwargs)

    @classmethod
    def markdown_field_columns(cls) -> dict[str, tuple[str, ...]]:
        return _model_markdown_columns(cls)

    def render_markdown_fields(self, memo: dict | None = None) -> None:
        """Render the Markdown fields into `rendered` (unchanged texts keep their render)."""
        columns = [c for names in self.markdown_field_columns().values() for c in names]
        self.rendered = rendered_texts(self, columns, self.rendered, memo)


@cache
def _model_markdown_columns(model) -> dict[str, tuple[str, ...]]:
    return markdown_columns(model, model.markdown_fields)


def _stored(obj, field: str, text: str) -> dict | None:
    """The stored render of `obj.field`'s `text`, if `obj` keeps one that is current."""
    if isinstance(obj, LazyObject):  # a page's lazy context (mobilisering/fragments.py)
        if obj._wrapped is empty:
            obj._setup()
        obj = obj._wrapped
    # A deferred `rendered` is not fetched row by row: the text is rendered instead.
    rendered = obj.__dict__.get("rendered") if isinstance(obj, RenderedMarkdown) else None
    if not rendered or rendered.get("renderer") != RENDERER:
        return None
    key = source_key(text)
    # A translated field shows one of its languages (or the fallback): the one whose text it is.
    for column in obj.markdown_field_columns().get(field, ()):
        entry = rendered.get(column)
        if entry and entry.get("source") == key:
            return entry
    return None


def markdown_html(obj, field: str) -> SafeString:
    """`obj.field` (Markdown) as sanitised HTML: the stored render where it is current."""
    text = getattr(obj, field) or ""
    if not text:
        return mark_safe("")
    entry = _stored(obj, field, text)
    if entry is None:
        return render_markdown(text)
    return mark_safe(entry["html"])  # noqa: S308 - nh3's output, stored as it was made


def markdown_summary(obj, field: str, words: int = SUMMARY_WORDS) -> SafeString:
    """`obj.field`'s first `words` words as escaped plain text (see `plain_summary`), from the
    stored render where it is current."""
    text = getattr(obj, field) or ""
    if not text:
        return mark_safe("")
    entry = _stored(obj, field, text) if words <= SUMMARY_WORDS else None
    if entry is None:
        return plain_summary(text, words)
    return mark_safe(summary_of_lead(entry["lead"], words))  # noqa: S308 - escaped there


def fill_rendered(model, fields: Sequence[str], batch_size: int = 500) -> int:
    """Render the Markdown `fields` of each row of `model` whose `rendered` is missing or stale,
    and return how many were: for the data migration that adds the column (`model` is then the
    migration's model, without save()) and `manage.py render_markdown`."""
    columns = [c for names in markdown_columns(model, fields).values() for c in names]
    memo: dict = {}
    rows = model._default_manager.order_by("pk").only("pk", "rendered", *columns)
    batch, changed = [], 0
    for row in rows.iterator(chunk_size=batch_size):
        if len(memo) > 10_000:
            memo.clear()
        rendered = rendered_texts(row, columns, row.rendered, memo)
        if rendered == row.rendered:
            continue
        row.rendered = rendered
        batch.append(row)
        if len(batch) >= batch_size:
            model._default_manager.bulk_update(batch, ["rendered"])
            changed += len(batch)
            batch = []
    if batch:
        model._default_manager.bulk_update(batch, ["rendered"])
        changed += len(batch)
    return changed


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
