"""This app's parts of other apps' pages (see mobilisering/sections.py). Each runs a fixed
number of queries: a page of initiatives with their group and city, plus their themes."""

from django.core.paginator import Paginator
from django.urls import reverse
from django.utils.http import urlencode

from initiatives import permissions, selectors, workflow
from initiatives.models import Initiative

HOME_SHOWN = 3
HUB_SHOWN = 6
GROUP_SHOWN = 6
MY_PAGE_SIZE = 10


def home(request):
    """The latest public initiatives on the home page."""
    initiatives = list(selectors.public_initiatives()[:HOME_SHOWN])
    if not initiatives:
        return None
    return "initiatives/sections/home.html", {"initiatives": initiatives}


def hub(request, city):
    """A city hub's public initiatives (the newest few, with a link to all of them)."""
    shown = list(selectors.public_initiatives().filter(city=city)[: HUB_SHOWN + 1])
    all_url = f"{reverse('initiatives:list')}?{urlencode({'city': city.slug})}"
    context = {
        "city": city,
        "initiatives": shown[:HUB_SHOWN],
        "more": len(shown) > HUB_SHOWN,
        "all_url": all_url,
    }
    return "initiatives/sections/hub.html", context


def group(request, group):
    """The group's public initiatives on its profile; its members also get the way to propose."""
    shown = list(selectors.public_initiatives().filter(group=group)[: GROUP_SHOWN + 1])
    context = {
        "group": group,
        "initiatives": shown[:GROUP_SHOWN],
        "more": len(shown) > GROUP_SHOWN,
        "can_create": permissions.can_create(request.user, group),
    }
    if not shown and not context["can_create"]:
        return None
    return "initiatives/sections/group.html", context


def my(request):
    """Every initiative of the person's groups, with its status and the next step expected,
    the most recently changed first (paginated with ?initiatives=N)."""
    user = request.user
    initiatives = selectors.with_card_data(
        Initiative.objects.filter(group__memberships__user=user)
    ).order_by("-updated_at", "-pk")
    page = Paginator(initiatives, MY_PAGE_SIZE).get_page(request.GET.get("initiatives"))
    rows = [(initiative, workflow.next_step(initiative)) for initiative in page.object_list]
    context = {
        "rows": rows,
        "page": page,
        "can_create": permissions.can_create(user),
    }
    return "initiatives/sections/my.html", context
