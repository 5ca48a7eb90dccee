"""Reads that need more than a filter: public groups, similar groups, a hub's themes."""

from django.db.models import Count, Q, QuerySet

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

    Groups open to cooperation come first; within each, more shared themes rank higher.
    `group.themes` should be prefetched; this then costs two queries.
    """
    theme_ids = [theme.pk for theme in group.themes.all()]
    if not theme_ids:
        return []
    return list(
        public_groups()
        .filter(themes__in=theme_ids)
        .exclude(pk=group.pk)
        .annotate(shared_themes=Count("themes", distinct=True))
        .order_by("-open_to_cooperation", "-shared_themes", "name", "pk")[:limit]
    )


def hub_themes(city: City) -> QuerySet[RightsTheme]:
    """The themes the city's approved groups work on, each with its number of groups."""
    # Filtering in the join (not in the aggregate) reads the city's approved groups through
    # the (status, city, name, id) index instead of every group's themes.
    return (
        RightsTheme.objects.filter(groups__city=city, groups__status=LocalGroup.Status.APPROVED)
        .annotate(group_count=Count("groups"))
        .order_by("-group_count", "ordering", "slug")
    )
