"""The Atom feed of newly public initiatives: approved, active or completed, newest decision
first (one query: the initiatives with their group)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from initiatives.models import PUBLIC_STATUSES, Initiative
from mobilisering.feeds import FEED_ITEMS, PortalFeed


class NewInitiativesFeed(PortalFeed):
    title = _("New initiatives – Local social mobilisation")
    description = _("Initiatives that local groups run against rights gaps in their city.")

    def path(self):
        return reverse("initiatives:feed")

    def page(self):
        return reverse("initiatives:list")

    def items(self):
        return (
            Initiative.objects.filter(status__in=PUBLIC_STATUSES, decided_at__isnull=False)
            .select_related("group", "city")
            .order_by("-decided_at", "-pk")[:FEED_ITEMS]
        )

    def item_title(self, initiative):
        return initiative.title

    def item_description(self, initiative):
        return self.markdown(initiative, "summary")

    def item_author_name(self, initiative):
        return initiative.group.name

    def item_pubdate(self, initiative):
        return initiative.decided_at

    def item_updateddate(self, initiative):
        return initiative.updated_at

    def item_categories(self, initiative):
        return [initiative.city.name]
