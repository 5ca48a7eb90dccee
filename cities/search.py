"""Groups in the portal-wide search (see mobilisering/search.py)."""

from django.utils.translation import gettext_lazy as _

from cities.models import GROUP_DOCUMENT, City, LocalGroup
from mobilisering import search


class GroupKind(search.SearchKind):
    key = "groups"
    label = _("Groups")
    document = GROUP_DOCUMENT
    order = 10

    def public(self):
        """Approved groups only: pending, rejected and archived ones are never found."""
        return LocalGroup.objects.filter(status=LocalGroup.Status.APPROVED).select_related("city")

    def written_in(self, group):
        return group.language

    def detail(self, group):
        return group.get_kind_display().capitalize()


KINDS = [GroupKind()]


def places():
    """The cities the search may be narrowed to (mobilisering.forms.SearchForm's filter)."""
    return City.objects.order_by("ordering", "slug")
