"""/sitemap.xml: every public page in both languages, with hreflang alternates.

Like the page sections, each app contributes its own sitemaps in `<app>/sitemaps.py` as a dict
`SITEMAPS = {"name": SitemapClass, …}` of `PortalSitemap` subclasses; `collect()` gathers them, so
an app joins by adding that file. Each sitemap's `items()` is one query.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from mobilisering.sections import provided


class PortalSitemap(Sitemap):
    """A sitemap in every language, with alternates and x-default, on SITE_URL's address."""

    i18n = True
    alternates = True
    x_default = True

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc


class PagesSitemap(PortalSitemap):
    """The pages that are not one object: home, the lists, the about pages."""

    def items(self):
        return [
            "home",
            "cities:list",
            "cities:group_list",
            "initiatives:list",
            "trainings:calendar",
            "privacy",
            "accessibility",
        ]

    def location(self, name):
        return reverse(name)


def collect() -> dict[str, type[Sitemap]]:
    sitemaps: dict[str, type[Sitemap]] = {"pages": PagesSitemap}
    for app_sitemaps in provided("SITEMAPS", module="sitemaps"):
        sitemaps.update(app_sitemaps)
    return sitemaps
