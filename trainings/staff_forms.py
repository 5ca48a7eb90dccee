"""The staff's forms for trainings: a session, its cancellation, a message to its participants,
attendance. They check the input's shape; the rules live in the services (trainings.services)
and in `trainings.models.session_timing_errors`, which the session form asks too."""

from crispy_forms.helper import FormHelper
from django import forms
from django.contrib.auth import get_user_model
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from cities.models import City
from mobilisering.submissions import OnceFormMixin
from trainings.models import Course, Session, session_timing_errors

# The most seats a session can have: a lecture hall, not a stadium.
MAX_CAPACITY = 1000


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
        self.helper.disable_csrf = True  # the page's <form> carries the token

    def clean(self):
        data = super().clean()
        starts, closes = data.get("starts_at"), data.get("signup_closes_at")
        timing = session_timing_errors(
            starts_at=starts, ends_at=data.get("ends_at"), signup_closes_at=closes
        )
        for name, messages in timing.items():
            for message in messages:
                self.add_error(name, message)
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
        self.helper.disable_csrf = True  # the page's <form> carries the token


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
        self.helper.disable_csrf = True  # the page's <form> carries the token
