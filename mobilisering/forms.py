import functools

from django import forms
from django.forms.models import ModelChoiceIterator
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from mobilisering.sections import provided


def capitalised(choices) -> list[tuple]:
    """`choices` with each label starting with a capital, as a choice list shows them.

    Model choices are lower case so that they read well inside sentences ("is now approved").
    """
    return [(value, capfirst(label)) for value, label in choices]


class HoneypotMixin(forms.Form):
    """A field people never see and bots fill in; a filled honeypot fails validation.

    Hidden with CSS (class `hp-field`) and from assistive technology, so no person meets it.
    """

    website_url = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def clean_website_url(self):
        value = self.cleaned_data.get("website_url", "")
        if value:
            raise forms.ValidationError(
                _("Your message could not be sent. Please try again."), code="honeypot"
            )
        return value


class SearchForm(forms.Form):
    """The portal-wide search's query string: the words, and optionally a city and a kind."""

    q = forms.CharField(label=_("Search for"), required=False)
    city = forms.ModelChoiceField(
        label=_("City"),
        queryset=None,
        to_field_name="slug",
        required=False,
        empty_label=_("All cities"),
    )
    kind = forms.CharField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The places a search may be narrowed to belong to an app (cities.search.places).
        places = next(provided("places", module="search"), None)
        if places is None:
            del self.fields["city"]
        else:
            field = self.fields["city"]
            field.queryset = places()
            # Read once, in one query (a {% for %} over the field's own choices counts them
            # first, then reads them), and only when shown: a kept results page skips it.
            field.choices = functools.cache(lambda: [*iter(ModelChoiceIterator(field))])


class DeleteAccountForm(forms.Form):
    """The password again, so that no one at an unlocked computer deletes someone's account."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        max_length=4096,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


def textarea(rows: int) -> forms.Textarea:
    """A text area `rows` lines high: the one way the apps' forms size their long answers."""
    return forms.Textarea(attrs={"rows": rows})
