import posixpath

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.db import DatabaseError, connection
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST, require_safe

from mobilisering import fragments, images, outbox, personal_data
from mobilisering import search as portal_search
from mobilisering.forms import DeleteAccountForm, SearchForm
from mobilisering.models import OutgoingEmail
from mobilisering.permissions import can_manage_outbox

# Results of each kind on the overview; "see all" opens one kind, a page at a time.
SEARCH_SHOWN = 5
SEARCH_PAGE_SIZE = 20
OUTBOX_PER_PAGE = 50


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """400, also for a request over the upload limit or with too many fields: the site's own
    page in the visitor's language (Django's default renders without the request)."""
    return render(request, "400.html", status=400)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form refused by the CSRF check: the site's own page, saying what to do."""
    return render(request, "403_csrf.html", status=403)


def privacy(request: HttpRequest) -> HttpResponse:
    """The privacy notice; what is kept and for how long comes from the settings the purge reads."""
    return render(request, "pages/privacy.html", {"rules": personal_data.retention()})


def accessibility(request: HttpRequest) -> HttpResponse:
    """Anyone: the accessibility statement."""
    return render(request, "pages/accessibility.html")


class CountedPaginator(Paginator):
    """Pages over a count made beforehand (the search's, which stops at its limit): the pages
    go as far as the count, and no query counts again."""

    def __init__(self, object_list, per_page, *, count: int):
        super().__init__(object_list, per_page)
        self._count = min(count, portal_search.COUNT_LIMIT)

    @property
    def count(self) -> int:
        return self._count


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    """One search over every kind the apps register (mobilisering/search.py): an overview with
    the best few of each kind and their counts, or one kind a page at a time (?kind=)."""
    form = SearchForm(request.GET)
    form.is_valid()  # Whatever is valid is used; a wrong city or kind is simply ignored.
    data = form.cleaned_data
    query = portal_search.Search(
        data.get("q") or "", language=get_language(), city=data.get("city")
    )
    # Lazy: the results are read only when their kept fragment is rendered (they are the same
    # for everyone who searches for the same words).
    context = {
        "form": form,
        "query": query,
        **fragments.lazy_context(lambda: _results(request, query, data), RESULT_NAMES),
    }
    return render(request, "search.html", context)


RESULT_NAMES = ("chosen", "sections", "page_obj", "total", "more")


def _results(request: HttpRequest, query, data: dict) -> dict:
    kinds = portal_search.kinds()
    chosen = next((kind for kind in kinds if kind.key == data.get("kind")), None)
    results = {"chosen": chosen, "sections": [], "page_obj": None, "total": 0, "more": False}
    if not query:
        return results
    for kind in kinds:
        if kind is chosen:
            count = query.count(kind)
            paginator = CountedPaginator(query.matches(kind), SEARCH_PAGE_SIZE, count=count)
            page = paginator.get_page(request.GET.get("page"))
            objects = results["page_obj"] = page
        elif chosen is None:
            count, objects = query.first(kind, SEARCH_SHOWN)
        else:
            count, objects = query.count(kind), []
        params = {"q": query.text, "kind": kind.key}
        if query.city is not None:
            params["city"] = query.city.slug
        results["sections"].append(
            {
                "kind": kind,
                # A count past the limit is shown as "1000+": the limit, and `more`.
                "count": min(count, portal_search.COUNT_LIMIT),
                "more": count > portal_search.COUNT_LIMIT,
                "hits": [query.hit(kind, obj) for obj in objects],
                "all_url": f"{reverse('search')}?{urlencode(params)}",
            }
        )
    results["total"] = sum(section["count"] for section in results["sections"])
    results["more"] = any(section["more"] for section in results["sections"])
    return results


@login_required
def my_page(request: HttpRequest) -> HttpResponse:
    """The person's groups, initiatives and training registrations (the apps' sections), and
    the controls over their data: take a copy, delete the account."""
    return render(request, "account/my.html")


@login_required
@require_POST
def my_export(request: HttpRequest) -> HttpResponse:
    """Everything the portal holds about the person, as a ZIP of JSON and a readable page."""
    archive = personal_data.export_archive(user=request.user)
    response = HttpResponse(archive, content_type="application/zip")
    name = f"mobilisering-{timezone.localdate():%Y-%m-%d}.zip"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def my_delete(request: HttpRequest) -> HttpResponse:
    """Delete the account, after the password is entered again; refused, saying what to do,
    while the person is the last administrator of a group with initiatives in progress."""
    reasons = personal_data.deletion_blockers(request.user)
    form = DeleteAccountForm(request.POST or None)
    if request.method == "POST" and not reasons and form.is_valid():
        try:
            personal_data.delete_account(user=request.user, password=form.cleaned_data["password"])
        except personal_data.AccountError as error:
            reasons = error.reasons
            form.add_error("password" if not reasons else None, error.message)
        else:
            logout(request)
            messages.success(
                request,
                _("Your account is deleted. We have sent a confirmation to your email address."),
            )
            return redirect("home")
    return render(request, "account/delete.html", {"form": form, "reasons": reasons})


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
    """Anyone (crawlers): what not to index, and where the sitemap is."""
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
        "Disallow: /sv/search/",
        "Disallow: /en/search/",
        "",
        f"Sitemap: {settings.SITE_URL}/sitemap.xml",
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
    """Staff who may manage the outbox: send a failed message again."""
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
