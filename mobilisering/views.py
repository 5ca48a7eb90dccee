from django.contrib.auth.decorators import login_required
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from cities.models import City


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """400, also for a request over the upload limit or with too many fields: the site's own
    page in the visitor's language (Django's default renders without the request)."""
    return render(request, "400.html", status=400)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form refused by the CSRF check: the site's own page, saying what to do."""
    return render(request, "403_csrf.html", status=403)


def home(request: HttpRequest) -> HttpResponse:
    cities = City.objects.order_by("ordering", "slug")
    return render(request, "home.html", {"cities": cities})


def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/privacy.html")


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/accessibility.html")


@login_required
def my_page(request: HttpRequest) -> HttpResponse:
    return render(request, "account/my.html")


@never_cache
@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    """200 when the database answers a query, 503 when it does not (for load balancers)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


@require_GET
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /sv/accounts/",
        "Disallow: /en/accounts/",
        "Disallow: /sv/admin/",
        "Disallow: /en/admin/",
        "Disallow: /sv/my/",
        "Disallow: /en/my/",
        "Disallow: /sv/staff/",
        "Disallow: /en/staff/",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
