"""Forms of the public stories: the list's filters. (The editors' forms are in staff_forms.py.)"""

from django import forms
from django.utils.translation import gettext_lazy as _

from cities.models import City, RightsTheme


class StoryFilterForm(forms.Form):
    """The stories list's filters, read from the query string by slug; wrong values are ignored."""

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
