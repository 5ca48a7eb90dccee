"""Forms for the staff workspace of cities: the decision on a group, and the scope (cities and
year) of the start page's statistics.

They check the shape of the input; which decisions a group allows is
`cities.permissions.available_decisions`, which the service asks too.
"""

from django import forms
from django.db.models import Min
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _

from cities import permissions
from cities.models import City, GroupDecision, LocalGroup
from mobilisering.statistics import Scope

# The verb on each decision's button.
DECISION_LABELS = {
    GroupDecision.Action.APPROVED: _("Approve"),
    GroupDecision.Action.REJECTED: _("Reject"),
    GroupDecision.Action.ARCHIVED: _("Archive"),
}


class DecisionForm(forms.Form):
    """A staff decision on a group: one of those its state allows, with a message."""

    action = forms.ChoiceField(label=_("Decision"), choices=(), widget=forms.RadioSelect)
    message = forms.CharField(
        label=_("Message to the group"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Emailed to the group's administrators. Required when you reject."),
    )

    def __init__(self, *args, group: LocalGroup, **kwargs):
        super().__init__(*args, **kwargs)
        decisions = permissions.available_decisions(group)
        self.fields["action"].choices = [(action, DECISION_LABELS[action]) for action in decisions]
        if decisions == [GroupDecision.Action.ARCHIVED]:
            self.fields["action"].initial = GroupDecision.Action.ARCHIVED

    def clean(self):
        data = super().clean()
        if permissions.needs_message(data.get("action")) and not data.get("message", ""):
            self.add_error("message", _("Write a message explaining the rejection."))
        return data


def year_choices() -> list[tuple[str, str]]:
    """The years from the first group's registration to this one, the latest first."""
    this_year = timezone.localdate().year
    first = LocalGroup.objects.aggregate(first=Min("created_at"))["first"]
    first_year = min(timezone.localtime(first).year, this_year) if first else this_year
    return [(str(year), str(year)) for year in range(this_year, first_year - 1, -1)]


class ScopeForm(forms.Form):
    """Which figures: a city among the person's own (or all of them together) and a year."""

    city = forms.ModelChoiceField(
        label=_("City"), queryset=City.objects.none(), to_field_name="slug", required=False
    )
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args, city_ids: set[int], whole_programme: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.city_ids = frozenset(city_ids)
        city = self.fields["city"]
        city.queryset = City.objects.filter(pk__in=city_ids)
        if len(city_ids) > 1:
            city.empty_label = _("Whole programme") if whole_programme else _("All my cities")
        else:
            city.empty_label = None
        self.fields["year"].choices = [("", _("All years")), *year_choices()]

    def describe(self, scope: Scope) -> str:
        """The scope in words, for the page's heading: "Malmö, 2026", "All my cities, all years"."""
        if len(scope.city_ids) == 1:
            cities = scope.city_names[next(iter(scope.city_ids))]
        else:
            cities = str(self.fields["city"].empty_label)
        year = scope.year or _("all years")
        return f"{cities}, {year}"

    def scope(self) -> Scope:
        """The chosen scope; the person's cities and all years where the choice is not valid."""
        # Every city's name in the reader's language (a partnership names the partner's city),
        # read once the first table asks.
        names = SimpleLazyObject(lambda: {city.pk: city.name for city in City.objects.all()})
        if not self.is_bound or not self.is_valid():
            return Scope(city_ids=self.city_ids, city_names=names)
        city = self.cleaned_data["city"]
        return Scope(
            city_ids=frozenset({city.pk}) if city else self.city_ids,
            year=self.cleaned_data["year"],
            city_names=names,
        )
