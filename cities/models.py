import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mobilisering import images, search
from mobilisering.models import RenderedMarkdown, written_language_field

INVITATION_LIFETIME = timedelta(days=14)
# The longest texts people may write, in characters: long enough for any real answer, short
# enough that no page carries a book.
LONG_TEXT = 5000
PAGE_TEXT = 10000


class City(RenderedMarkdown):
    """A city hub of the programme, run by that city's City Mission."""

    slug = models.SlugField(_("slug"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    introduction = models.TextField(
        _("introduction"), max_length=PAGE_TEXT, blank=True, help_text=_("Markdown.")
    )
    mission_name = models.CharField(_("city mission"), max_length=150)
    contact_email = models.EmailField(_("contact email"))
    ordering = models.PositiveSmallIntegerField(_("ordering"), default=0)

    markdown_fields = ("introduction",)

    class Meta:
        verbose_name = _("city")
        verbose_name_plural = _("cities")
        ordering = ["ordering", "slug"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("cities:detail", args=[self.slug])


class DiscriminationGround(models.TextChoices):
    """The seven grounds of the Swedish Discrimination Act (diskrimineringslagen 1 kap. 4 §)."""

    SEX = "sex", _("sex")
    TRANSGENDER = "transgender", _("transgender identity or expression")
    ETHNICITY = "ethnicity", _("ethnicity")
    RELIGION = "religion", _("religion or other belief")
    DISABILITY = "disability", _("disability")
    SEXUAL_ORIENTATION = "sexual_orientation", _("sexual orientation")
    AGE = "age", _("age")


class RightsTheme(models.Model):
    """An area of human rights that local groups work on (housing, health, asylum …)."""

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=100)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    articles = models.CharField(
        _("human-rights articles"),
        max_length=255,
        blank=True,
        help_text=_("For example: UDHR art. 25, ICESCR art. 11."),
    )
    discrimination_ground = models.CharField(
        _("discrimination ground"), max_length=30, choices=DiscriminationGround, blank=True
    )
    ordering = models.PositiveSmallIntegerField(_("ordering"), default=0)

    class Meta:
        verbose_name = _("rights theme")
        verbose_name_plural = _("rights themes")
        ordering = ["ordering", "slug"]

    def __str__(self) -> str:
        return self.name


class CityStaff(models.Model):
    """A member of a City Mission's staff, working for one city; a person may hold several."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="city_staff",
        verbose_name=_("user"),
    )
    city = models.ForeignKey(
        City, on_delete=models.CASCADE, related_name="staff", verbose_name=_("city")
    )

    class Meta:
        verbose_name = _("city staff")
        verbose_name_plural = _("city staff")
        constraints = [models.UniqueConstraint("user", "city", name="unique_city_staff")]

    def __str__(self) -> str:
        return f"{self.user} – {self.city}"


# What the portal-wide search reads of a group (mobilisering/search.py).
GROUP_DOCUMENT = search.Document(a=("name",), b=("description",), c=("rights_gaps",))


class LocalGroup(RenderedMarkdown):
    """A local group, association or network that takes part in the programme."""

    class Kind(models.TextChoices):
        ASSOCIATION = "association", _("association")
        INFORMAL = "informal", _("informal group")
        NETWORK = "network", _("network")
        FAITH = "faith", _("faith community")
        OTHER = "other", _("other")

    class Status(models.TextChoices):
        PENDING = "pending", _("pending approval")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")
        ARCHIVED = "archived", _("archived")

    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=170, unique=True)
    city = models.ForeignKey(
        City, on_delete=models.PROTECT, related_name="groups", verbose_name=_("city")
    )
    kind = models.CharField(
        _("kind of group"), max_length=20, choices=Kind, default=Kind.ASSOCIATION
    )
    description = models.TextField(_("description"), max_length=LONG_TEXT, help_text=_("Markdown."))
    themes = models.ManyToManyField(
        RightsTheme, related_name="groups", blank=True, verbose_name=_("themes")
    )
    rights_gaps = models.TextField(
        _("rights gaps the group sees"), max_length=LONG_TEXT, blank=True
    )
    website = models.URLField(_("website"), blank=True)
    contact_email = models.EmailField(_("contact email"))
    open_to_cooperation = models.BooleanField(_("open to cooperation"), default=True)
    founded_year = models.PositiveSmallIntegerField(_("founded (year)"), null=True, blank=True)
    logo = models.ImageField(
        _("logo"),
        upload_to=images.upload_to("groups/logos"),
        width_field="logo_width",
        height_field="logo_height",
        blank=True,
    )
    logo_width = models.PositiveIntegerField(null=True, editable=False)
    logo_height = models.PositiveIntegerField(null=True, editable=False)
    logo_renditions = models.JSONField(default=list, blank=True, editable=False)
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.PENDING)
    decision_message = models.TextField(_("decision message"), max_length=LONG_TEXT, blank=True)
    # The language the group wrote its profile in: pages in the other language mark the text
    # with it, and emails to its admins and its contact address use it.
    language = written_language_field()
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="GroupMembership",
        related_name="local_groups",
        verbose_name=_("members"),
    )
    search_sv = GROUP_DOCUMENT.column("sv")
    search_en = GROUP_DOCUMENT.column("en")

    markdown_fields = ("description",)

    class Meta:
        verbose_name = _("local group")
        verbose_name_plural = _("local groups")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                "city",
                name="unique_group_name_per_city",
                violation_error_message=_(
                    "A group with this name already exists in the city. Choose another name."
                ),
            ),
        ]
        # The directory and the hubs list approved groups by name (in a city or all), the home
        # page the newest decisions: each ordering is one of these, to the unique id.
        indexes = [
            models.Index(fields=["status", "name", "id"], name="group_status_name"),
            models.Index(fields=["status", "city", "name", "id"], name="group_status_city_name"),
            models.Index(fields=["status", "decided_at", "id"], name="group_status_decided"),
            search.DocumentIndex(fields=["search_sv"], name="group_search_sv"),
            search.DocumentIndex(fields=["search_en"], name="group_search_en"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("cities:group_detail", args=[self.slug])

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.APPROVED


class GroupMembership(models.Model):
    class Role(models.TextChoices):
        ADMIN = "admin", _("administrator")
        MEMBER = "member", _("member")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="group_memberships",
        verbose_name=_("user"),
    )
    group = models.ForeignKey(
        LocalGroup, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("group")
    )
    role = models.CharField(_("role"), max_length=10, choices=Role, default=Role.MEMBER)
    created_at = models.DateTimeField(_("joined at"), auto_now_add=True)

    class Meta:
        verbose_name = _("group membership")
        verbose_name_plural = _("group memberships")
        constraints = [models.UniqueConstraint("user", "group", name="unique_group_membership")]

    def __str__(self) -> str:
        return f"{self.user} – {self.group} ({self.get_role_display()})"


def new_token() -> str:
    return secrets.token_urlsafe(32)


def invitation_expiry():
    return timezone.now() + INVITATION_LIFETIME


class GroupInvitation(models.Model):
    """An emailed invitation to join a group; its token is single use and expires."""

    group = models.ForeignKey(
        LocalGroup, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("group")
    )
    email = models.EmailField(_("email"))
    role = models.CharField(
        _("role"), max_length=10, choices=GroupMembership.Role, default=GroupMembership.Role.MEMBER
    )
    token = models.CharField(
        _("token"), max_length=64, unique=True, default=new_token, editable=False
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    # The inviter's language, since nothing is known yet of the invited person's.
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"), default=invitation_expiry)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepted by"),
    )

    class Meta:
        verbose_name = _("group invitation")
        verbose_name_plural = _("group invitations")

    def __str__(self) -> str:
        return f"{self.email} → {self.group}"

    @property
    def is_expired(self) -> bool:
        return timezone.now() >= self.expires_at

    @property
    def is_usable(self) -> bool:
        return self.accepted_at is None and not self.is_expired


class GroupDecision(models.Model):
    """The log of staff decisions on a group: who decided what, when, with which message."""

    class Action(models.TextChoices):
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")
        ARCHIVED = "archived", _("archived")

    group = models.ForeignKey(
        LocalGroup, on_delete=models.CASCADE, related_name="decisions", verbose_name=_("group")
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    action = models.CharField(_("decision"), max_length=20, choices=Action)
    message = models.TextField(_("message"), max_length=LONG_TEXT, blank=True)
    created_at = models.DateTimeField(_("decided at"), auto_now_add=True)

    class Meta:
        verbose_name = _("group decision")
        verbose_name_plural = _("group decisions")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.group}: {self.get_action_display()}"


class GroupEvent(models.Model):
    """The audit trail of a group: every write a service makes, who made it and when.

    `data` holds facts (field names, a role, an address), never words: the log is rendered in
    the reader's language when it is shown (`summary`).
    """

    class Kind(models.TextChoices):
        REGISTERED = "registered", _("registered")
        UPDATED = "updated", _("profile changed")
        LOGO_CHANGED = "logo_changed", _("logo changed")
        DECIDED = "decided", _("decided")
        INVITED = "invited", _("invited")
        INVITATION_REVOKED = "invitation_revoked", _("invitation withdrawn")
        INVITATION_ACCEPTED = "invitation_accepted", _("invitation accepted")
        ROLE_CHANGED = "role_changed", _("role changed")
        MEMBER_REMOVED = "member_removed", _("member removed")
        MEMBER_LEFT = "member_left", _("member left")

    group = models.ForeignKey(
        LocalGroup, on_delete=models.CASCADE, related_name="events", verbose_name=_("group")
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    # The person a membership event is about (added, removed, given another role).
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("member"),
    )
    kind = models.CharField(_("what happened"), max_length=30, choices=Kind)
    data = models.JSONField(_("details"), default=dict, blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("group event")
        verbose_name_plural = _("group events")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["group", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.group}: {self.get_kind_display()}"

    @property
    def summary(self) -> str:
        """The details in the reader's language: which fields, which decision, which role."""
        data = self.data
        if self.kind == self.Kind.UPDATED:
            labels = [
                str(LocalGroup._meta.get_field(name).verbose_name)
                for name in data.get("fields", [])
                if name in GROUP_EVENT_FIELDS
            ]
            return ", ".join(labels)
        if self.kind == self.Kind.DECIDED:
            return GroupDecision.Action(data["action"]).label if "action" in data else ""
        role = GroupMembership.Role(data["role"]).label if "role" in data else ""
        return " · ".join(str(part) for part in (data.get("email", ""), role) if part)


# The profile's fields a GroupEvent may name (the others change only through their own events).
GROUP_EVENT_FIELDS = {
    "name",
    "kind",
    "description",
    "rights_gaps",
    "website",
    "contact_email",
    "open_to_cooperation",
    "founded_year",
    "themes",
}
