"""The handbook: positive examples of social mobilisation (the public stories) and the editions
of the handbook that collect them in chapters.

The models hold data and constraints only. Every write that matters (creating an example, any
change of `status`, images, editions and their chapters) goes through `handbook/services.py`,
which logs it as a `HandbookEvent`. The example workflow is the one table in
`handbook/workflow.py`.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cities.models import City, LocalGroup, RightsTheme
from initiatives.models import Initiative
from mobilisering import images, search
from mobilisering.models import RenderedMarkdown, current_language, written_language_field

# What the portal-wide search reads of a story and of a handbook chapter (mobilisering/search.py).
STORY_DOCUMENT = search.Document(
    a=("title",), b=("summary",), c=("body",), d=("lessons",), translated=True
)
CHAPTER_DOCUMENT = search.Document(a=("title",), c=("introduction",), translated=True)


class Status(models.TextChoices):
    """The states of an example (see `workflow.TRANSITIONS`)."""

    DRAFT = "draft", _("draft")
    IN_REVIEW = "in_review", _("in review")
    PUBLISHED = "published", _("published")


class Example(RenderedMarkdown):
    """A positive example of social mobilisation; published examples are the public stories.

    Title, summary, body and lessons are translated (modeltranslation, Swedish fallback).
    `source_initiative`, when set, is a completed initiative whose final report consented to
    being featured; the consent is read again whenever the public side selects examples
    (`selectors.public_examples`), so a withdrawn consent takes the example off at once.
    """

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(
        _("summary"), blank=True, help_text=_("A few sentences, plain text: lists and cards.")
    )
    body = models.TextField(_("story"), blank=True, help_text=_("Markdown."))
    lessons = models.TextField(_("lessons learned"), blank=True, help_text=_("Markdown."))
    city = models.ForeignKey(
        City, on_delete=models.PROTECT, related_name="examples", verbose_name=_("city")
    )
    group = models.ForeignKey(
        LocalGroup,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="examples",
        verbose_name=_("group"),
    )
    source_initiative = models.ForeignKey(
        Initiative,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="examples",
        verbose_name=_("source initiative"),
    )
    themes = models.ManyToManyField(
        RightsTheme, related_name="examples", blank=True, verbose_name=_("themes")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status, default=Status.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    # The language the story's own (Swedish-side) text was written in: a story drafted from a
    # proposal the group wrote in English keeps English there until an editor translates it.
    language = written_language_field()
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("written by"),
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )

    search_sv = STORY_DOCUMENT.column("sv")
    search_en = STORY_DOCUMENT.column("en")

    markdown_fields = ("summary", "body", "lessons")

    class Meta:
        verbose_name = _("example")
        verbose_name_plural = _("examples")
        ordering = ["-published_at", "-pk"]
        permissions = [("publish_example", _("Can edit and publish handbook examples"))]
        indexes = [
            models.Index(fields=["status", "-published_at"]),
            search.DocumentIndex(fields=["search_sv"], name="example_search_sv"),
            search.DocumentIndex(fields=["search_en"], name="example_search_en"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=[choice.value for choice in Status]),
                name="example_status_known",
            ),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="example_published_has_date",
            ),
            # One example per initiative: starting a second one opens the first.
            models.UniqueConstraint(
                "source_initiative",
                condition=Q(source_initiative__isnull=False),
                name="one_example_per_initiative",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("handbook:story", args=[self.slug])

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED

    def language_of(self, field: str) -> str:
        """The language of `field`'s text as a page in the current language shows it: the
        page's own where a translation is written, else the text's as written (the fallback)."""
        page = current_language()
        if page != settings.LANGUAGE_CODE and getattr(self, f"{field}_{page}", ""):
            return page
        return self.language


class ExampleImage(models.Model):
    """A picture of an example, with alt text in both languages (required) and a caption.

    The file is checked and re-encoded by `mobilisering.images.clean_picture`; the renditions
    (`images.make_renditions`) are written by `services.add_image`.
    """

    example = models.ForeignKey(
        Example, on_delete=models.CASCADE, related_name="images", verbose_name=_("example")
    )
    image = models.ImageField(
        _("image"),
        upload_to=images.upload_to("stories"),
        width_field="image_width",
        height_field="image_height",
        max_length=200,
    )
    image_width = models.PositiveIntegerField(null=True, editable=False)
    image_height = models.PositiveIntegerField(null=True, editable=False)
    image_renditions = models.JSONField(default=list, blank=True, editable=False)
    alt = models.CharField(
        _("alt text"),
        max_length=300,
        help_text=_("What the picture shows, for those who cannot see it."),
    )
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    credit = models.CharField(_("photo or illustration by"), max_length=150, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("image")
        verbose_name_plural = _("images")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.alt


class Edition(RenderedMarkdown):
    """One edition of the handbook (e.g. "2015"): title, introduction, ordered chapters."""

    slug = models.SlugField(
        _("slug"), max_length=40, unique=True, help_text=_("In the address, e.g. 2015.")
    )
    title = models.CharField(_("title"), max_length=200)
    introduction = models.TextField(_("introduction"), blank=True, help_text=_("Markdown."))
    published = models.BooleanField(_("published"), default=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    markdown_fields = ("introduction",)

    class Meta:
        verbose_name = _("edition")
        verbose_name_plural = _("editions")
        ordering = ["-published_at", "-slug"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("handbook:edition", args=[self.slug])

    def get_pdf_url(self) -> str:
        return reverse("handbook:pdf", args=[self.slug])


class Chapter(RenderedMarkdown):
    """A chapter of an edition: an introduction and its examples in order."""

    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="chapters", verbose_name=_("edition")
    )
    slug = models.SlugField(_("slug"), max_length=80)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=200)
    introduction = models.TextField(_("introduction"), blank=True, help_text=_("Markdown."))
    examples = models.ManyToManyField(
        Example,
        through="ChapterExample",
        related_name="chapters",
        blank=True,
        verbose_name=_("examples"),
    )

    search_sv = CHAPTER_DOCUMENT.column("sv")
    search_en = CHAPTER_DOCUMENT.column("en")

    markdown_fields = ("introduction",)

    class Meta:
        verbose_name = _("chapter")
        verbose_name_plural = _("chapters")
        ordering = ["order", "pk"]
        indexes = [
            search.DocumentIndex(fields=["search_sv"], name="chapter_search_sv"),
            search.DocumentIndex(fields=["search_en"], name="chapter_search_en"),
        ]
        constraints = [
            models.UniqueConstraint("edition", "slug", name="unique_chapter_slug_per_edition")
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("handbook:chapter", args=[self.edition.slug, self.slug])


class ChapterExample(models.Model):
    """An example's place in a chapter."""

    chapter = models.ForeignKey(
        Chapter, on_delete=models.CASCADE, related_name="entries", verbose_name=_("chapter")
    )
    example = models.ForeignKey(
        Example, on_delete=models.CASCADE, related_name="entries", verbose_name=_("example")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("example in a chapter")
        verbose_name_plural = _("examples in chapters")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint("chapter", "example", name="unique_example_per_chapter")
        ]

    def __str__(self) -> str:
        return f"{self.chapter}: {self.example}"


class HandbookEvent(models.Model):
    """One entry of the editorial log: who did what to an example or an edition, and when."""

    class Action(models.TextChoices):
        CREATE = "create", _("created")
        EDIT = "edit", _("edited")
        TRANSITION = "transition", _("status changed")
        IMAGE = "image", _("images changed")
        CONSENT = "consent", _("consent withdrawn")
        EDITION = "edition", _("edition changed")

    example = models.ForeignKey(
        Example,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("example"),
    )
    edition = models.ForeignKey(
        Edition,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("edition"),
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    action = models.CharField(_("action"), max_length=20, choices=Action)
    transition = models.CharField(_("transition"), max_length=30, blank=True)
    from_status = models.CharField(_("from"), max_length=20, choices=Status, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=Status, blank=True)
    text = models.TextField(_("text"), blank=True)
    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("editorial event")
        verbose_name_plural = _("editorial events")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.example or self.edition}: {self.get_action_display()}"
