"""The staff pages for trainings (/staff/trainings/…): the sessions of the staff member's cities,
a session's form, its participants with attendance and the session's log, the print view and CSV,
cancelling the session, emailing its participants and cancelling a participant's registration.
Thin: fetch through `_get_session_for_staff`, call a service, render or redirect.

People who are no city's staff, and staff of another city, get a 403 on every page here.
"""

from itertools import groupby

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from cities.permissions import staff_city_ids
from mobilisering.errors import add_to_form
from mobilisering.spreadsheets import csv_response
from trainings import permissions, selectors, services
from trainings.models import Registration, Session
from trainings.staff_forms import (
    AttendanceForm,
    CancelSessionForm,
    EmailParticipantsForm,
    SessionForm,
)

SESSIONS_PER_PAGE = 20
PARTICIPANTS_PER_PAGE = 100


def _require_trainings_staff(request: HttpRequest) -> None:
    if not permissions.can_run_trainings(request.user):
        raise PermissionDenied


def _get_session_for_staff(request: HttpRequest, pk: int, queryset=None) -> Session:
    """The session, if the user runs trainings in its city; 403 otherwise."""
    queryset = (
        queryset if queryset is not None else Session.objects.select_related("course", "city")
    )
    session = get_object_or_404(queryset, pk=pk)
    if not permissions.can_manage_session(request.user, session):
        raise PermissionDenied
    return session


def _to_participants(session: Session) -> HttpResponse:
    return redirect("trainings:staff_participants", pk=session.pk)


def _promoted_message(request: HttpRequest, promoted: list) -> None:
    if promoted:
        messages.info(
            request,
            ngettext(
                "%(count)s person moved from the waiting list to a seat and was emailed.",
                "%(count)s people moved from the waiting list to a seat and were emailed.",
                len(promoted),
            )
            % {"count": len(promoted)},
        )


def _with_field_labels(events: list) -> list:
    """Each "changed" entry's field names as labels in the reader's language (the log stores
    the names, never the words)."""
    for event in events:
        names = event.data.get("fields", []) if isinstance(event.data, dict) else []
        event.field_labels = [
            str(Session._meta.get_field(name).verbose_name)
            for name in names
            if name in services.EDITABLE_FIELDS
        ]
    return events


@login_required
@require_GET
def staff_sessions(request: HttpRequest) -> HttpResponse:
    """City staff: their cities' upcoming (or past) sessions with seat counts."""
    _require_trainings_staff(request)
    sessions = selectors.sessions_with_counts().filter(city_id__in=staff_city_ids(request.user))
    past = request.GET.get("when") == "past"
    now = timezone.now()
    if past:
        sessions = sessions.filter(starts_at__lte=now).order_by("-starts_at", "-id")
    else:
        sessions = sessions.filter(starts_at__gt=now).order_by("starts_at", "id")
    page = Paginator(sessions, SESSIONS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "trainings/staff/session_list.html", {"page_obj": page, "past": past})


@login_required
def staff_session_create(request: HttpRequest) -> HttpResponse:
    """City staff: create a session hosted by one of their cities."""
    _require_trainings_staff(request)
    form = SessionForm(
        request.POST or None,
        city_ids=staff_city_ids(request.user),
        initial={"contact": request.user.pk},
    )
    if request.method == "POST" and form.is_valid():
        try:
            session = services.create_session(actor=request.user, **form.cleaned_data)
        except services.TrainingError as error:
            add_to_form(form, error)
        else:
            messages.success(request, _("The session is created and open for sign-up."))
            return _to_participants(session)
    return render(
        request,
        "trainings/staff/session_form.html",
        {"form": form, "session": None},
        status=400 if form.is_bound else 200,
    )


@login_required
def staff_session_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Staff of the session's city: change the session (more seats promote the waiting list)."""
    session = _get_session_for_staff(request, pk)
    form = SessionForm(
        request.POST or None, instance=session, city_ids=staff_city_ids(request.user)
    )
    if request.method == "POST" and form.is_valid():
        changes = {k: v for k, v in form.cleaned_data.items() if k != "form_key"}
        try:
            _session, promoted = services.update_session(
                session_id=session.pk, actor=request.user, changes=changes
            )
        except services.TrainingError as error:
            add_to_form(form, error)
        else:
            messages.success(request, _("The session is saved."))
            _promoted_message(request, promoted)
            return _to_participants(session)
    return render(
        request,
        "trainings/staff/session_form.html",
        {"form": form, "session": session},
        status=400 if form.is_bound else 200,
    )


@login_required
@require_GET
def staff_participants(request: HttpRequest, pk: int) -> HttpResponse:
    """Staff of the session's city: the participants by status, attendance, the session's log."""
    session = _get_session_for_staff(request, pk, selectors.sessions_with_counts())
    registrations = selectors.participants(session)
    page = Paginator(registrations, PARTICIPANTS_PER_PAGE).get_page(request.GET.get("page"))
    groups = [
        (status, list(rows)) for status, rows in groupby(page.object_list, key=lambda r: r.status)
    ]
    return render(
        request,
        "trainings/staff/participants.html",
        {
            "session": session,
            "page_obj": page,
            "groups": groups,
            "events": _with_field_labels(selectors.session_log(session)),
            "can_cancel_registrations": not session.is_past and not session.is_cancelled,
        },
    )


@login_required
@require_GET
def staff_participants_print(request: HttpRequest, pk: int) -> HttpResponse:
    """Staff of the session's city: the confirmed participants as a sheet to print and sign."""
    session = _get_session_for_staff(request, pk, selectors.sessions_with_counts())
    rows = selectors.participants(session).filter(status=Registration.Status.CONFIRMED)
    return render(
        request, "trainings/staff/participants_print.html", {"session": session, "rows": rows}
    )


@login_required
@require_GET
def staff_participants_csv(request: HttpRequest, pk: int) -> HttpResponse:
    """Staff of the session's city: every registration as a CSV file."""
    session = _get_session_for_staff(request, pk)
    filename = f"participants-{session.course.slug}-{session.starts_at:%Y-%m-%d}.csv"
    header = [
        _("Name"),
        _("Email address"),
        _("Status"),
        _("Place in queue"),
        _("Local group"),
        _("Organisation"),
        _("Access needs"),
        _("Attended"),
        _("Registered at"),
    ]
    attended = {True: _("yes"), False: _("no"), None: ""}
    rows = (
        (
            row.name,
            row.email,
            row.get_status_display(),
            row.queue_place if row.status == Registration.Status.WAITLISTED else "",
            row.local_group.name if row.local_group else "",
            row.organisation,
            row.access_needs,
            attended[row.attended],
            timezone.localtime(row.created_at).strftime("%Y-%m-%d %H:%M"),
        )
        for row in selectors.participants(session).iterator(chunk_size=500)
    )
    return csv_response(filename, header, rows)


@login_required
@require_POST
def staff_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    """Staff of the session's city: save who came, among the confirmed people shown."""
    session = _get_session_for_staff(request, pk)
    form = AttendanceForm(request.POST)
    if form.is_valid():
        try:
            came = services.mark_attendance(
                session_id=session.pk,
                actor=request.user,
                shown_ids=form.cleaned_data["shown"],
                attended_ids=form.cleaned_data["attended"],
            )
        except services.TrainingError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Attendance saved: %(count)s came.") % {"count": came})
    else:
        messages.error(request, _("The attendance was not saved. Reload the page and try again."))
    url = reverse("trainings:staff_participants", args=[session.pk])
    # Back to the same page of the list the form was on.
    page = request.GET.get("page", "")
    return redirect(f"{url}?page={page}" if page.isascii() and page.isdecimal() else url)


@login_required
def staff_session_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    """Staff of the session's city: cancel the session and email everyone registered."""
    session = _get_session_for_staff(request, pk)
    if session.is_cancelled:
        messages.info(request, _("This session is already cancelled."))
        return _to_participants(session)
    form = CancelSessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            told = services.cancel_session(
                session_id=session.pk, actor=request.user, message=form.cleaned_data["message"]
            )
        except services.TrainingError as error:
            add_to_form(form, error)
        else:
            messages.success(
                request,
                ngettext(
                    "The session is cancelled and %(count)s person was emailed.",
                    "The session is cancelled and %(count)s people were emailed.",
                    told,
                )
                % {"count": told},
            )
            return _to_participants(session)
    return render(
        request,
        "trainings/staff/session_cancel.html",
        {"session": session, "form": form},
        status=400 if form.is_bound else 200,
    )


@login_required
def staff_email_participants(request: HttpRequest, pk: int) -> HttpResponse:
    """Staff of the session's city: email the confirmed participants (and the waiting list)."""
    session = _get_session_for_staff(request, pk)
    form = EmailParticipantsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            sent = services.email_participants(
                session_id=session.pk, actor=request.user, **form.cleaned_data
            )
        except services.TrainingError as error:
            add_to_form(form, error)
        else:
            messages.success(
                request,
                ngettext(
                    "Your message was emailed to %(count)s person.",
                    "Your message was emailed to %(count)s people.",
                    sent,
                )
                % {"count": sent},
            )
            return _to_participants(session)
    return render(
        request,
        "trainings/staff/email_participants.html",
        {"session": session, "form": form},
        status=400 if form.is_bound else 200,
    )


@login_required
@require_POST
def staff_registration_cancel(request: HttpRequest, pk: int, registration_pk: int) -> HttpResponse:
    """Staff of the session's city: cancel a participant's registration for them (a freed seat
    goes to the waiting list, as when the person cancels)."""
    session = _get_session_for_staff(request, pk)
    registration = get_object_or_404(
        session.registrations.filter(anonymised_at__isnull=True), pk=registration_pk
    )
    try:
        _cancelled, promoted = services.cancel_registration(
            token=registration.token, actor=request.user
        )
    except services.TrainingError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("The registration of %(name)s is cancelled and they were emailed.")
            % {"name": registration.name},
        )
        _promoted_message(request, promoted)
    return _to_participants(session)
