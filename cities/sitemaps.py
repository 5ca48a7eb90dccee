"""City hubs and approved groups in /sitemap.xml (see mobilisering/sitemaps.py)."""

from cities.models import City, LocalGroup
from mobilisering.sitemaps import PortalSitemap


class CitySitemap(PortalSitemap):
    def items(self):
        return City.objects.order_by("ordering", "slug")


class GroupSitemap(PortalSitemap):
    def items(self):
        return LocalGroup.objects.filter(status=LocalGroup.Status.APPROVED).order_by("pk")

    def lastmod(self, group):
        return group.updated_at


SITEMAPS = {"cities": CitySitemap, "groups": GroupSitemap}
