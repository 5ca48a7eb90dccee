"""The stories' Atom feed (/stories/feed/), in the language of the URL."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from handbook import selectors

FEED_SIZE = 30


class StoryFeed(Feed):
    feed_type = Atom1Feed
    title = _("Stories – Local social mobilisation")
    subtitle = _("Positive examples of social mobilisation from local groups in four cities.")

    def link(self):
        return reverse("handbook:story_list")

    def items(self):
        return selectors.public_examples()[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.group.name if item.group else item.city.name

    def item_categories(self, item):
        return [theme.name for theme in item.themes.all()]
