"""The group-facing and public pages of initiatives. Thin: fetch through a permission-scoped
helper, call a service, render."""

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from initiatives import permissions
from initiatives.models import Attachment, Initiative


def _get_initiative_for_user(request: HttpRequest, pk: int) -> Initiative:
    """The initiative if the user may see it; 404 otherwise (its existence is private)."""
    initiative = get_object_or_404(
        Initiative.objects.select_related("group", "city").prefetch_related("partnerships"), pk=pk
    )
    if not permissions.can_view(request.user, initiative):
        raise Http404
    return initiative


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = _get_initiative_for_user(request, pk)
    return render(request, "initiatives/detail.html", {"initiative": initiative})


@require_GET
def attachment(request: HttpRequest, pk: int, attachment_pk: int) -> FileResponse:
    """Serve an attachment to those who may see its initiative, as a download."""
    initiative = _get_initiative_for_user(request, pk)
    item = get_object_or_404(Attachment, pk=attachment_pk, initiative=initiative)
    if not permissions.can_see_attachment(request.user, item):
        raise Http404
    response = FileResponse(item.file.open("rb"), as_attachment=True, filename=item.original_name)
    response["Content-Type"] = item.content_type
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
