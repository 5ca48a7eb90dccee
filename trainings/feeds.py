"""The Atom feed of upcoming training sessions, soonest first (one query)."""

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mobilisering.feeds import FEED_ITEMS, PortalFeed
from trainings import selectors


class UpcomingTrainingsFeed(PortalFeed):
    title = gettext_lazy("Upcoming trainings – Local social mobilisation")
    description = gettext_lazy("Short trainings on human rights and social mobilisation.")

    def path(self):
        return reverse("trainings:feed")

    def page(self):
        return reverse("trainings:calendar")

    def items(self):
        return selectors.upcoming_sessions()[:FEED_ITEMS]

    def item_title(self, session):
        when = formats.date_format(timezone.localtime(session.starts_at), "j F Y, H:i")
        return f"{session.course.title} – {when}, {session.city.name}"

    def item_description(self, session):
        where = session.location_text or session.city.name
        facts = _("Where: %(where)s. Seats left: %(seats)s.") % {
            "where": where,
            "seats": session.seats_left,
        }
        return f"<p>{escape(session.course.summary)}</p><p>{escape(facts)}</p>"

    def item_pubdate(self, session):
        return session.created_at

    def item_updateddate(self, session):
        return session.updated_at

    def item_categories(self, session):
        return [session.city.name]
