from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Layout
from django import forms
from django.contrib.auth import get_user_model
from django.core.validators import MaxValueValidator, MinValueValidator
from django.urls import reverse
from django.utils.functional import lazy
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from cities.models import City, LocalGroup
from mobilisering.forms import HoneypotMixin
from mobilisering.submissions import OnceFormMixin
from trainings.models import Course, Session

# The most seats a session can have: a lecture hall, not a stadium.
MAX_CAPACITY = 1000


def _privacy_help() -> str:
    return format_html('<a href="{}">{}</a>', reverse("privacy"), _("Read the privacy notice"))


class SignupForm(HoneypotMixin, forms.Form):
    name = forms.CharField(
        label=_("Your name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    email = forms.EmailField(
        label=_("Email"),
        help_text=_("The confirmation and the link to manage your registration go here."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    local_group = forms.ModelChoiceField(
        label=_("Local group (optional)"),
        queryset=LocalGroup.objects.none(),
        required=False,
        help_text=_("If you come on behalf of a group registered in the programme."),
    )
    organisation = forms.CharField(
        label=_("Organisation (optional)"),
        max_length=150,
        required=False,
        help_text=_("Another organisation or network you come from, if any."),
    )
    access_needs = forms.CharField(
        label=_("Access needs (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "For example interpretation, a hearing loop or step-free access. "
            "Deleted as soon as the session is over."
        ),
    )
    consent = forms.BooleanField(
        label=_("I agree that my registration is stored as the privacy notice describes"),
        help_text=lazy(_privacy_help, str)(),
        error_messages={"required": _("You need to accept the privacy notice to sign up.")},
    )

    def __init__(self, *args, session=None, **kwargs):
        super().__init__(*args, **kwargs)
        groups = LocalGroup.objects.filter(status=LocalGroup.Status.APPROVED)
        # A session in a city offers that city's groups (a short list to choose from); an online
        # session is open to groups from every city.
        if session is not None and not session.is_online:
            groups = groups.filter(city_id=session.city_id)
        self.fields["local_group"].queryset = groups.select_related("city").order_by("name")
        self.fields["website_url"].widget.attrs["aria-hidden"] = "true"
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            "name",
            "email",
            "local_group",
            "organisation",
            "access_needs",
            "consent",
            Div("website_url", css_class="hp-field", aria_hidden="true"),
        )


class CalendarFilterForm(forms.Form):
    """The calendar's filters; unknown values are ignored rather than refused."""

    place = forms.ChoiceField(label=_("City"), required=False)
    course = forms.ModelChoiceField(
        label=_("Course"),
        queryset=Course.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("All courses"),
    )
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=[("", _("All languages")), *Session.Language.choices],
    )

    ONLINE = "online"

    def __init__(self, *args, cities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place"].choices = [
            ("", _("All cities")),
            *[(city.slug, city.name) for city in cities],
            (self.ONLINE, _("Online")),
        ]
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select"


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class SessionForm(OnceFormMixin, forms.ModelForm):
    signup_closes_at = forms.DateTimeField(
        label=_("Sign-up closes at"),
        required=False,
        widget=DateTimeInput(),
        help_text=_("Leave empty to keep sign-up open until the session starts."),
    )

    class Meta:
        model = Session
        fields = [
            "course",
            "city",
            "is_online",
            "venue_name",
            "venue_address",
            "starts_at",
            "ends_at",
            "signup_closes_at",
            "capacity",
            "language",
            "contact",
        ]
        widgets = {"starts_at": DateTimeInput(), "ends_at": DateTimeInput()}
        error_messages = {
            "capacity": {
                "min_value": _("A session needs at least one seat."),
                "max_value": _("A session can have at most %(limit_value)s seats."),
            }
        }

    def __init__(self, *args, city_ids: set[int], **kwargs):
        super().__init__(*args, **kwargs)
        cities = City.objects.filter(pk__in=city_ids)
        self.fields["city"].queryset = cities
        self.fields["city"].empty_label = None
        self.fields["course"].queryset = Course.objects.all()
        self.fields["contact"].queryset = (
            get_user_model()
            .objects.filter(city_staff__city__in=cities)
            .distinct()
            .order_by("first_name", "last_name", "email")
        )
        self.fields["contact"].label_from_instance = lambda user: user.get_full_name() or user.email
        # The database allows no session without seats; say so before it does.
        capacity = self.fields["capacity"]
        capacity.min_value, capacity.max_value = 1, MAX_CAPACITY
        capacity.validators = [MinValueValidator(1), MaxValueValidator(MAX_CAPACITY)]
        capacity.widget.attrs.update({"min": 1, "max": MAX_CAPACITY})
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The session must end after it starts."))
        closes = data.get("signup_closes_at")
        if starts and closes and closes > starts:
            self.add_error("signup_closes_at", _("Sign-up must close before the session starts."))
        if starts and not closes:
            data["signup_closes_at"] = starts
        if not data.get("is_online") and not data.get("venue_name"):
            self.add_error("venue_name", _("Give the venue, or mark the session as online."))
        return data


class IdListField(forms.Field):
    """Row ids from a list of checkboxes or hidden inputs: whole numbers in ASCII digits only
    (`str.isdigit` also takes "²", which `int` then refuses), within the database's range."""

    widget = forms.MultipleHiddenInput
    default_error_messages = {
        "invalid": _("The list could not be read. Reload the page and try again."),
    }

    def to_python(self, value) -> set[int]:
        ids = set()
        for item in value or []:
            if not (isinstance(item, str) and item.isascii() and item.isdecimal()):
                raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
            number = int(item)
            if not 0 < number < 2**63:
                raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
            ids.add(number)
        return ids


class AttendanceForm(forms.Form):
    """Who came, among the confirmed people the list showed."""

    shown = IdListField(required=False)
    attended = IdListField(required=False)


class CancelSessionForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the participants"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=3000,
        help_text=_("Why the session is cancelled, and what happens next. It is emailed to all."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


class EmailParticipantsForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=150)
    body = forms.CharField(
        label=_("Message"), widget=forms.Textarea(attrs={"rows": 8}), max_length=5000
    )
    include_waitlist = forms.BooleanField(
        label=_("Also email the people on the waiting list"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
