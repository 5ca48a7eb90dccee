"""Initiatives: a local group's own project against a rights gap, from proposal to final report.

The models hold data and constraints only. Every write that matters (creating a draft, any change
of `status`, assessments, comments, grants, reports, attachments) goes through
`initiatives/services.py`, which logs it as an `InitiativeEvent`. The workflow — which status may
follow which, who may move it, what must be given — is the one table in `initiatives/workflow.py`.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cities.models import LONG_TEXT, City, LocalGroup, RightsTheme
from mobilisering import search
from mobilisering.models import RenderedMarkdown, written_language_field


class Status(models.TextChoices):
    """The states of an initiative (see the diagram in DESIGN.md and `workflow.TRANSITIONS`).

    The labels have their own context, so that Swedish can make them agree with "initiativ"
    (godkänt, avslaget) while a group's statuses, the same English words, agree with "grupp"."""

    DRAFT = "draft", pgettext_lazy("initiative status", "draft")
    SUBMITTED = "submitted", pgettext_lazy("initiative status", "submitted")
    IN_REVIEW = "in_review", pgettext_lazy("initiative status", "in review")
    CHANGES_REQUESTED = "changes_requested", pgettext_lazy("initiative status", "changes requested")
    APPROVED = "approved", pgettext_lazy("initiative status", "approved")
    ACTIVE = "active", pgettext_lazy("initiative status", "active")
    COMPLETED = "completed", pgettext_lazy("initiative status", "completed")
    DECLINED = "declined", pgettext_lazy("initiative status", "declined")
    WITHDRAWN = "withdrawn", pgettext_lazy("initiative status", "withdrawn")
    DISCONTINUED = "discontinued", pgettext_lazy("initiative status", "discontinued")


# Anyone may read an initiative in these states; the others are private to the group and staff.
PUBLIC_STATUSES = frozenset({Status.APPROVED, Status.ACTIVE, Status.COMPLETED})
# The group edits its proposal freely in these states, never otherwise.
EDITABLE_STATUSES = frozenset({Status.DRAFT, Status.CHANGES_REQUESTED})
# The group writes progress reports and its final report in these states.
REPORTING_STATUSES = frozenset({Status.APPROVED, Status.ACTIVE})
# A group with an initiative in these states needs an administrator: a person who is its last
# one cannot delete their account (mobilisering.personal_data).
IN_PROGRESS_STATUSES = frozenset(
    {
        Status.SUBMITTED,
        Status.IN_REVIEW,
        Status.CHANGES_REQUESTED,
        Status.APPROVED,
        Status.ACTIVE,
    }
)
# Staff record support (grants) in these states.
GRANT_STATUSES = frozenset({Status.APPROVED, Status.ACTIVE, Status.COMPLETED})

# The largest numbers a form takes: far above anything real for a local group's project, far
# below the database's integer range (2 147 483 647), so a mistyped or hostile number gets a
# message instead of an error from the database.
MAX_AMOUNT_SEK = 100_000_000
MAX_PEOPLE_REACHED = 100_000_000
MAX_ACTIVITIES = 100_000


class KindOfWork(models.TextChoices):
    CONCRETE = "concrete", _("concrete effort")
    ADVOCACY = "advocacy", _("advocacy and opinion-forming")
    BOTH = "both", _("concrete effort and advocacy")


class SupportKind(models.TextChoices):
    """The kinds of support: what a group asks for in its proposal (several may be chosen) and
    what staff record as given (`SupportGrant.kind`), named the same on both sides."""

    FUNDING = "funding", _("funding")
    TRAINING = "training", _("training")
    MENTORING = "mentoring", _("mentoring")
    PREMISES = "premises", _("premises")
    CONTACTS = "contacts", _("contacts")
    COMMUNICATION = "communication", _("communication")


# What the portal-wide search reads of an initiative: only what its public page shows.
INITIATIVE_DOCUMENT = search.Document(
    a=("title",),
    b=("summary",),
    c=("right_at_stake", "rights_holders", "location", "goals"),
    d=("evidence", "people_concerned", "activities"),
)


class Initiative(RenderedMarkdown):
    """A group's project against a rights gap it has identified in its city.

    Created as a `draft` by a member of an approved group; `city` is copied from the group when
    the draft is created. Text fields may be empty while the initiative is a draft: completeness
    is checked when the group submits (`services.missing_answers`). `status` is written only by
    `services.transition`.
    """

    group = models.ForeignKey(
        LocalGroup, on_delete=models.PROTECT, related_name="initiatives", verbose_name=_("group")
    )
    city = models.ForeignKey(
        City, on_delete=models.PROTECT, related_name="initiatives", verbose_name=_("city")
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), max_length=LONG_TEXT, blank=True)
    # The rights gap: which right, for whom, where, and how the group knows.
    right_at_stake = models.TextField(
        _("which right is not respected"), max_length=LONG_TEXT, blank=True
    )
    rights_holders = models.TextField(_("for whom"), max_length=LONG_TEXT, blank=True)
    location = models.CharField(_("where"), max_length=200, blank=True)
    evidence = models.TextField(_("how the group knows"), max_length=LONG_TEXT, blank=True)
    themes = models.ManyToManyField(
        RightsTheme, related_name="initiatives", blank=True, verbose_name=_("themes")
    )
    people_concerned = models.TextField(_("people concerned"), max_length=LONG_TEXT, blank=True)
    goals = models.TextField(_("goals"), max_length=LONG_TEXT, blank=True)
    activities = models.TextField(_("planned activities"), max_length=LONG_TEXT, blank=True)
    kind_of_work = models.CharField(
        _("kind of work"), max_length=20, choices=KindOfWork, blank=True
    )
    partners = models.ManyToManyField(
        LocalGroup,
        through="InitiativePartner",
        related_name="partner_initiatives",
        blank=True,
        verbose_name=_("partner groups"),
    )
    planned_start = models.DateField(_("planned start"), null=True, blank=True)
    planned_end = models.DateField(_("planned end"), null=True, blank=True)
    budget_sek = models.PositiveIntegerField(_("budget (SEK)"), null=True, blank=True)
    cost_breakdown = models.TextField(_("cost breakdown"), max_length=LONG_TEXT, blank=True)
    # A list of SupportKind values; JSON so that it works the same on SQLite and PostgreSQL.
    support_requested = models.JSONField(_("support asked for"), default=list, blank=True)
    # Written by staff when they approve (the `approve` transition requires it).
    support_terms = models.TextField(_("support terms"), max_length=LONG_TEXT, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status, default=Status.DRAFT, db_index=True
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_initiatives",
        verbose_name=_("reviewer"),
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    # The language the group wrote the proposal in (pages in the other language mark it).
    language = written_language_field()
    search_sv = INITIATIVE_DOCUMENT.column("sv")
    search_en = INITIATIVE_DOCUMENT.column("en")

    markdown_fields = (
        "summary",
        "right_at_stake",
        "rights_holders",
        "evidence",
        "people_concerned",
        "goals",
        "activities",
    )

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        ordering = ["-created_at", "-pk"]
        # The public list, the hubs and the home page show the newest decisions first (all
        # cities or one); the staff queue filters by status and city.
        indexes = [
            models.Index(fields=["status", "decided_at", "id"], name="initiative_status_decided"),
            models.Index(
                fields=["status", "city", "decided_at", "id"], name="initiative_status_city_decided"
            ),
            models.Index(fields=["group", "status"]),
            # The staff queue and start page count a city's initiatives by status, submission,
            # reviewer and planned end from this index alone (not the wide rows), and list a
            # status by submission.
            models.Index(
                fields=["city", "status", "submitted_at", "assigned_to", "planned_end", "id"],
                name="initiative_city_status_sub",
            ),
            # The queue's "waiting" and "all" tabs, the most recently changed first.
            models.Index(fields=["city", "updated_at", "id"], name="initiative_city_updated"),
            search.DocumentIndex(fields=["search_sv"], name="initiative_search_sv"),
            search.DocumentIndex(fields=["search_en"], name="initiative_search_en"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(planned_end__isnull=True)
                | Q(planned_start__isnull=True)
                | Q(planned_end__gte=F("planned_start")),
                name="initiative_end_not_before_start",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
            models.CheckConstraint(
                condition=Q(budget_sek__isnull=True) | Q(budget_sek__gte=0),
                name="initiative_budget_not_negative",
                violation_error_message=_("The budget cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=[choice.value for choice in Status]),
                name="initiative_status_known",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("initiatives:detail", args=[self.pk])

    @property
    def is_public(self) -> bool:
        """Approved, active and completed initiatives are public."""
        return self.status in PUBLIC_STATUSES

    @property
    def is_editable(self) -> bool:
        """The group may edit the proposal (draft or changes requested)."""
        return self.status in EDITABLE_STATUSES

    def support_requested_labels(self) -> list[str]:
        """The support asked for, as translated labels in the choices' order."""
        chosen = set(self.support_requested or [])
        return [label for value, label in SupportKind.choices if value in chosen]


class InitiativePartner(models.Model):
    """Another registered group named as a partner; its admins are told and may confirm."""

    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.CASCADE,
        related_name="partnerships",
        verbose_name=_("initiative"),
    )
    group = models.ForeignKey(
        LocalGroup,
        on_delete=models.CASCADE,
        related_name="partnerships",
        verbose_name=_("partner group"),
    )
    confirmed = models.BooleanField(_("confirmed"), default=False)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("confirmed by"),
    )
    # Set when the partner's admins were told (at submission), so they are told once.
    notified_at = models.DateTimeField(_("told at"), null=True, blank=True)

    class Meta:
        verbose_name = _("partner group")
        verbose_name_plural = _("partner groups")
        constraints = [
            models.UniqueConstraint("initiative", "group", name="unique_initiative_partner")
        ]

    def __str__(self) -> str:
        return f"{self.initiative} – {self.group}"


class InitiativeEvent(models.Model):
    """One entry of an initiative's timeline (its audit trail).

    Every transition, comment, message, grant, report, assignment and assessment writes one.
    `visible_to_group` says whether the group's members see it; staff of the city see all.
    For transitions `from_status`/`to_status` hold the states and `transition` the workflow name
    ("create" for the draft's creation); grant and report events point at their object.
    """

    class Kind(models.TextChoices):
        TRANSITION = "transition", _("status change")
        COMMENT = "comment", _("internal comment")
        MESSAGE = "message", _("message")
        GRANT = "grant", _("support granted")
        REPORT = "report", _("report")
        ASSIGNMENT = "assignment", _("reviewer assigned")
        ASSESSMENT = "assessment", _("assessment")
        PARTNERSHIP = "partnership", _("partnership")
        CONSENT = "consent", _("consent to be featured withdrawn")
        ATTACHMENT = "attachment", _("file attached")

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="events", verbose_name=_("initiative")
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    transition = models.CharField(_("transition"), max_length=30, blank=True)
    from_status = models.CharField(_("from"), max_length=20, choices=Status, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=Status, blank=True)
    # What a person wrote (a message, a note), never words the portal made: those are rendered
    # from `data` in the reader's language (an assessment: {"criterion": …, "score": …}).
    text = models.TextField(_("text"), blank=True)
    data = models.JSONField(_("data"), default=dict, blank=True)
    visible_to_group = models.BooleanField(_("visible to the group"), default=True)
    # The grant or report the event is about, so the timeline can show it in the reader's language.
    grant = models.ForeignKey(
        "SupportGrant",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("support grant"),
    )
    report = models.ForeignKey(
        "Report",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("report"),
    )
    attachment = models.ForeignKey(
        "Attachment",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("attachment"),
    )
    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("initiative event")
        verbose_name_plural = _("initiative events")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["initiative", "created_at"])]

    def __str__(self) -> str:
        return f"{self.initiative}: {self.get_kind_display()}"

    @property
    def criterion_label(self) -> str:
        """An assessment's criterion, in the reader's language."""
        criterion = self.data.get("criterion", "")
        return Criterion(criterion).label if criterion in Criterion.values else criterion


class Criterion(models.TextChoices):
    """The fixed criteria staff assess a proposal against."""

    PARTICIPATION = "participation", _("participation")
    NON_DISCRIMINATION = "non_discrimination", _("non-discrimination")
    EMPOWERMENT = "empowerment", _("empowerment")
    ACCOUNTABILITY = "accountability", _("accountability")
    FEASIBILITY = "feasibility", _("feasibility")


class Assessment(models.Model):
    """Staff's score (1–5) and note for one criterion of one initiative.

    One per criterion per initiative: the city's staff keep a single shared assessment, and a
    later score replaces the earlier one (`reviewer` is who set it last; every change is also
    logged as an `assessment` event, so nothing is lost). Never shown to the group or the public.
    """

    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.CASCADE,
        related_name="assessments",
        verbose_name=_("initiative"),
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("reviewer"),
    )
    criterion = models.CharField(_("criterion"), max_length=30, choices=Criterion)
    score = models.PositiveSmallIntegerField(_("score (1–5)"))
    note = models.TextField(_("note"), max_length=LONG_TEXT, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        constraints = [
            models.UniqueConstraint(
                "initiative", "criterion", name="unique_assessment_per_criterion"
            ),
            models.CheckConstraint(
                condition=Q(score__gte=1, score__lte=5),
                name="assessment_score_1_to_5",
                violation_error_message=_("The score must be a whole number from 1 to 5."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.initiative}: {self.get_criterion_display()} {self.score}"


class Comment(models.Model):
    """A note on an initiative: `internal` ones are for the city's staff only; the others are
    messages between staff and the group, which the group's members see."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="comments", verbose_name=_("initiative")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("author"),
    )
    body = models.TextField(_("text"), max_length=LONG_TEXT)
    internal = models.BooleanField(_("internal (staff only)"), default=False)
    created_at = models.DateTimeField(_("written at"), default=timezone.now)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.initiative}: {self.body[:40]}"


# The support given is of the same kinds as the support asked for.
GrantKind = SupportKind


class SupportGrant(models.Model):
    """Support the city mission gives an approved initiative. `funding` needs an amount in SEK.

    Amounts are shown to the group and the city's staff; the public sees a grant's amount only
    when staff mark the grant `public`.
    """

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="grants", verbose_name=_("initiative")
    )
    kind = models.CharField(_("kind of support"), max_length=20, choices=GrantKind)
    amount_sek = models.PositiveIntegerField(_("amount (SEK)"), null=True, blank=True)
    date = models.DateField(_("date"), default=timezone.localdate)
    note = models.TextField(_("note"), max_length=LONG_TEXT, blank=True)
    public = models.BooleanField(_("show publicly"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        verbose_name = _("support grant")
        verbose_name_plural = _("support grants")
        ordering = ["date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="funding") | Q(amount_sek__isnull=False, amount_sek__gt=0),
                name="grant_funding_has_amount",
                violation_error_message=_("Funding needs an amount in SEK."),
            ),
            models.CheckConstraint(
                condition=Q(amount_sek__isnull=True) | Q(amount_sek__gte=0),
                name="grant_amount_not_negative",
                violation_error_message=_("The amount cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.initiative}: {self.get_kind_display()}"

    @property
    def criterion_label(self) -> str:
        """An assessment's criterion, in the reader's language."""
        criterion = self.data.get("criterion", "")
        return Criterion(criterion).label if criterion in Criterion.values else criterion


class Report(RenderedMarkdown):
    """A progress report, or the one final report, written by the group."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="reports", verbose_name=_("initiative")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("author"),
    )
    final = models.BooleanField(_("final report"), default=False)
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    done = models.TextField(_("what was done"), max_length=LONG_TEXT)
    people_reached = models.PositiveIntegerField(_("people reached"))
    activities_held = models.PositiveIntegerField(_("activities held"))
    volunteers = models.PositiveIntegerField(_("volunteers involved"))
    outcomes = models.TextField(_("outcomes"), max_length=LONG_TEXT, blank=True)
    lessons = models.TextField(_("lessons learned"), max_length=LONG_TEXT, blank=True)
    consent_to_feature = models.BooleanField(
        _("consent to be featured as a handbook example"), default=False
    )
    language = written_language_field()
    created_at = models.DateTimeField(_("written at"), default=timezone.now)

    markdown_fields = ("done", "outcomes", "lessons")

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                "initiative", condition=Q(final=True), name="one_final_report_per_initiative"
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")),
                name="report_end_not_before_start",
                violation_error_message=_("The end of the period cannot be before its start."),
            ),
            models.CheckConstraint(
                condition=Q(final=True) | Q(consent_to_feature=False),
                name="report_consent_only_on_final",
                violation_error_message=_(
                    "Consent is given on the final report. Tick “This is the final report” too."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.initiative}: {self.period_start}–{self.period_end}"


# The stored suffix follows the content type that clean_document found in the content.
ATTACHMENT_SUFFIXES = {
    "application/pdf": ".pdf",
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "image/webp": ".webp",
}


def attachment_path(instance: "Attachment", filename: str) -> str:
    # A random name: the stored path reveals nothing and cannot be guessed; files are served only
    # through the permission-checked view (initiatives:attachment). The uploader's file name,
    # suffix included, is never used: it is kept apart, in original_name.
    suffix = ATTACHMENT_SUFFIXES.get(instance.content_type, "")
    return f"initiatives/{instance.initiative_id}/{uuid.uuid4().hex}{suffix}"


class Attachment(models.Model):
    """A PDF or image attached to a proposal (report empty) or to one of its reports.

    Created only by `services.add_attachment` from a file `mobilisering.uploads.clean_document`
    has checked (by content, at most 10 MB, images re-encoded without EXIF).
    """

    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.CASCADE,
        related_name="attachments",
        verbose_name=_("initiative"),
    )
    report = models.ForeignKey(
        Report,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="attachments",
        verbose_name=_("report"),
    )
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=200)
    content_type = models.CharField(_("content type"), max_length=100)
    original_name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    created_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.original_name

    def get_absolute_url(self) -> str:
        return reverse("initiatives:attachment", args=[self.initiative_id, self.pk])
