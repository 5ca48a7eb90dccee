"""This app's parts of other apps' pages (see mobilisering/sections.py). Each runs a fixed
number of queries: a page of initiatives with their group and city, plus their themes."""

from django.core.paginator import Paginator
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from initiatives import permissions, selectors, workflow
from initiatives.models import Initiative, Status
from mobilisering import dashboard, fragments

HOME_SHOWN = 3
HUB_SHOWN = 6
GROUP_SHOWN = 6
MY_PAGE_SIZE = 10


@fragments.shared("initiatives", "cities")
def home(request):
    """The latest public initiatives on the home page."""
    initiatives = selectors.first_rows(selectors.public_initiatives(), HOME_SHOWN)
    if not initiatives:
        return None
    return "initiatives/sections/home.html", {"initiatives": initiatives}


@fragments.shared("initiatives", "cities")
def hub(request, city):
    """A city hub's public initiatives (the newest few, with a link to all of them)."""
    shown = selectors.first_rows(selectors.public_initiatives().filter(city=city), HUB_SHOWN + 1)
    all_url = f"{reverse('initiatives:list')}?{urlencode({'city': city.slug})}"
    context = {
        "city": city,
        "initiatives": shown[:HUB_SHOWN],
        "more": len(shown) > HUB_SHOWN,
        "all_url": all_url,
    }
    return "initiatives/sections/hub.html", context


@fragments.shared("initiatives", "cities", visitors=True)
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


# --- The staff start page (see mobilisering/dashboard.py) --------------------------------------

ROWS_SHOWN = 5


def _queue_url(**params) -> str:
    return f"{reverse('initiatives:staff_queue')}?{urlencode(params)}"


def staff_attention(request, city_ids):
    """What waits for staff among the initiatives of their cities: four counts in one query,
    and the first few final reports due in another."""
    today = timezone.localdate()
    counts = selectors.attention_counts(
        city_ids, user=request.user, today=today, cutoff=selectors.overdue_cutoff()
    )
    due = selectors.final_reports_due(city_ids, today=today).select_related("group")
    due_rows = list(due[:ROWS_SHOWN])
    return [
        dashboard.Attention(
            area=_("Initiatives"),
            # Resubmissions after changes are `submitted` again, so they count here too.
            label=_("New submissions and resubmissions"),
            count=counts["new"],
            url=_queue_url(section="new"),
            link_text=_("Open the new submissions"),
        ),
        dashboard.Attention(
            area=_("Initiatives"),
            label=_("Reviews overdue (over %(days)s days)")
            % {"days": selectors.OVERDUE_AFTER.days},
            count=counts["overdue"],
            url=_queue_url(section="overdue"),
            link_text=_("Open the overdue reviews"),
        ),
        dashboard.Attention(
            area=_("Initiatives"),
            label=_("Reviews assigned to me"),
            count=counts["mine"],
            url=_queue_url(section="in_review", reviewer="me"),
            link_text=_("Open my reviews"),
        ),
        dashboard.Attention(
            area=_("Initiatives"),
            label=_("Final reports due"),
            count=counts["reports_due"],
            url=_queue_url(section="all", status=Status.ACTIVE),
            link_text=_("Open the active initiatives"),
            rows=[_report_due_row(initiative) for initiative in due_rows],
        ),
    ]


def _report_due_row(initiative) -> dashboard.Row:
    return dashboard.Row(
        text=initiative.title,
        url=reverse("initiatives:staff_detail", args=[initiative.pk]),
        note=_("%(group)s, planned to end %(date)s")
        % {"group": initiative.group.name, "date": date_format(initiative.planned_end)},
    )
