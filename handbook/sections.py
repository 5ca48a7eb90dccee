"""This app's parts of other apps' pages (see mobilisering/sections.py): the latest stories on
the home page, a city hub and a group's profile. Each runs a fixed number of queries: a page of
stories with their city and group, plus their themes and pictures."""

from django.urls import reverse
from django.utils.http import urlencode

from handbook import selectors
from mobilisering import fragments

HOME_SHOWN = 3
HUB_SHOWN = 3
GROUP_SHOWN = 3


@fragments.shared("handbook", "cities")
def home(request):
    """The latest stories on the home page."""
    examples = list(selectors.public_examples()[:HOME_SHOWN])
    if not examples:
        return None
    return "handbook/sections/home.html", {"examples": examples}


@fragments.shared("handbook", "cities")
def hub(request, city):
    """A city hub's latest stories, with a link to all of them."""
    shown = list(selectors.public_examples().filter(city=city)[: HUB_SHOWN + 1])
    if not shown:
        return None
    context = {
        "city": city,
        "examples": shown[:HUB_SHOWN],
        "more": len(shown) > HUB_SHOWN,
        "all_url": f"{reverse('handbook:story_list')}?{urlencode({'city': city.slug})}",
    }
    return "handbook/sections/hub.html", context


@fragments.shared("handbook", "cities")
def group(request, group):
    """Stories about the group, on its profile."""
    examples = list(selectors.public_examples().filter(group=group)[:GROUP_SHOWN])
    if not examples:
        return None
    return "handbook/sections/group.html", {"group": group, "examples": examples}
