from itertools import groupby

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from cities.models import City
from cities.permissions import staff_city_ids
from mobilisering import ratelimit
from mobilisering.http import client_ip
from mobilisering.privacy import private_page
from mobilisering.spreadsheets import csv_response
from trainings import selectors, services
from trainings.forms import (
    AttendanceForm,
    CalendarFilterForm,
    CancelSessionForm,
    EmailParticipantsForm,
    SessionForm,
    SignupForm,
)
from trainings.ical import session_calendar
from trainings.models import Course, Registration, Session
from trainings.permissions import can_manage_session, can_run_trainings

SESSIONS_PER_PAGE = 20
PARTICIPANTS_PER_PAGE = 100
# Sign-ups per email address and per client per hour: generous for people, tight for scripts.
SIGNUPS_PER_ADDRESS = 5
SIGNUPS_PER_CLIENT = 30
RATE_WINDOW = 3600


def _by_month(sessions) -> list[tuple]:
    """[(first day of the month, [sessions])] in local time, for the calendar's headings."""
    return [
        (month, list(group))
        for month, group in groupby(
            sessions, key=lambda s: timezone.localtime(s.starts_at).date().replace(day=1)
        )
    ]


@require_GET
def calendar(request: HttpRequest) -> HttpResponse:
    cities = list(City.objects.all())
    form = CalendarFilterForm(request.GET or None, cities=cities)
    sessions = selectors.upcoming_sessions()
    form.is_valid()  # unknown values are dropped from cleaned_data and shown as errors
    filters = getattr(form, "cleaned_data", {})
    place = filters.get("place")
    if place == CalendarFilterForm.ONLINE:
        sessions = sessions.filter(is_online=True)
    elif place:
        sessions = sessions.filter(city__slug=place, is_online=False)
    if filters.get("course"):
        sessions = sessions.filter(course=filters["course"])
    if filters.get("language"):
        sessions = sessions.filter(language=filters["language"])
    page = Paginator(sessions, SESSIONS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "trainings/calendar.html",
        {"form": form, "page_obj": page, "months": _by_month(page.object_list)},
    )


@require_GET
def course_detail(request: HttpRequest, slug: str) -> HttpResponse:
    course = get_object_or_404(Course, slug=slug)
    sessions = selectors.upcoming_sessions().filter(course=course)
    page = Paginator(sessions, SESSIONS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "trainings/course_detail.html", {"course": course, "page_obj": page})


def _within_rate_limit(request: HttpRequest, email: str) -> bool:
    """Count a sign-up attempt against the email address and against the client."""
    per_address = ratelimit.hit(
        "trainings-signup", email, limit=SIGNUPS_PER_ADDRESS, window_seconds=RATE_WINDOW
    )
    per_client = ratelimit.hit(
        "trainings-signup-client",
        client_ip(request),
        limit=SIGNUPS_PER_CLIENT,
        window_seconds=RATE_WINDOW,
    )
    return per_address and per_client


def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_object_or_404(selectors.sessions_with_counts(), pk=pk)
    form = SignupForm(request.POST or None, session=session) if session.is_open_for_signup else None
    if request.method == "POST" and form is None:
        messages.error(request, session.closed_reason)
        return redirect(session)
    status = 200
    if form is not None and form.is_bound:
        status = 400
        if form.is_valid() and not _within_rate_limit(request, form.cleaned_data["email"]):
            form.add_error(
                None,
                _("Too many sign-up attempts from this address. Please try again in an hour."),
            )
            status = 429
        elif form.is_valid():
            data = form.cleaned_data
            try:
                result = services.register_for_session(
                    session_id=session.pk,
                    name=data["name"],
                    email=data["email"],
                    consent=data["consent"],
                    language=get_language(),
                    local_group=data["local_group"],
                    organisation=data["organisation"],
                    access_needs=data["access_needs"],
                )
            except services.TrainingError as error:
                form.add_error(None, error.message)
            else:
                return _after_signup(request, session, result)
    return render(
        request, "trainings/session_detail.html", {"session": session, "form": form}, status=status
    )


def _after_signup(request, session, result: services.SignupResult) -> HttpResponse:
    if result.already_registered:
        messages.info(
            request,
            _(
                "This email address is already registered for this session. We have sent the "
                "link to manage the registration to it again."
            ),
        )
        return redirect(session)
    registration = result.registration
    if registration.status == Registration.Status.CONFIRMED:
        messages.success(
            request,
            _("You have a seat. We have sent a confirmation to %(email)s.")
            % {"email": registration.email},
        )
    else:
        messages.success(
            request,
            _(
                "The session is full, so you are on the waiting list, number %(place)s. "
                "We have emailed %(email)s and will write again if a seat becomes free."
            )
            % {"place": result.queue_place, "email": registration.email},
        )
    return redirect(registration)


@require_GET
def session_ics(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_object_or_404(Session.objects.select_related("course", "city"), pk=pk)
    response = HttpResponse(session_calendar(session), content_type="text/calendar; charset=utf-8")
    name = slugify(session.course.slug)[:50] or "training"
    response["Content-Disposition"] = f'attachment; filename="{name}-{session.pk}.ics"'
    return response


@private_page
def registration_detail(request: HttpRequest, token: str) -> HttpResponse:
    registration = get_object_or_404(
        Registration.objects.select_related("session__course", "session__city", "local_group"),
        token=token,
        anonymised_at__isnull=True,
    )
    if request.method == "POST":
        try:
            services.cancel_registration(token=token)
        except services.TrainingError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request, _("Your registration is cancelled. Thank you for telling us.")
            )
        return redirect(registration)
    return render(
        request,
        "trainings/registration_detail.html",
        {
            "registration": registration,
            "session": registration.session,
            "queue_place": services.queue_place(registration),
        },
    )


# Staff pages ---------------------------------------------------------------------------------


def _require_trainings_staff(request: HttpRequest) -> None:
    if not can_run_trainings(request.user):
        raise PermissionDenied


def _get_session_for_staff(request: HttpRequest, pk: int, queryset=None) -> Session:
    """The session, if the user runs trainings in its city; 403 otherwise."""
    queryset = (
        queryset if queryset is not None else Session.objects.select_related("course", "city")
    )
    session = get_object_or_404(queryset, pk=pk)
    if not can_manage_session(request.user, session):
        raise PermissionDenied
    return session


@login_required
@require_GET
def staff_sessions(request: HttpRequest) -> HttpResponse:
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
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The session is created and open for sign-up."))
            return redirect("trainings:staff_participants", pk=session.pk)
    return render(
        request,
        "trainings/staff/session_form.html",
        {"form": form, "session": None},
        status=400 if form.is_bound else 200,
    )


@login_required
def staff_session_edit(request: HttpRequest, pk: int) -> HttpResponse:
    session = _get_session_for_staff(request, pk)
    form = SessionForm(
        request.POST or None, instance=session, city_ids=staff_city_ids(request.user)
    )
    if request.method == "POST" and form.is_valid():
        try:
            changes = {k: v for k, v in form.cleaned_data.items() if k != "form_key"}
            _session, promoted = services.update_session(session_id=session.pk, changes=changes)
        except services.TrainingError as error:
            form.add_error("capacity", error.message)
        else:
            messages.success(request, _("The session is saved."))
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
            return redirect("trainings:staff_participants", pk=session.pk)
    return render(
        request,
        "trainings/staff/session_form.html",
        {"form": form, "session": session},
        status=400 if form.is_bound else 200,
    )


@login_required
@require_GET
def staff_participants(request: HttpRequest, pk: int) -> HttpResponse:
    session = _get_session_for_staff(request, pk, selectors.sessions_with_counts())
    registrations = selectors.participants(session)
    page = Paginator(registrations, PARTICIPANTS_PER_PAGE).get_page(request.GET.get("page"))
    groups = [
        (status, list(rows)) for status, rows in groupby(page.object_list, key=lambda r: r.status)
    ]
    return render(
        request,
        "trainings/staff/participants.html",
        {"session": session, "page_obj": page, "groups": groups},
    )


@login_required
@require_GET
def staff_participants_print(request: HttpRequest, pk: int) -> HttpResponse:
    session = _get_session_for_staff(request, pk, selectors.sessions_with_counts())
    rows = selectors.participants(session).filter(status=Registration.Status.CONFIRMED)
    return render(
        request, "trainings/staff/participants_print.html", {"session": session, "rows": rows}
    )


@login_required
@require_GET
def staff_participants_csv(request: HttpRequest, pk: int) -> HttpResponse:
    session = _get_session_for_staff(request, pk)
    filename = f"participants-{session.course.slug}-{session.starts_at:%Y-%m-%d}.csv"
    header = [
        _("Name"),
        _("Email"),
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
    session = _get_session_for_staff(request, pk)
    form = AttendanceForm(request.POST)
    if form.is_valid():
        came = services.mark_attendance(
            session_id=session.pk,
            shown_ids=form.cleaned_data["shown"],
            attended_ids=form.cleaned_data["attended"],
        )
        messages.success(request, _("Attendance saved: %(count)s came.") % {"count": came})
    else:
        messages.error(request, _("The attendance was not saved. Reload the page and try again."))
    url = reverse("trainings:staff_participants", args=[session.pk])
    # Back to the same page of the list the form was on.
    page = request.GET.get("page", "")
    return redirect(f"{url}?page={page}" if page.isascii() and page.isdecimal() else url)


@login_required
def staff_session_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    session = _get_session_for_staff(request, pk)
    if session.is_cancelled:
        messages.info(request, _("This session is already cancelled."))
        return redirect("trainings:staff_participants", pk=session.pk)
    form = CancelSessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            told = services.cancel_session(
                session_id=session.pk, message=form.cleaned_data["message"]
            )
        except services.TrainingError as error:
            messages.error(request, error.message)
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
        return redirect("trainings:staff_participants", pk=session.pk)
    return render(
        request,
        "trainings/staff/session_cancel.html",
        {"session": session, "form": form},
        status=400 if form.is_bound else 200,
    )


@login_required
def staff_email_participants(request: HttpRequest, pk: int) -> HttpResponse:
    session = _get_session_for_staff(request, pk)
    form = EmailParticipantsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        sent = services.email_participants(session_id=session.pk, **form.cleaned_data)
        messages.success(
            request,
            ngettext(
                "Your message was emailed to %(count)s person.",
                "Your message was emailed to %(count)s people.",
                sent,
            )
            % {"count": sent},
        )
        return redirect("trainings:staff_participants", pk=session.pk)
    return render(
        request,
        "trainings/staff/email_participants.html",
        {"session": session, "form": form},
        status=400 if form.is_bound else 200,
    )
