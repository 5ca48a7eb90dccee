"""This app's parts of other apps' pages (see mobilisering/sections.py)."""

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cities import selectors
from cities.models import GroupInvitation, LocalGroup
from mobilisering import dashboard, fragments

MY_GROUPS_SHOWN = 50
HOME_GROUPS_SHOWN = 3


@fragments.shared("cities")
def home(request):
    """The newest approved groups on the home page (two queries)."""
    groups = list(selectors.public_groups().order_by("-decided_at", "-pk")[:HOME_GROUPS_SHOWN])
    if not groups:
        return None
    return "cities/sections/home.html", {"groups": groups}


def my(request):
    """The person's groups with their role and the group's status, and invitations waiting."""
    user = request.user
    memberships = user.group_memberships.select_related("group__city").order_by(
        "group__name", "pk"
    )[:MY_GROUPS_SHOWN]
    addresses = Q(email__iexact=user.email) if user.email else Q(pk__in=[])
    invitations = (
        GroupInvitation.objects.filter(
            addresses, accepted_at__isnull=True, expires_at__gt=timezone.now()
        )
        .exclude(group__memberships__user=user)
        .select_related("group")
        .order_by("-created_at")[:20]
    )
    return "cities/sections/my.html", {"memberships": memberships, "invitations": invitations}


# --- The staff start page (see mobilisering/dashboard.py) --------------------------------------


def _groups_waiting(request, city_ids):
    count = LocalGroup.objects.filter(
        city_id__in=city_ids, status=LocalGroup.Status.PENDING
    ).count()
    return dashboard.Attention(
        area=_("Groups"),
        label=_("Groups waiting for approval"),
        count=count,
        url=reverse("cities:staff_groups"),
        link_text=_("Open the group approvals"),
    )


STAFF_ATTENTION = [_groups_waiting]


def staff_attention(request, city_ids):
    """What waits for staff among the groups of their cities (one query per item)."""
    return dashboard.collect(STAFF_ATTENTION, request, city_ids)
