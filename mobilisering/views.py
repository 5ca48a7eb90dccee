from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from cities.models import City
from mobilisering import outbox
from mobilisering.models import OutgoingEmail
from mobilisering.permissions import can_manage_outbox

OUTBOX_PER_PAGE = 50


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


def _require_outbox_manager(request: HttpRequest) -> None:
    if not can_manage_outbox(request.user):
        raise PermissionDenied


@login_required
@require_GET
def staff_outbox(request: HttpRequest) -> HttpResponse:
    """The emails held up (failed, waiting for a retry, stuck), or every email with ?show=all."""
    _require_outbox_manager(request)
    show_all = request.GET.get("show") == "all"
    emails = OutgoingEmail.objects.all() if show_all else outbox.undelivered()
    emails = emails.defer("body", "alternatives", "attachments", "headers")
    page = Paginator(emails.order_by("-created_at", "-id"), OUTBOX_PER_PAGE).get_page(
        request.GET.get("page")
    )
    for email in page.object_list:
        email.can_resend = outbox.can_resend(email)
    return render(request, "staff/outbox.html", {"page_obj": page, "show_all": show_all})


@login_required
@require_POST
def staff_outbox_resend(request: HttpRequest, pk: int) -> HttpResponse:
    _require_outbox_manager(request)
    email = get_object_or_404(OutgoingEmail, pk=pk)
    try:
        outbox.resend_email(email_id=email.pk, actor=request.user)
    except outbox.OutboxError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("The email “%(subject)s” is on its way again.") % {"subject": email.subject},
        )
    return redirect("staff_outbox")
