"""Public initiatives in /sitemap.xml (see mobilisering/sitemaps.py)."""

from initiatives.models import PUBLIC_STATUSES, Initiative
from mobilisering.sitemaps import PortalSitemap


class InitiativeSitemap(PortalSitemap):
    def items(self):
        return Initiative.objects.filter(status__in=PUBLIC_STATUSES).order_by("pk")

    def lastmod(self, initiative):
        return initiative.updated_at


SITEMAPS = {"initiatives": InitiativeSitemap}
