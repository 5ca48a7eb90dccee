"""What trainings add to other apps' pages (see mobilisering/sections.py); one query each."""

from django.db.models import Count, Window
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mobilisering import dashboard, fragments, personal_data
from trainings import selectors

HOME_SESSIONS = 3
HUB_SESSIONS = 4


@fragments.shared("trainings", "cities", seconds=60)
def home(request):
    """The next few sessions, on the home page."""
    sessions = list(selectors.upcoming_sessions()[:HOME_SESSIONS])
    return "trainings/sections/home.html", {"sessions": sessions}


@fragments.shared("trainings", "cities", seconds=60)
def hub(request, city):
    """The hub's next sessions (online ones it hosts included)."""
    sessions = list(selectors.upcoming_sessions().filter(city=city)[:HUB_SESSIONS])
    return "trainings/sections/hub.html", {"sessions": sessions, "city": city}


def my(request):
    """The signed-in person's registrations, found by their verified addresses (also those made
    before the account existed), with manage links."""
    if not request.user.is_authenticated:
        return None
    addresses = personal_data.verified_addresses(request.user)
    registrations = selectors.registrations_for_addresses(addresses)
    return "trainings/sections/my.html", {"registrations": registrations}


# --- The staff start page (see mobilisering/dashboard.py) --------------------------------------

ROWS_SHOWN = 5


def _sessions_to_watch(request, city_ids):
    """Upcoming sessions less than half full, or with people waiting (one query: the first few,
    each with the count of them all)."""
    sessions = list(
        selectors.sessions_to_watch(city_ids).annotate(total=Window(Count("pk")))[:ROWS_SHOWN]
    )
    rows = []
    for session in sessions:
        note = _("%(date)s: %(taken)s of %(seats)s seats taken") % {
            "date": date_format(timezone.localtime(session.starts_at), "j F"),
            "taken": session.confirmed_count,
            "seats": session.capacity,
        }
        if session.waitlisted_count:
            note += ", " + ngettext(
                "%(count)s waiting", "%(count)s waiting", session.waitlisted_count
            ) % {"count": session.waitlisted_count}
        rows.append(
            dashboard.Row(
                text=f"{session.course.title}, {session.city.name}",
                url=reverse("trainings:staff_participants", args=[session.pk]),
                note=note,
            )
        )
    return dashboard.Attention(
        area=_("Trainings"),
        label=_("Upcoming sessions with few sign-ups or a waiting list"),
        count=sessions[0].total if sessions else 0,
        url=reverse("trainings:staff_sessions"),
        link_text=_("Open the sessions"),
        rows=rows,
    )


STAFF_ATTENTION = [_sessions_to_watch]


def staff_attention(request, city_ids):
    """What waits for staff among the trainings of their cities."""
    return dashboard.collect(STAFF_ATTENTION, request, city_ids)
