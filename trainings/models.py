import secrets

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cities.models import PAGE_TEXT, City, LocalGroup
from mobilisering import search
from mobilisering.models import RenderedMarkdown, written_language_field

# What the portal-wide search reads of a course (its sessions are found through it).
COURSE_DOCUMENT = search.Document(
    a=("title",), b=("summary", "topics"), c=("description",), translated=True
)


class Course(RenderedMarkdown):
    """A short training on human rights or social mobilisation, given as one or more sessions."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=150)
    summary = models.CharField(_("summary"), max_length=300)
    description = models.TextField(
        _("description"), max_length=PAGE_TEXT, blank=True, help_text=_("Markdown.")
    )
    topics = models.CharField(
        _("topics"),
        max_length=300,
        blank=True,
        help_text=_("Separated by commas, for example: the UDHR, discrimination law."),
    )
    typical_length = models.CharField(
        _("typical length"),
        max_length=100,
        blank=True,
        help_text=_("For example: three hours, or two evenings."),
    )
    ordering = models.PositiveSmallIntegerField(_("ordering"), default=0)
    search_sv = COURSE_DOCUMENT.column("sv")
    search_en = COURSE_DOCUMENT.column("en")

    markdown_fields = ("description",)

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        ordering = ["ordering", "slug"]
        indexes = [
            search.DocumentIndex(fields=["search_sv"], name="course_search_sv"),
            search.DocumentIndex(fields=["search_en"], name="course_search_en"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("trainings:course", args=[self.slug])

    @property
    def topic_list(self) -> list[str]:
        return [topic.strip() for topic in self.topics.split(",") if topic.strip()]


def session_timing_errors(*, starts_at, ends_at, signup_closes_at=None) -> dict[str, list[str]]:
    """What is wrong with a session's times, by field ({} when nothing is): the one statement of
    the rule that the staff form, the services and the admin ask (the database's check
    constraint `session_ends_after_start` is its last word)."""
    errors: dict[str, list[str]] = {}
    if starts_at and ends_at and ends_at <= starts_at:
        errors["ends_at"] = [_("The session must end after it starts.")]
    if starts_at and signup_closes_at and signup_closes_at > starts_at:
        errors["signup_closes_at"] = [_("Sign-up must close before the session starts.")]
    return errors


class Session(models.Model):
    """One occasion of a course: hosted by a city hub's staff, at a venue or online."""

    class Language(models.TextChoices):
        SWEDISH = "sv", _("Swedish")
        ENGLISH = "en", _("English")

    course = models.ForeignKey(
        Course, on_delete=models.PROTECT, related_name="sessions", verbose_name=_("course")
    )
    city = models.ForeignKey(
        City,
        on_delete=models.PROTECT,
        related_name="training_sessions",
        verbose_name=_("hosting city"),
        help_text=_("The hub whose staff run the session, also when it is online."),
    )
    is_online = models.BooleanField(_("online"), default=False)
    venue_name = models.CharField(_("venue"), max_length=150, blank=True)
    venue_address = models.CharField(
        _("address"),
        max_length=250,
        blank=True,
        help_text=_("For an online session: how to join is emailed to participants."),
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    capacity = models.PositiveSmallIntegerField(_("seats"))
    language = models.CharField(
        _("language of instruction"), max_length=5, choices=Language, default=Language.SWEDISH
    )
    signup_closes_at = models.DateTimeField(_("sign-up closes at"))
    is_cancelled = models.BooleanField(_("cancelled"), default=False)
    cancel_message = models.TextField(_("cancellation message"), max_length=3000, blank=True)
    # The language staff wrote the session's own text in (the venue, the cancellation message),
    # which modeltranslation does not translate; `language` is the language of instruction.
    written_language = written_language_field()
    contact = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("staff contact"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="session_ends_after_start",
                violation_error_message=_("The session must end after it starts."),
            ),
            models.CheckConstraint(
                condition=Q(capacity__gte=1),
                name="session_has_seats",
                violation_error_message=_("A session needs at least one seat."),
            ),
        ]
        indexes = [
            models.Index(fields=["starts_at", "city"]),
            # The upcoming sessions (not cancelled, after now) in the calendar's order, all
            # cities and one city's (the hub), read from the index without a sort.
            models.Index(fields=["is_cancelled", "starts_at", "id"], name="session_upcoming_idx"),
            models.Index(
                fields=["city", "is_cancelled", "starts_at", "id"],
                name="session_city_upcoming_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.course} – {self.starts_at:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("trainings:session", args=[self.pk])

    @property
    def is_past(self) -> bool:
        return self.starts_at <= timezone.now()

    @property
    def is_open_for_signup(self) -> bool:
        return not self.is_cancelled and timezone.now() < min(self.signup_closes_at, self.starts_at)

    @property
    def closed_reason(self) -> str:
        """Why people cannot sign up now, for the page and the form ('' while open)."""
        if self.is_cancelled:
            return _("This session has been cancelled.")
        if self.is_past:
            return _("This session has already taken place.")
        if not self.is_open_for_signup:
            return _("Sign-up for this session has closed.")
        return ""

    @property
    def seats_left(self) -> int:
        """Free seats; needs the `confirmed_count` annotation (trainings.selectors)."""
        return max(self.capacity - self.confirmed_count, 0)

    @property
    def location_text(self) -> str:
        if self.is_online:
            return str(_("Online"))
        return ", ".join(part for part in (self.venue_name, self.venue_address) if part)


def new_manage_token() -> str:
    return secrets.token_urlsafe(32)


# The waiting list's order, everywhere: the place a person is told, the staff list, the CSV and
# who is promoted. A stable key, so the queue holds whatever the timestamps say.
WAITLIST_ORDER = ("created_at", "id")


class Registration(models.Model):
    """A person's sign-up for a session; no account needed, managed through a secret link."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("confirmed")
        WAITLISTED = "waitlisted", _("on the waiting list")
        CANCELLED = "cancelled", _("cancelled")

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("session")
    )
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("email"))
    local_group = models.ForeignKey(
        LocalGroup,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="training_registrations",
        verbose_name=_("local group"),
    )
    organisation = models.CharField(_("organisation"), max_length=150, blank=True)
    access_needs = models.TextField(_("access needs"), max_length=1000, blank=True)
    consent = models.BooleanField(_("consent to the privacy notice"), default=False)
    language = models.CharField(_("language"), max_length=5, default="sv")
    status = models.CharField(_("status"), max_length=20, choices=Status)
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    token = models.CharField(
        _("manage token"), max_length=64, unique=True, default=new_manage_token, editable=False
    )
    created_at = models.DateTimeField(_("registered at"), default=timezone.now)
    promoted_at = models.DateTimeField(_("promoted at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = list(WAITLIST_ORDER)
        constraints = [
            # One active registration per address and session, whatever the letter case.
            models.UniqueConstraint(
                Lower("email"),
                "session",
                condition=~Q(status="cancelled") & Q(anonymised_at__isnull=True),
                name="unique_active_registration_per_email",
            ),
        ]
        indexes = [models.Index(fields=["session", "status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.name} – {self.session}"

    def get_absolute_url(self) -> str:
        return reverse("trainings:registration", args=[self.token])

    @property
    def is_active(self) -> bool:
        return self.status != self.Status.CANCELLED


class SessionEvent(models.Model):
    """One entry of a session's log (its audit trail): who changed, cancelled or emailed it.

    `data` holds facts only (how many people, which fields, the subject staff wrote), never
    translated text: the participant page renders the words in the reader's language.
    """

    class Kind(models.TextChoices):
        CREATED = "created", _("session created")
        UPDATED = "updated", _("session changed")
        CANCELLED = "cancelled", _("session cancelled")
        EMAILED = "emailed", _("participants emailed")
        ATTENDANCE = "attendance", _("attendance marked")
        PROMOTED = "promoted", _("moved from the waiting list")
        REGISTRATION_CANCELLED = "registration_cancelled", _("registration cancelled by staff")

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="events", verbose_name=_("session")
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind)
    data = models.JSONField(_("details"), default=dict, blank=True)
    created_at = models.DateTimeField(_("time"), default=timezone.now)

    class Meta:
        verbose_name = _("session event")
        verbose_name_plural = _("session events")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["session", "created_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.session_id}"
