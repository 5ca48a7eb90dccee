"""Programme statistics for funders: tables of figures, each drawn as a bar chart and
downloadable as CSV, for one city or several and for one year or all.

The apps own their figures: each lists its tables in `<app>/statistics.py` as
`TABLES = {slug: function}`, where the function takes a `Scope` and returns a `Table` computed
by the database (aggregates, one or two queries whatever the data's size). The page and the
CSV downloads find them through `mobilisering.sections.provided`, so mobilisering imports no
later app.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from django import forms
from django.db.models import Min, Q
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from cities.models import City, LocalGroup
from mobilisering import charts, sections


@dataclass(frozen=True)
class Scope:
    """Whose figures, and when: the cities' ids and a calendar year (None for all years)."""

    city_ids: frozenset[int]
    year: int | None = None

    @cached_property
    def city_names(self) -> dict[int, str]:
        """Every city's name in the reader's language, by id (one query for the page's tables;
        a partnership names the partner's city too)."""
        return {city.pk: city.name for city in City.objects.all()}

    def year_q(self, field_name: str) -> Q:
        """A filter on the year of a date or datetime field, or nothing for all years."""
        return Q(**{f"{field_name}__year": self.year}) if self.year else Q()


@dataclass
class Table:
    """A table of figures. The first `labels` cells of each row are text (a city, a year, a
    status), the rest whole numbers. The chart draws the column at `chart_column`."""

    slug: str
    title: str
    description: str
    headers: list[str]
    rows: list[tuple]
    labels: int = 1
    chart_column: int = 1
    unit: str = ""
    label_separator: str = " "
    # The one figure the table adds to the key figures at the top of the page, if any:
    # (what it counts, the figure), taken from the table's own rows.
    headline: tuple[str, int] | None = None

    def cells(self) -> list[tuple[tuple, tuple]]:
        """Each row as (its text cells, its numbers), for the page's table."""
        return [(row[: self.labels], row[self.labels :]) for row in self.rows]

    def bars(self) -> list[charts.Bar]:
        unit = f" {self.unit}" if self.unit else ""
        return [
            charts.Bar(
                label=self.label_separator.join(str(cell) for cell in row[: self.labels]),
                value=row[self.chart_column],
                text=number_format(row[self.chart_column], force_grouping=True) + unit,
            )
            for row in self.rows
        ]

    def chart(self):
        bars = self.bars()
        summary = "; ".join(f"{bar.label}: {bar.text}" for bar in bars) or str(_("No figures."))
        return charts.bar_chart(
            chart_id=f"chart-{self.slug}",
            title=f"{self.title} – {self.headers[self.chart_column]}",
            description=summary,
            bars=bars,
        )


def registry() -> dict[str, Callable[[Scope], Table]]:
    """Every table's slug and the function that computes it, in the order of the page."""
    tables: dict[str, Callable[[Scope], Table]] = {}
    for provided in sections.provided("TABLES", module="statistics"):
        tables.update(provided)
    return tables


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
        if not self.is_bound or not self.is_valid():
            return Scope(city_ids=self.city_ids)
        city = self.cleaned_data["city"]
        return Scope(
            city_ids=frozenset({city.pk}) if city else self.city_ids,
            year=self.cleaned_data["year"],
        )
