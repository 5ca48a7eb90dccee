"""What trainings add to other apps' pages (see mobilisering/sections.py); one query each."""

from trainings import selectors

HOME_SESSIONS = 3
HUB_SESSIONS = 4


def home(request):
    """The next few sessions, on the home page."""
    sessions = list(selectors.upcoming_sessions()[:HOME_SESSIONS])
    return "trainings/sections/home.html", {"sessions": sessions}


def hub(request, city):
    """The hub's next sessions (online ones it hosts included)."""
    sessions = list(selectors.upcoming_sessions().filter(city=city)[:HUB_SESSIONS])
    return "trainings/sections/hub.html", {"sessions": sessions, "city": city}


def my(request):
    """The signed-in person's registrations, found by their email address, with manage links."""
    if not request.user.is_authenticated:
        return None
    registrations = selectors.registrations_for_email(request.user.email)
    return "trainings/sections/my.html", {"registrations": registrations}
