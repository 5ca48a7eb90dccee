import posixpath

from django.contrib.auth.decorators import login_required
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.db import DatabaseError, connection
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_safe

from cities.models import City
from mobilisering import images


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


@require_safe
def media(request: HttpRequest, path: str) -> FileResponse:
    """Serve a public picture from the media storage (local disk or S3), whatever DEBUG says.

    Only pictures in the public folders that `images.upload_to` names, by a normalised path:
    anything else, private attachments included, answers 404 here. Content-hashed names never
    change what they hold, so browsers may keep them for a year.
    """
    name = posixpath.normpath(path)
    if name != path or name.startswith(("/", ".")) or "\\" in name or not images.is_public(name):
        raise Http404
    try:
        handle = default_storage.open(name, "rb")
    except (OSError, SuspiciousFileOperation):
        raise Http404 from None
    response = FileResponse(handle, content_type=images.content_type(name))
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    if images.is_content_named(name):
        response["Cache-Control"] = "public, max-age=31536000, immutable"
    else:
        response["Cache-Control"] = "public, max-age=3600"
    return response
