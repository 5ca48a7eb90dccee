"""Courses and upcoming sessions in /sitemap.xml (see mobilisering/sitemaps.py)."""

from django.utils import timezone

from mobilisering.sitemaps import PortalSitemap
from trainings.models import Course, Session


class CourseSitemap(PortalSitemap):
    def items(self):
        return Course.objects.order_by("ordering", "slug")


class SessionSitemap(PortalSitemap):
    def items(self):
        return Session.objects.filter(starts_at__gt=timezone.now(), is_cancelled=False).order_by(
            "pk"
        )

    def lastmod(self, session):
        return session.updated_at


SITEMAPS = {"courses": CourseSitemap, "sessions": SessionSitemap}
