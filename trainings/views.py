"""The public pages of trainings: the calendar, a course, a session with its sign-up form, the
calendar files, and the page where a person manages their registration (their secret link is
the key; no account needed). Staff pages are in trainings/staff_views.py."""

from itertools import groupby

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from cities.models import City
from mobilisering import fragments, ratelimit
from mobilisering.errors import add_to_form
from mobilisering.http import client_ip
from mobilisering.privacy import private_page
from trainings import permissions, selectors, services
from trainings.forms import CalendarFilterForm, SignupForm
from trainings.ical import session_calendar
from trainings.models import Course, Registration, Session

SESSIONS_PER_PAGE = 20
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
    """Everyone: the upcoming sessions by month, filtered by place, course and language."""

    def filter_form():
        return CalendarFilterForm(request.GET or None, cities=list(City.objects.all()))

    # An empty filter is kept with the calendar's fragment and built only to render it; a filled
    # one is built now, so that the page's title can say when it has errors.
    form = filter_form() if request.GET else SimpleLazyObject(filter_form)
    # Lazy: the calendar is read only when its fragment is rendered, not when it is kept.
    listing = SimpleLazyObject(lambda: _calendar(request, form))
    context = {
        "form": form,
        "page_obj": SimpleLazyObject(lambda: listing["page_obj"]),
        "months": SimpleLazyObject(lambda: listing["months"]),
    }
    return render(request, "trainings/calendar.html", context)


def _calendar(request: HttpRequest, form: CalendarFilterForm) -> dict:
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
    return {"page_obj": page, "months": _by_month(page.object_list)}


@require_GET
def course_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """Everyone: a course and its upcoming sessions."""
    course = fragments.kept(
        "course", ("trainings",), [slug], request, lambda: get_object_or_404(Course, slug=slug)
    )

    def page():
        sessions = selectors.upcoming_sessions().filter(course=course)
        return Paginator(sessions, SESSIONS_PER_PAGE).get_page(request.GET.get("page"))

    # Lazy: the sessions are read only when the course's fragment is rendered.
    context = {"course": course, "page_obj": SimpleLazyObject(page)}
    return render(request, "trainings/course_detail.html", context)


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
    """Everyone: a session's details, and its sign-up form while sign-up is open."""
    if request.method == "GET" and not request.user.is_authenticated:
        # Visitors who are not logged in see the seats only in kept fragments: counted when
        # those are rendered.
        session = fragments.kept(
            "session",
            ("trainings", "cities"),
            [pk],
            request,
            lambda: get_object_or_404(Session.objects.select_related("course", "city"), pk=pk),
            visitors=True,
        )
        counted = SimpleLazyObject(lambda: selectors.sessions_with_counts().get(pk=pk))
    else:
        session = counted = get_object_or_404(selectors.sessions_with_counts(), pk=pk)
    open_for_signup = permissions.can_sign_up(session)
    if request.method == "POST" and not open_for_signup:
        messages.error(request, session.closed_reason)
        return redirect(session)
    bound = open_for_signup and bool(request.POST)
    if bound:
        form = SignupForm(request.POST, session=session, user=request.user)
    elif open_for_signup:
        # Lazy: an empty form is kept as a fragment for visitors, and built only to render it.
        form = SimpleLazyObject(lambda: SignupForm(session=session, user=request.user))
    else:
        form = None
    status = 200
    if bound:
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
                    local_group=data.get("local_group"),
                    organisation=data["organisation"],
                    access_needs=data["access_needs"],
                )
            except services.TrainingError as error:
                add_to_form(form, error)
            else:
                return _after_signup(request, session, result)
    context = {
        "session": session,
        "counted": counted,
        "form": form,
        "open_for_signup": open_for_signup,
        "bound": bound,
        "shows_seats_left": permissions.shows_seats_left(session),
        "offers_calendar": permissions.offers_calendar(session),
    }
    return render(request, "trainings/session_detail.html", context, status=status)


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
    """Everyone: the public session as a calendar file."""
    session = get_object_or_404(Session.objects.select_related("course", "city"), pk=pk)
    return _calendar_response(session)


def _calendar_response(session: Session) -> HttpResponse:
    response = HttpResponse(session_calendar(session), content_type="text/calendar; charset=utf-8")
    name = slugify(session.course.slug)[:50] or "training"
    response["Content-Disposition"] = f'attachment; filename="{name}-{session.pk}.ics"'
    return response


def _get_registration(token: str) -> Registration:
    """The registration behind a manage link (404 for an unknown or anonymised one)."""
    return get_object_or_404(
        Registration.objects.select_related("session__course", "session__city", "local_group"),
        token=token,
        anonymised_at__isnull=True,
    )


@private_page
@require_GET
def registration_ics(request: HttpRequest, token: str) -> HttpResponse:
    """Whoever holds the manage link: the session as a calendar file, for a seat only (404 for
    the waiting list and a cancelled registration or session)."""
    registration = _get_registration(token)
    if not permissions.can_add_to_calendar(registration):
        raise Http404
    return _calendar_response(registration.session)


@private_page
def registration_detail(request: HttpRequest, token: str) -> HttpResponse:
    """Whoever holds the manage link: see the registration, and cancel it."""
    registration = _get_registration(token)
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
            "queue_place": selectors.queue_place(registration),
            "can_cancel": permissions.can_cancel(registration),
            "can_add_to_calendar": permissions.can_add_to_calendar(registration),
        },
    )
