"""The staff start page's "needs attention" items, gathered from the apps that own them.

Each app lists small functions in `<app>/sections.py` as `staff_attention(request, city_ids)`,
returning `Attention` items counted within the staff member's cities only. Every function runs a
fixed number of queries. (Mail that could not be sent is told on every staff page by the staff
menu, so it is not an item here.)
"""

from dataclasses import dataclass, field

from mobilisering import sections


@dataclass(frozen=True)
class Row:
    """One of the things an item counts, shown under it: a session, an initiative."""

    text: str
    url: str
    note: str = ""


@dataclass(frozen=True)
class Attention:
    """A count of things waiting for staff, with the page where they act on them."""

    area: str
    label: str
    count: int
    url: str
    link_text: str
    rows: list[Row] = field(default_factory=list)


def attention(request, city_ids: set[int]) -> list[Attention]:
    """Every item for the staff member, in the apps' order."""
    items: list[Attention] = []
    for provider in sections.provided("staff_attention"):
        items.extend(provider(request, city_ids))
    return items


def collect(functions, request, city_ids: set[int]) -> list[Attention]:
    """The items of an app's list of functions, leaving out those that return None."""
    items = (function(request, city_ids) for function in functions)
    return [item for item in items if item is not None]
