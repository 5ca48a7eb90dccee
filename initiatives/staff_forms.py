"""Forms for the staff workspace: the queue's filters, assignment, assessment, decisions,
internal comments, messages and support grants.

They check the shape of the input; the workflow's rules are the services'
(`initiatives/services.py`), whose field errors the views show next to these forms' fields.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cities.models import LONG_TEXT, City
from initiatives.forms import DATE_WIDGET, InitiativeFilterForm
from initiatives.models import MAX_AMOUNT_SEK, Criterion, Status, SupportKind
from initiatives.services import FUNDING_NEEDS_AMOUNT, funding_lacks_amount
from mobilisering.forms import capitalised, textarea
from mobilisering.submissions import OnceFormMixin

SCORES = [(score, str(score)) for score in range(1, 6)]

# What each criterion asks, shown under its name on the assessment form.
CRITERION_QUESTIONS = {
    Criterion.PARTICIPATION: _(
        "Do the people concerned take part in planning and running the work themselves?"
    ),
    Criterion.NON_DISCRIMINATION: _(
        "Does the work reach everyone concerned, without leaving anyone out?"
    ),
    Criterion.EMPOWERMENT: _("Does it strengthen people's own power to claim their rights?"),
    Criterion.ACCOUNTABILITY: _(
        "Does it hold those responsible for the right to account, openly and with facts?"
    ),
    Criterion.FEASIBILITY: _("Can the group do what it plans with its time, people and budget?"),
}


class QueueFilterForm(InitiativeFilterForm):
    """The queue's filters, among the staff member's own cities (`city_ids`)."""

    status = forms.ChoiceField(label=_("Status"), required=False)
    field_order = ["city", "status", "theme"]

    def __init__(self, *args, city_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["city"].queryset = City.objects.filter(pk__in=city_ids)
        self.fields["city"].empty_label = _("All my cities")
        # Drafts are the group's own work until submitted: never in the queue.
        self.fields["status"].choices = [("", _("All statuses"))] + capitalised(
            (value, label) for value, label in Status.choices if value != Status.DRAFT
        )


class AssignForm(forms.Form):
    """Who reviews the initiative: one of the city's staff, or nobody."""

    prefix = "assign"

    reviewer = forms.ModelChoiceField(
        label=_("Reviewer"),
        queryset=None,
        required=False,
        empty_label=_("Nobody yet"),
        help_text=_("One of the city mission's staff in this city. They are not emailed."),
    )

    def __init__(self, *args, reviewers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviewer"].queryset = reviewers
        self.fields["reviewer"].label_from_instance = lambda user: (
            user.get_full_name() or user.email
        )


class AssessmentForm(forms.Form):
    """A score from 1 to 5 and a note for each fixed criterion. Criteria may be left unscored
    for now; a note needs a score."""

    prefix = "assess"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for criterion in Criterion:
            self.fields[f"{criterion.value}_score"] = forms.TypedChoiceField(
                label=_("%(criterion)s: score") % {"criterion": criterion.label.capitalize()},
                choices=SCORES,
                coerce=int,
                required=False,
                empty_value=None,
                widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
            )
            self.fields[f"{criterion.value}_note"] = forms.CharField(
                label=_("%(criterion)s: note") % {"criterion": criterion.label.capitalize()},
                required=False,
                max_length=LONG_TEXT,
                widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
            )

    def criteria(self):
        """(criterion, question, score field, note field) for each criterion, for the template."""
        return [
            (
                criterion,
                CRITERION_QUESTIONS[criterion],
                self[f"{criterion.value}_score"],
                self[f"{criterion.value}_note"],
            )
            for criterion in Criterion
        ]

    def clean(self):
        data = super().clean()
        scored = False
        for criterion in Criterion:
            score = data.get(f"{criterion.value}_score")
            note = (data.get(f"{criterion.value}_note") or "").strip()
            if score is None and note:
                self.add_error(
                    f"{criterion.value}_score", _("Give a score from 1 to 5 to go with the note.")
                )
            scored = scored or score is not None
        if not scored and not self.errors:
            raise ValidationError(_("Give at least one criterion a score from 1 to 5."))
        return data

    def scores(self) -> list[tuple[str, int, str]]:
        """(criterion, score, note) for each criterion given a score."""
        return [
            (
                criterion.value,
                self.cleaned_data[f"{criterion.value}_score"],
                (self.cleaned_data.get(f"{criterion.value}_note") or "").strip(),
            )
            for criterion in Criterion
            if self.cleaned_data.get(f"{criterion.value}_score") is not None
        ]


# The label of the text a decision needs, by transition.
MESSAGE_LABELS = {
    "request_changes": _("What should the group change?"),
    "decline": _("Why is the proposal declined?"),
    "discontinue": _("Why is the initiative discontinued?"),
}


# What each staff transition does, shown next to its button.
STEP_HELP = {
    "start_review": _(
        "Tell the group the review has started; then assess the proposal and decide."
    ),
    "request_changes": _(
        "The proposal goes back to the group, which edits it and submits it again."
    ),
    "approve": _(
        "The initiative becomes public and the group can start. Record the support below once "
        "it is approved."
    ),
    "decline": _("The proposal is closed, and the group is told why."),
    "start": _("The group has started the work (the group can also mark this itself)."),
    "complete": _(
        "After the group's final report: the initiative is marked completed and its outcomes "
        "are shown publicly."
    ),
    "discontinue": _("The work stops before it is completed, and the group is told why."),
}


class DecisionForm(forms.Form):
    """A staff transition with what it requires: a message to the group (request changes,
    decline, discontinue) or the support terms (approve). Built for one `step`."""

    def __init__(self, *args, step, **kwargs):
        kwargs.setdefault("prefix", step.name)
        super().__init__(*args, **kwargs)
        self.step = step
        if step.needs_message:
            self.fields["message"] = forms.CharField(
                label=MESSAGE_LABELS.get(step.name, _("Message to the group")),
                max_length=LONG_TEXT,
                widget=textarea(4),
                help_text=_("Required. The group sees this message and is emailed it."),
                error_messages={"required": _("Write a message to the group saying why.")},
            )
        if step.needs_support_terms:
            self.fields["support_terms"] = forms.CharField(
                label=_("Support terms"),
                max_length=LONG_TEXT,
                widget=textarea(4),
                help_text=_(
                    "Required. What the city mission commits to and on what terms, for example "
                    "an amount, mentoring and when reports are due. The group sees this."
                ),
                error_messages={
                    "required": _("Write the support terms the city mission commits to.")
                },
            )


class CommentForm(OnceFormMixin, forms.Form):
    """An internal comment: only the city mission's staff see it."""

    prefix = "note"

    body = forms.CharField(
        label=_("Internal comment"),
        max_length=LONG_TEXT,
        widget=textarea(3),
        help_text=_("Only the city mission's staff see this. The group never does."),
        error_messages={"required": _("Write the comment first.")},
    )


class StaffMessageForm(OnceFormMixin, forms.Form):
    """A message to the group: on the group's timeline, and emailed to its administrators."""

    prefix = "message"

    body = forms.CharField(
        label=_("Message to the group"),
        max_length=LONG_TEXT,
        widget=textarea(3),
        help_text=_(
            "The group's members see this on their page, and its administrators are emailed."
        ),
        error_messages={"required": _("Write the message first.")},
    )


class GrantForm(OnceFormMixin, forms.Form):
    """Support the city mission gives: funding needs an amount in SEK."""

    prefix = "grant"

    kind = forms.ChoiceField(
        label=_("Kind of support"),
        choices=capitalised(SupportKind.choices),
    )
    amount_sek = forms.IntegerField(
        label=_("Amount (SEK)"),
        required=False,
        min_value=1,
        max_value=MAX_AMOUNT_SEK,
        help_text=_("Required for funding, in whole kronor. Leave empty for other support."),
        error_messages={
            "min_value": _("The amount must be at least 1 krona."),
            "max_value": _("The amount can be at most 100 000 000 kronor."),
        },
    )
    date = forms.DateField(label=_("Date"), widget=DATE_WIDGET)
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=LONG_TEXT,
        widget=textarea(2),
        help_text=_("For example what the support is for. The group sees the note."),
    )
    public = forms.BooleanField(
        label=_("Show the amount publicly"),
        required=False,
        help_text=_("Otherwise only the group and the city mission's staff see the amount."),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"date": timezone.localdate()})
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        lacks = funding_lacks_amount(data.get("kind"), data.get("amount_sek"))
        if lacks and "amount_sek" not in self.errors:
            self.add_error("amount_sek", FUNDING_NEEDS_AMOUNT)
        return data
