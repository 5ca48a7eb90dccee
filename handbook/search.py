"""Stories and handbook chapters in the portal-wide search (see mobilisering/search.py)."""

from django.utils.translation import gettext_lazy as _

from handbook.models import CHAPTER_DOCUMENT, STORY_DOCUMENT, Chapter
from handbook.selectors import published
from mobilisering import search


class StoryKind(search.SearchKind):
    key = "stories"
    label = _("Stories")
    document = STORY_DOCUMENT
    order = 30

    def public(self):
        """Published stories whose consent still holds: drafts, stories in review and stories
        whose group withdrew its consent are never found."""
        return published().select_related("city", "group")

    def detail(self, example):
        return example.group.name if example.group_id else ""


class ChapterKind(search.SearchKind):
    key = "chapters"
    label = _("Handbook chapters")
    document = CHAPTER_DOCUMENT
    order = 35
    city = None

    def public(self):
        """Chapters of published editions only."""
        return Chapter.objects.filter(edition__published=True).select_related("edition")

    def detail(self, chapter):
        return chapter.edition.title


KINDS = [StoryKind(), ChapterKind()]
