"""The public forms of trainings: signing up, and the calendar's filters."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Layout
from django import forms
from django.urls import reverse
from django.utils.functional import lazy
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from cities.models import LocalGroup
from mobilisering.forms import HoneypotMixin
from trainings.models import Course, Session


def _privacy_help() -> str:
    return format_html('<a href="{}">{}</a>', reverse("privacy"), _("Read the privacy notice"))


class SignupForm(HoneypotMixin, forms.Form):
    name = forms.CharField(
        label=_("Your name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    email = forms.EmailField(
        label=_("Email address"),
        help_text=_("The confirmation and the link to manage your registration go here."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    local_group = forms.ModelChoiceField(
        label=_("Your group (optional)"),
        queryset=LocalGroup.objects.none(),
        required=False,
        help_text=_("If you come on behalf of one of your groups in the programme."),
    )
    organisation = forms.CharField(
        label=_("Group or organisation (optional)"),
        max_length=150,
        required=False,
        help_text=_("The group, organisation or network you come from, if any."),
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

    def __init__(self, *args, session=None, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the signed-in person's own approved groups are offered: a select of a few,
        # whatever the number of groups in the programme. Everyone else names their group or
        # organisation in words. A session in a city offers that city's groups; an online
        # session is open to groups from every city.
        groups = LocalGroup.objects.none()
        if user is not None and user.is_authenticated:
            groups = LocalGroup.objects.filter(
                status=LocalGroup.Status.APPROVED, memberships__user=user
            )
            if session is not None and not session.is_online:
                groups = groups.filter(city_id=session.city_id)
        offered = list(groups.order_by("name"))
        fields = ["name", "email"]
        if offered:
            field = self.fields["local_group"]
            field.queryset = groups
            # The rendered choices come from the list already read: one query, not two.
            field.widget.choices = [
                ("", field.empty_label),
                *[(group.pk, group.name) for group in offered],
            ]
            self.fields["organisation"].label = _("Other organisation (optional)")
            self.fields["organisation"].help_text = _(
                "Another organisation or network you come from, if any."
            )
            fields.append("local_group")
        else:
            del self.fields["local_group"]
        self.fields["website_url"].widget.attrs["aria-hidden"] = "true"
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True  # the page's <form> carries the token
        self.helper.layout = Layout(
            *fields,
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
