"""Public stories and the published handbook in /sitemap.xml (see mobilisering/sitemaps.py)."""

from django.urls import reverse

from handbook.models import Chapter
from handbook.selectors import published, published_editions
from mobilisering.sitemaps import PortalSitemap


class StoryPagesSitemap(PortalSitemap):
    def items(self):
        return ["handbook:story_list", "handbook:index"]

    def location(self, name):
        return reverse(name)


class StorySitemap(PortalSitemap):
    def items(self):
        return published().order_by("pk")

    def lastmod(self, example):
        return example.updated_at


class EditionSitemap(PortalSitemap):
    def items(self):
        return published_editions()

    def lastmod(self, edition):
        return edition.updated_at


class ChapterSitemap(PortalSitemap):
    def items(self):
        return (
            Chapter.objects.filter(edition__published=True)
            .select_related("edition")
            .order_by("edition_id", "order", "pk")
        )


SITEMAPS = {
    "story-pages": StoryPagesSitemap,
    "stories": StorySitemap,
    "editions": EditionSitemap,
    "chapters": ChapterSitemap,
}
