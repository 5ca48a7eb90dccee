"""Atom feeds: the shared base of every app's feed (`<app>/feeds.py`)."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed

from mobilisering.models import markdown_html

FEED_ITEMS = 30


class PortalFeed(Feed):
    """An Atom feed in the language of its /sv/ or /en/ address, whose links are absolute
    from SITE_URL (the syndication framework would otherwise take the request's host)."""

    feed_type = Atom1Feed

    def absolute(self, url: str) -> str:
        return settings.SITE_URL + url

    def feed_url(self):
        return self.absolute(self.path())

    def link(self):
        return self.absolute(self.page())

    def item_link(self, item):
        return self.absolute(item.get_absolute_url())

    def markdown(self, obj, field: str) -> str:
        """`obj.field` (Markdown) as sanitised HTML for an entry's summary (the feed escapes
        it): the stored render where it is current (mobilisering.models.RenderedMarkdown)."""
        return str(markdown_html(obj, field))

    def path(self) -> str:
        raise NotImplementedError

    def page(self) -> str:
        raise NotImplementedError
