"""A session as an iCalendar event, built with the `icalendar` library."""

from datetime import UTC

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vText

from trainings.models import Session


def session_uid(session: Session) -> str:
    host = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0] or "mobilisering"
    return f"training-session-{session.pk}@{host}"


def session_calendar(session: Session) -> bytes:
    """The session as a one-event calendar, times in UTC, in the active language."""
    calendar = Calendar()
    calendar.add("prodid", "-//Mobilisering//Trainings//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = Event()
    event.add("uid", session_uid(session))
    event.add("dtstamp", timezone.now().astimezone(UTC))
    event.add("dtstart", session.starts_at.astimezone(UTC))
    event.add("dtend", session.ends_at.astimezone(UTC))
    event.add("summary", session.course.title)
    event.add("location", vText(session.location_text))
    event.add("description", session.course.summary)
    event.add("url", settings.SITE_URL + session.get_absolute_url())
    if session.is_cancelled:
        event.add("status", "CANCELLED")
    calendar.add_component(event)
    return calendar.to_ical()
