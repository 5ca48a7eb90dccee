from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cities.models import City, GroupMembership, LocalGroup, RightsTheme
from cities.services import name_taken, normalise_name
from mobilisering import images
from mobilisering.forms import HoneypotMixin, capitalised
from mobilisering.submissions import OnceFormMixin, is_spent

IMAGE_TYPES = "image/jpeg,image/png,image/webp"


class GroupForm(OnceFormMixin, forms.ModelForm):
    """A group's profile: registration (with its city) and editing (the city stays)."""

    logo = forms.FileField(
        label=_("Logo"),
        required=False,
        help_text=_("Optional. A JPEG, PNG or WebP image of at most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": IMAGE_TYPES}),
    )

    class Meta:
        model = LocalGroup
        fields = [
            "name",
            "city",
            "kind",
            "description",
            "themes",
            "rights_gaps",
            "website",
            "contact_email",
            "open_to_cooperation",
            "founded_year",
            "logo",
        ]
        labels = {
            "name": _("Name of the group"),
            "city": _("City"),
            "kind": _("Kind of group"),
            "description": _("About the group"),
            "themes": _("Rights themes the group works on"),
            "rights_gaps": _("Rights gaps the group sees"),
            "website": _("Website"),
            "contact_email": _("Contact email"),
            "open_to_cooperation": _("We are open to cooperation with other groups"),
            "founded_year": _("Year founded"),
        }
        help_texts = {
            "city": _("Staff of this city's City Mission review the registration."),
            "description": _(
                "Who you are and what you do. You can use Markdown: **bold**, lists, links."
            ),
            "themes": _("Choose the areas that fit best; groups with the same themes find you."),
            "rights_gaps": _(
                "Where does respect for human rights fall short in your city: for whom, where, "
                "and how do you know?"
            ),
            "website": _("Optional. For example https://example.org"),
            "contact_email": _(
                "Never shown publicly. Messages sent through the contact form on your profile "
                "reach this address."
            ),
            "open_to_cooperation": _("Other groups see that you welcome contact and joint work."),
            "founded_year": _("Optional."),
        }
        widgets = {
            "themes": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 6}),
            "rights_gaps": forms.Textarea(attrs={"rows": 4}),
            "founded_year": forms.NumberInput(attrs={"inputmode": "numeric"}),
        }

    def __init__(self, *args, editing: bool = False, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if editing:
            del self.fields["city"]
        else:
            self.fields["city"].queryset = City.objects.order_by("ordering", "slug")
            self.fields["city"].empty_label = _("Choose a city")
        self.fields["kind"].choices = capitalised(LocalGroup.Kind.choices)
        self.fields["themes"].queryset = RightsTheme.objects.order_by("ordering", "slug")
        self.fields["themes"].required = False

    def clean_name(self) -> str:
        return normalise_name(self.cleaned_data["name"])

    def clean_founded_year(self) -> int | None:
        year = self.cleaned_data.get("founded_year")
        if year is not None and not 1800 <= year <= timezone.localdate().year:
            raise forms.ValidationError(
                _("Enter a year between 1800 and %(year)s.") % {"year": timezone.localdate().year}
            )
        return year

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if isinstance(logo, UploadedFile):
            return images.clean_picture(logo)
        return logo

    def clean(self):
        data = super().clean()
        name = data.get("name")
        city = data.get("city") if "city" in self.fields else self.instance.city
        # A repeated post of a registration (a double click) finds the name taken by the group
        # its first post registered; the service answers it with that group.
        repeat = self.instance.pk is None and is_spent(
            key=data.get("form_key", ""), action="cities.register_group", user=self.user
        )
        if repeat:
            self._validate_constraints = False  # the name's constraint would say the same
        taken = (
            name and city and name_taken(name=name, city_id=city.pk, exclude_pk=self.instance.pk)
        )
        if taken and not repeat:
            self.add_error(
                "name",
                _("A group called “%(name)s” already exists in %(city)s. Choose another name.")
                % {"name": name, "city": city.name},
            )
        return data


class DirectoryFilterForm(forms.Form):
    """The directory's filters, read from the query string."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    city = forms.ModelChoiceField(
        label=_("City"),
        queryset=City.objects.order_by("ordering", "slug"),
        to_field_name="slug",
        required=False,
        empty_label=_("All cities"),
    )
    theme = forms.ModelChoiceField(
        label=_("Theme"),
        queryset=RightsTheme.objects.order_by("ordering", "slug"),
        to_field_name="slug",
        required=False,
        empty_label=_("All themes"),
    )


def role_choices():
    return capitalised(GroupMembership.Role.choices)


class InvitationForm(forms.Form):
    """A group admin's invitation: an address and the role it will have."""

    email = forms.EmailField(label=_("Email address"))
    role = forms.ChoiceField(
        label=_("Role"),
        choices=role_choices,
        initial=GroupMembership.Role.MEMBER,
        help_text=_("Administrators can edit the profile and manage members."),
    )


class RoleForm(forms.Form):
    """Another role for a member (a button-only post from the members page)."""

    role = forms.ChoiceField(label=_("Role"), choices=GroupMembership.Role)


class ContactForm(HoneypotMixin, forms.Form):
    """A visitor's message to a group; relayed by email, never stored."""

    name = forms.CharField(label=_("Your name"), max_length=100)
    email = forms.EmailField(
        label=_("Your email"), help_text=_("The group replies to this address.")
    )
    message = forms.CharField(
        label=_("Message"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 7}),
    )
