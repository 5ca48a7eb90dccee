"""Programme statistics for funders: tables of figures, each drawn as a bar chart and
downloadable as CSV, for one city or several and for one year or all.

The apps own their figures: each lists its tables in `<app>/statistics.py` as
`TABLES = {slug: function}`, where the function takes a `Scope` and returns a `Table` computed
by the database (aggregates, one or two queries whatever the data's size). The page and the
CSV downloads (cities.staff_views, which chooses the scope) find them through
`mobilisering.sections.provided`, so mobilisering imports no app.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from mobilisering import charts, sections


@dataclass(frozen=True)
class Scope:
    """Whose figures, and when: the cities' ids and a calendar year (None for all years)."""

    city_ids: frozenset[int]
    year: int | None = None
    # Every city's name in the reader's language, by id (a partnership names the partner's city
    # too). The form that chooses the scope (cities.staff_forms.ScopeForm) fills it.
    city_names: Mapping[int, str] = field(default_factory=dict, compare=False, hash=False)

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
