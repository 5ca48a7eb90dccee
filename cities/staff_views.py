"""The staff workspace of cities: the staff start page (what needs attention), the programme
statistics and their CSV files, and the group approvals.

Every page is scoped to the staff member's cities (`permissions.staff_city_ids`): staff of one
city see nothing of another's, and people who are no city's staff get a 403. The start page and
the statistics gather from every app through the registries in `mobilisering.sections`
(`staff_attention`, `statistics.TABLES`).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from cities import permissions, services
from cities.models import City, GroupMembership, LocalGroup
from cities.staff_forms import DecisionForm, ScopeForm
from mobilisering import dashboard, statistics
from mobilisering.errors import add_to_form
from mobilisering.spreadsheets import csv_response

PAGE_SIZE = 20
# The group review's log shows this many events; older ones fold away below.
LOG_SHOWN = 10
LOG_LIMIT = 200

STAFF_STATUSES = [
    LocalGroup.Status.PENDING,
    LocalGroup.Status.APPROVED,
    LocalGroup.Status.REJECTED,
    LocalGroup.Status.ARCHIVED,
]


def _staff_city_ids(request: HttpRequest) -> set[int]:
    """The person's cities; a 403 for people who are no city's staff."""
    city_ids = permissions.staff_city_ids(request.user)
    if not city_ids:
        raise PermissionDenied
    return city_ids


def _get_group_for_staff(request: HttpRequest, slug: str) -> LocalGroup:
    """The group, if the person is staff of its city."""
    group = get_object_or_404(
        LocalGroup.objects.select_related("city").prefetch_related("themes"), slug=slug
    )
    if not permissions.can_decide(request.user, group):
        raise PermissionDenied
    return group


# --- The start page and the statistics ---------------------------------------------------------


@login_required
@require_GET
def staff_home(request: HttpRequest) -> HttpResponse:
    """City staff: what waits in their cities, each a count with a link to act on it."""
    if request.GET:
        # /staff/ used to be the initiative queue: its links with filters lead there still.
        return redirect(f"{reverse('initiatives:staff_queue')}?{request.GET.urlencode()}")
    city_ids = _staff_city_ids(request)
    items = dashboard.attention(request, city_ids)
    context = {
        "items": items,
        "waiting": sum(item.count for item in items),
        "cities": City.objects.filter(pk__in=city_ids),
    }
    return render(request, "staff/home.html", context)


def _scope_form(request: HttpRequest) -> ScopeForm:
    city_ids = _staff_city_ids(request)
    return ScopeForm(
        request.GET or None,
        city_ids=city_ids,
        # Only asked where the choice is offered: staff of several cities.
        whole_programme=len(city_ids) > 1 and len(city_ids) == City.objects.count(),
    )


@login_required
@require_GET
def stats(request: HttpRequest) -> HttpResponse:
    """City staff: every table of figures for the chosen cities and year, each with its chart."""
    form = _scope_form(request)
    scope = form.scope()
    tables = [compute(scope) for compute in statistics.registry().values()]
    context = {
        "form": form,
        "scope_label": form.describe(scope),
        "tables": tables,
        "query": request.GET.urlencode(),
    }
    return render(request, "staff/stats.html", context)


@login_required
@require_GET
def stats_csv(request: HttpRequest, table: str) -> HttpResponse:
    """City staff: one table as CSV, with the same scope and figures as on the page."""
    compute = statistics.registry().get(table)
    form = _scope_form(request)
    if compute is None:
        raise Http404
    scope = form.scope()
    result = compute(scope)
    filename = f"{result.slug}-{scope.year or 'all-years'}.csv"
    return csv_response(filename, result.headers, result.rows)


# --- Group approvals -----------------------------------------------------------------------------


@login_required
def staff_groups(request: HttpRequest) -> HttpResponse:
    """City staff: the groups of their cities, by status, the pending ones first in line."""
    if not permissions.can_see_group_queue(request.user):
        raise PermissionDenied
    status = request.GET.get("status", LocalGroup.Status.PENDING)
    if status not in STAFF_STATUSES:
        status = LocalGroup.Status.PENDING
    city_ids = permissions.staff_city_ids(request.user)
    groups = (
        LocalGroup.objects.filter(city_id__in=city_ids, status=status)
        .select_related("city")
        .prefetch_related("themes")
        .order_by("created_at" if status == LocalGroup.Status.PENDING else "-decided_at", "pk")
    )
    page = Paginator(groups, PAGE_SIZE).get_page(request.GET.get("page"))
    counts = dict(
        LocalGroup.objects.filter(city_id__in=city_ids)
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    tabs = [
        (value, LocalGroup.Status(value).label, counts.get(value, 0)) for value in STAFF_STATUSES
    ]
    context = {"page_obj": page, "groups": page.object_list, "status": status, "tabs": tabs}
    return render(request, "cities/staff/group_queue.html", context)


@login_required
def staff_group_review(request: HttpRequest, slug: str) -> HttpResponse:
    """Staff of the group's city: the group, its log, and the decisions its state allows."""
    group = _get_group_for_staff(request, slug)
    form = DecisionForm(request.POST or None, group=group)
    if request.method == "POST" and form.is_valid():
        try:
            services.decide_group(
                group=group,
                actor=request.user,
                action=form.cleaned_data["action"],
                message=form.cleaned_data["message"],
            )
        except services.GroupError as error:
            add_to_form(form, error)
        else:
            messages.success(
                request,
                _("Your decision on %(name)s is saved and emailed to the group.")
                % {"name": group.name},
            )
            return redirect("cities:staff_groups")
    events = list(group.events.select_related("actor", "member")[:LOG_LIMIT])
    context = {
        "group": group,
        "form": form,
        "decisions_offered": bool(permissions.available_decisions(group)),
        "admins": group.memberships.filter(role=GroupMembership.Role.ADMIN).select_related("user"),
        "events": events[:LOG_SHOWN],
        "older_events": events[LOG_SHOWN:],
    }
    return render(request, "cities/staff/group_review.html", context)
