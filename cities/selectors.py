"""Reads that need more than a filter: public groups, similar groups, a hub's themes."""

from django.db.models import Count, Q, QuerySet, prefetch_related_objects

from cities.models import City, LocalGroup, RightsTheme

SIMILAR_GROUPS_SHOWN = 6
HUB_GROUPS_SHOWN = 12


def public_groups() -> QuerySet[LocalGroup]:
    """Approved groups, with what a card shows, sorted by name."""
    return (
        LocalGroup.objects.filter(status=LocalGroup.Status.APPROVED)
        .select_related("city")
        .prefetch_related("themes")
        .order_by("name", "pk")
    )


def directory_groups(*, q: str = "", city: City | None = None, theme=None):
    groups = public_groups()
    if city is not None:
        groups = groups.filter(city=city)
    if theme is not None:
        groups = groups.filter(themes=theme)
    if q:
        # A plain substring match; the portal-wide search brings full-text search.
        groups = groups.filter(Q(name__icontains=q) | Q(description__icontains=q))
    return groups


def similar_groups(group: LocalGroup, *, limit: int = SIMILAR_GROUPS_SHOWN) -> list[LocalGroup]:
    """Other approved groups sharing themes with `group`, in any city.

    Groups open to cooperation come first; within each, more shared themes rank higher. One
    query, and one for the themes of the groups found and of `group` itself, if its themes are
    not loaded yet (they then come with the others, for its own profile).
    """
    through = LocalGroup.themes.through
    its_themes = through.objects.filter(localgroup_id=group.pk).values("rightstheme_id")
    # The ranking reads the narrow rows of the group-theme table (a few per group) rather than
    # whole groups: at a thousand times the demo, thousands of groups share a theme.
    ranked = (
        through.objects.filter(
            rightstheme_id__in=its_themes, localgroup__status=LocalGroup.Status.APPROVED
        )
        .exclude(localgroup_id=group.pk)
        .values("localgroup_id")
        .annotate(shared=Count("pk"))
        .order_by(
            "-localgroup__open_to_cooperation", "-shared", "localgroup__name", "localgroup_id"
        )
        .values("localgroup_id")[:limit]
    )
    similar = list(
        public_groups()
        .prefetch_related(None)
        .filter(pk__in=ranked)
        .annotate(shared_themes=Count("themes", filter=Q(themes__in=its_themes)))
        .order_by("-open_to_cooperation", "-shared_themes", "name", "pk")
    )
    prefetch_related_objects([group, *similar], "themes")
    return similar


def hub_themes(city: City) -> QuerySet[RightsTheme]:
    """The themes the city's approved groups work on, each with its number of groups."""
    # Filtering in the join (not in the aggregate) reads the city's approved groups through
    # the (status, city, name, id) index instead of every group's themes.
    return (
        RightsTheme.objects.filter(groups__city=city, groups__status=LocalGroup.Status.APPROVED)
        .annotate(group_count=Count("groups"))
        .order_by("-group_count", "ordering", "slug")
    )
