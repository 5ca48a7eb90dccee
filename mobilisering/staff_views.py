"""The staff workspace's pages that span the apps: the start page (what needs attention in the
staff member's cities) and the programme statistics with their CSV downloads.

They live here rather than in an app because they gather from every app (groups, initiatives,
trainings, later the handbook), and mobilisering reaches the apps only through the registries
in `mobilisering.sections` (`staff_attention`, `statistics.TABLES`); no app imports another
app above it. Everything is scoped to `staff_city_ids`: staff of one city see nothing of
another's. People who are no city's staff get a 403.
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from cities.models import City
from cities.permissions import staff_city_ids
from mobilisering import dashboard, statistics
from mobilisering.spreadsheets import csv_response


def _staff_city_ids(request: HttpRequest) -> set[int]:
    city_ids = staff_city_ids(request.user)
    if not city_ids:
        raise PermissionDenied
    return city_ids


@login_required
@require_GET
def staff_home(request: HttpRequest) -> HttpResponse:
    """What waits for the staff member in their cities, each a count with a link to act on it."""
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


def _scope_form(request: HttpRequest) -> statistics.ScopeForm:
    city_ids = _staff_city_ids(request)
    return statistics.ScopeForm(
        request.GET or None,
        city_ids=city_ids,
        # Only asked where the choice is offered: staff of several cities.
        whole_programme=len(city_ids) > 1 and len(city_ids) == City.objects.count(),
    )


@login_required
@require_GET
def stats(request: HttpRequest) -> HttpResponse:
    """Every table of figures for the chosen cities and year, each with its bar chart."""
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
    """One table as CSV, with the same scope and figures as on the page."""
    compute = statistics.registry().get(table)
    form = _scope_form(request)
    if compute is None:
        raise Http404
    scope = form.scope()
    result = compute(scope)
    filename = f"{result.slug}-{scope.year or 'all-years'}.csv"
    return csv_response(filename, result.headers, result.rows)
