"""Initiatives in the portal-wide search (see mobilisering/search.py)."""

from django.utils.translation import gettext_lazy as _

from initiatives.models import INITIATIVE_DOCUMENT, PUBLIC_STATUSES, Initiative
from mobilisering import search


class InitiativeKind(search.SearchKind):
    key = "initiatives"
    label = _("Initiatives")
    document = INITIATIVE_DOCUMENT
    order = 20

    def public(self):
        """Approved, active and completed initiatives: drafts, proposals under review, declined
        and withdrawn ones are never found."""
        return Initiative.objects.filter(status__in=PUBLIC_STATUSES).select_related("city", "group")

    def written_in(self, initiative):
        return initiative.language

    def detail(self, initiative):
        return initiative.group.name


KINDS = [InitiativeKind()]
