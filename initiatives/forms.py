"""Forms for the group's side: the proposal, reports, messages, attachments, the public filter.

They check the shape of the input; completeness (on submission) and every rule of the workflow
are the services' (which raise errors these forms show next to their fields).
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from cities.models import LONG_TEXT, City, LocalGroup, RightsTheme
from initiatives.models import (
    MAX_ACTIVITIES,
    MAX_AMOUNT_SEK,
    MAX_PEOPLE_REACHED,
    PUBLIC_STATUSES,
    KindOfWork,
    Status,
    SupportKind,
)
from initiatives.services import (
    END_BEFORE_START,
    PROPOSAL_FIELDS,
    REQUIRED_ANSWERS,
    end_before_start,
)
from mobilisering.forms import capitalised, textarea
from mobilisering.submissions import OnceFormMixin
from mobilisering.uploads import clean_document

DOCUMENT_TYPES = "application/pdf,image/jpeg,image/png,image/webp"
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class DocumentField(forms.FileField):
    """An optional PDF or image, checked by content (`clean_document`): cleans to a CleanFile."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("Attach a file"))
        # "Optional" only where the field is: the help never contradicts the label's marker.
        kwargs.setdefault(
            "help_text",
            _(
                "A PDF, JPEG, PNG or WebP file of at most 10 MB, for example a budget or a "
                "photo. Photos are stored without their location data."
            )
            if kwargs["required"]
            else _(
                "Optional. A PDF, JPEG, PNG or WebP file of at most 10 MB, for example a budget "
                "or a photo. Photos are stored without their location data."
            ),
        )
        kwargs.setdefault("widget", forms.ClearableFileInput(attrs={"accept": DOCUMENT_TYPES}))
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if not upload:
            return None
        document = clean_document(upload)
        return (document, upload.name)


# After the label of each answer a submission needs (ProposalForm).
MARKER = _("required to submit")


class GroupChoiceForm(forms.Form):
    """Which of the person's groups proposes a new initiative (asked first, when several)."""

    group = forms.ModelChoiceField(
        label=_("Which group proposes it?"),
        queryset=LocalGroup.objects.none(),
        widget=forms.RadioSelect,
        help_text=_("You are a member of several groups. Choose the one that runs the initiative."),
        error_messages={
            "required": _("Choose the group that proposes the initiative."),
            "invalid_choice": _("Choose one of your groups."),
        },
    )

    def __init__(self, *args, groups, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = LocalGroup.objects.filter(
            pk__in=[group.pk for group in groups]
        ).order_by("name")


class ProposalForm(OnceFormMixin, forms.Form):
    """The proposal. Every answer may be left empty while it is a draft; the title may not."""

    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        help_text=_("A short name that says what the initiative is about."),
    )
    summary = forms.CharField(
        max_length=LONG_TEXT,
        label=_("Summary"),
        required=False,
        widget=textarea(4),
        help_text=_(
            "In a few sentences: what you want to do and why. This is shown publicly if the "
            "project is approved."
        ),
    )
    right_at_stake = forms.CharField(
        max_length=LONG_TEXT,
        label=_("Which right is not respected?"),
        required=False,
        widget=textarea(3),
        help_text=_(
            "For example the right to housing, to health care, to take part in decisions, or not "
            "to be discriminated against."
        ),
    )
    rights_holders = forms.CharField(
        max_length=LONG_TEXT,
        label=_("For whom?"),
        required=False,
        widget=textarea(3),
        help_text=_("Who is affected: for example young people, older people, newly arrived."),
    )
    location = forms.CharField(
        label=_("Where?"),
        max_length=200,
        required=False,
        help_text=_("The neighbourhood, the town or the place where it happens."),
    )
    evidence = forms.CharField(
        max_length=LONG_TEXT,
        label=_("How do you know?"),
        required=False,
        widget=textarea(3),
        help_text=_(
            "What you have seen or heard yourselves, conversations, surveys, reports or news."
        ),
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Areas"),
        queryset=RightsTheme.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose the areas of human rights the initiative is about."),
    )
    people_concerned = forms.CharField(
        max_length=LONG_TEXT,
        label=_("The people concerned"),
        required=False,
        widget=textarea(3),
        help_text=_(
            "Who takes part and who is reached, about how many, and how those concerned have a "
            "say in the work."
        ),
    )
    goals = forms.CharField(
        max_length=LONG_TEXT,
        label=_("Goals"),
        required=False,
        widget=textarea(4),
        help_text=_("What should be different when the initiative is over?"),
    )
    activities = forms.CharField(
        max_length=LONG_TEXT,
        label=_("Planned activities"),
        required=False,
        widget=textarea(4),
        help_text=_("What you will do, step by step: meetings, events, material, contacts."),
    )
    kind_of_work = forms.ChoiceField(
        label=_("Kind of work"),
        choices=capitalised(KindOfWork.choices),
        required=False,
        widget=forms.RadioSelect,
        help_text=_(
            "A concrete effort helps people directly; advocacy and opinion-forming tries to "
            "change decisions, rules or attitudes."
        ),
    )
    partners = forms.ModelMultipleChoiceField(
        label=_("Partner groups"),
        queryset=LocalGroup.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Optional. Other registered groups you work with. When you submit, they are told and "
            "can confirm."
        ),
    )
    planned_start = forms.DateField(
        label=_("Planned start"),
        required=False,
        widget=DATE_WIDGET,
        help_text=_("The date you plan to begin."),
    )
    planned_end = forms.DateField(
        label=_("Planned end"),
        required=False,
        widget=DATE_WIDGET,
        help_text=_("The date you plan to be done. Not before the start."),
    )
    budget_sek = forms.IntegerField(
        label=_("Budget (SEK)"),
        required=False,
        min_value=0,
        max_value=MAX_AMOUNT_SEK,
        error_messages={
            "min_value": _("The budget cannot be negative."),
            "max_value": _("The budget can be at most 100 000 000 kronor."),
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        help_text=_(
            "The whole cost in Swedish kronor, in whole numbers. Write 0 if you need no money."
        ),
    )
    cost_breakdown = forms.CharField(
        max_length=LONG_TEXT,
        label=_("Cost breakdown"),
        required=False,
        widget=textarea(3),
        help_text=_("A few lines on the main costs, for example: premises 3 000, food 2 000."),
    )
    support_requested = forms.MultipleChoiceField(
        label=_("Support you ask for"),
        choices=capitalised(SupportKind.choices),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose everything you would like help with."),
    )
    attachment = DocumentField()

    def __init__(self, *args, own_group: LocalGroup, **kwargs):
        """`own_group`: the group that proposes it, never offered as its own partner."""
        super().__init__(*args, **kwargs)
        partners = (
            LocalGroup.objects.filter(status=LocalGroup.Status.APPROVED)
            .exclude(pk=own_group.pk)
            .select_related("city")
        )
        self.fields["partners"].queryset = partners.order_by("city__ordering", "name")
        self.fields["partners"].label_from_instance = lambda g: f"{g.name} ({g.city.name})"
        self._mark_required_to_submit()

    def _mark_required_to_submit(self) -> None:
        """Say, in the label and to assistive technology, which answers a submission needs
        (services.REQUIRED_ANSWERS, the check submitting makes). They are not `required` in
        HTML: a draft may be saved with them empty. The title, needed even for a draft, is."""
        for name in REQUIRED_ANSWERS:
            field = self.fields.get(name)
            if field is None or field.required:
                continue
            field.label = format_lazy("{label} ({marker})", label=field.label, marker=MARKER)
            # A group of radios or checkboxes has no element aria-required belongs on (ARIA
            # allows it on the group's role only); their legend carries the text instead.
            if not isinstance(field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
                field.widget.attrs["aria-required"] = "true"

    # The form's parts, in order: (key, legend, fields).
    SECTIONS = [
        ("project", _("The initiative"), ["title", "summary", "kind_of_work", "themes"]),
        ("gap", _("The rights gap"), ["right_at_stake", "rights_holders", "location", "evidence"]),
        (
            "people",
            _("People, goals and activities"),
            ["people_concerned", "goals", "activities", "partners"],
        ),
        (
            "plan",
            _("Time, money and support"),
            ["planned_start", "planned_end", "budget_sek", "cost_breakdown", "support_requested"],
        ),
        ("files", _("Files"), ["attachment"]),
    ]
    # The error summary lists errors in the order the page shows the fields.
    field_order = ["group"] + [name for _key, _legend, names in SECTIONS for name in names]

    def sections(self, *, existing: bool) -> list[dict]:
        """The parts of the form as the page folds them (`<details>`): the first part is open,
        and so is every part with an error; editing a saved proposal, so is every part that
        still lacks an answer a submission needs. `answered`/`needed` count those answers."""
        parts = []
        for index, (key, legend, names) in enumerate(self.SECTIONS):
            fields = [self[name] for name in names if name in self.fields]
            needed = [field for field in fields if field.name in REQUIRED_ANSWERS]
            answered = [field for field in needed if _answered(field.value())]
            has_errors = any(field.errors for field in fields)
            parts.append(
                {
                    "key": key,
                    "legend": legend,
                    "fields": fields,
                    "needed": len(needed),
                    "answered": len(answered),
                    "has_errors": has_errors,
                    "open": index == 0 or has_errors or (existing and len(answered) < len(needed)),
                }
            )
        return parts

    def clean_budget_sek(self):
        budget = self.cleaned_data.get("budget_sek")
        if budget is not None and budget < 0:
            raise ValidationError(_("The budget cannot be negative."), code="negative")
        return budget

    def clean(self):
        cleaned = super().clean()
        if end_before_start(cleaned.get("planned_start"), cleaned.get("planned_end")):
            self.add_error("planned_end", END_BEFORE_START)
        return cleaned

    def proposal_data(self) -> dict:
        """The answers as `services.create_draft`/`update_draft` take them."""
        data = {
            key: value
            for key, value in self.cleaned_data.items()
            if key not in {"attachment", "form_key"}
        }
        data["themes"] = list(data.get("themes") or [])
        data["partners"] = list(data.get("partners") or [])
        return data


def _answered(value) -> bool:
    """Is a field's value (as the form holds it, bound or initial) an answer?"""
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, list | tuple):
        return any(_answered(item) for item in value)
    return value is not None and value != ""


def initial_from(initiative) -> dict:
    """The proposal form's initial values (and, bound, its data) for an existing initiative."""
    initial = {field: getattr(initiative, field) for field in PROPOSAL_FIELDS}
    initial["support_requested"] = list(initiative.support_requested or [])
    initial["themes"] = [theme.pk for theme in initiative.themes.all()]
    initial["partners"] = [p.group_id for p in initiative.partnerships.all()]
    return initial


class ReportForm(OnceFormMixin, forms.Form):
    """A progress report or the final report."""

    final = forms.BooleanField(
        label=_("This is the final report"),
        required=False,
        help_text=_(
            "Write the final report when the work is done. There is only one; after it the city "
            "mission can mark the initiative as completed."
        ),
    )
    period_start = forms.DateField(
        label=_("Period from"), widget=DATE_WIDGET, help_text=_("The first day the report covers.")
    )
    period_end = forms.DateField(
        label=_("Period to"), widget=DATE_WIDGET, help_text=_("The last day the report covers.")
    )
    done = forms.CharField(
        max_length=LONG_TEXT,
        label=_("What was done"),
        widget=textarea(5),
        help_text=_("The activities of the period, in your own words."),
    )
    people_reached = forms.IntegerField(
        label=_("People reached"),
        min_value=0,
        max_value=MAX_PEOPLE_REACHED,
        error_messages={"max_value": _("Give a number of at most 100 000 000.")},
        help_text=_("About how many people took part in or were reached by the work."),
    )
    activities_held = forms.IntegerField(
        label=_("Activities held"),
        min_value=0,
        max_value=MAX_ACTIVITIES,
        error_messages={"max_value": _("Give a number of at most 100 000.")},
        help_text=_("How many meetings, events or other activities you held."),
    )
    volunteers = forms.IntegerField(
        label=_("Volunteers involved"),
        min_value=0,
        max_value=MAX_ACTIVITIES,
        error_messages={"max_value": _("Give a number of at most 100 000.")},
        help_text=_("How many volunteers took part in running the work."),
    )
    outcomes = forms.CharField(
        max_length=LONG_TEXT,
        label=_("Outcomes"),
        required=False,
        widget=textarea(4),
        help_text=_(
            "What changed because of the work? On the final report, this is shown publicly."
        ),
    )
    lessons = forms.CharField(
        max_length=LONG_TEXT,
        label=_("Lessons learned"),
        required=False,
        widget=textarea(4),
        help_text=_("What worked well, what would you do differently?"),
    )
    consent_to_feature = forms.BooleanField(
        label=_("We agree that the initiative may be featured as an example in the handbook"),
        required=False,
        help_text=_(
            "Only on the final report. The editors contact you before anything is published."
        ),
    )
    attachment = DocumentField()

    def __init__(self, *args, final_allowed: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not final_allowed:
            del self.fields["final"]
            del self.fields["consent_to_feature"]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The end of the period cannot be before its start."))
        if cleaned.get("consent_to_feature") and not cleaned.get("final"):
            self.add_error(
                "consent_to_feature",
                _("Consent is given on the final report. Tick “This is the final report” too."),
            )
        return cleaned


class MessageForm(OnceFormMixin, forms.Form):
    """A message between the group and the city's staff."""

    body = forms.CharField(
        label=_("Message"),
        widget=textarea(3),
        max_length=LONG_TEXT,
        help_text=_(
            "The group's members and the city's staff see it, and the other side is emailed."
        ),
    )


class TransitionForm(forms.Form):
    """The group's confirmation of an action (submit, withdraw, start), with an optional note."""

    message = forms.CharField(
        label=_("Message to the city mission (optional)"),
        widget=textarea(3),
        required=False,
        max_length=5000,
    )


class AttachmentForm(OnceFormMixin, forms.Form):
    attachment = DocumentField(required=True, label=_("File"))


class InitiativeFilterForm(forms.Form):
    """Filters of a list of initiatives, read from the query string (cities and themes by slug);
    the cleaned data goes to `selectors.filter_initiatives`. Wrong values are ignored: the list
    then shows everything."""

    city = forms.ModelChoiceField(
        label=_("City"),
        queryset=City.objects.all(),
        required=False,
        empty_label=_("All cities"),
        to_field_name="slug",
    )
    theme = forms.ModelChoiceField(
        label=_("Area"),
        queryset=RightsTheme.objects.all(),
        required=False,
        empty_label=_("All areas"),
        to_field_name="slug",
    )


class FilterForm(InitiativeFilterForm):
    """The public list's filters."""

    kind = forms.ChoiceField(
        label=_("Kind of work"),
        choices=[("", _("All kinds of work"))] + capitalised(KindOfWork.choices),
        required=False,
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("All"))]
        + capitalised(
            (value, label) for value, label in Status.choices if value in PUBLIC_STATUSES
        ),
        required=False,
    )
