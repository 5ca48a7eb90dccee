"""Trainings in the portal-wide search (see mobilisering/search.py): the courses, and the
upcoming sessions, found through their course's text."""

from django.db.models import Exists, OuterRef
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from mobilisering import search
from trainings.models import COURSE_DOCUMENT, Course, Session


class CourseKind(search.SearchKind):
    key = "courses"
    label = _("Courses")
    document = COURSE_DOCUMENT
    order = 40
    city = None

    def public(self):
        return Course.objects.all()

    def in_city(self, queryset, city):
        """Courses with an upcoming session hosted by the city."""
        upcoming = Session.objects.filter(
            course=OuterRef("pk"), city=city, is_cancelled=False, starts_at__gt=timezone.now()
        )
        return queryset.filter(Exists(upcoming))


class SessionKind(search.SearchKind):
    key = "sessions"
    label = _("Upcoming sessions")
    document = COURSE_DOCUMENT
    path = "course__"
    order = 50

    def public(self):
        """Sessions still to come that are not cancelled; participants are never searched."""
        return Session.objects.filter(
            starts_at__gt=timezone.now(), is_cancelled=False
        ).select_related("course", "city")

    def detail(self, session):
        when = formats.date_format(timezone.localtime(session.starts_at), "l j F, H:i")
        where = str(_("Online")) if session.is_online else session.venue_name
        return f"{when} · {where}" if where else when


KINDS = [CourseKind(), SessionKind()]
