"""Reads that several pages share: sessions with their seat counts, participant lists."""

from datetime import datetime

from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
    Window,
)
from django.db.models.functions import Coalesce, RowNumber
from django.utils import timezone

from mobilisering.personal_data import email_matches
from trainings.models import WAITLIST_ORDER, Registration, Session, SessionEvent

Status = Registration.Status


def _count_of(status: str) -> Coalesce:
    """How many of the outer session's registrations have `status`: a correlated subquery, so
    the database counts (through the (session, status, created_at) index) only for the sessions
    it returns, never for every session before a LIMIT, and a COUNT(*) of the list leaves it out."""
    counts = (
        Registration.objects.filter(session_id=OuterRef("pk"), status=status)
        .order_by()
        .values("session_id")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), Value(0))


def sessions_with_counts() -> QuerySet[Session]:
    """Sessions with their course and city, and how many are confirmed and waiting (one query)."""
    return Session.objects.select_related("course", "city").annotate(
        confirmed_count=_count_of(Status.CONFIRMED),
        waitlisted_count=_count_of(Status.WAITLISTED),
    )


def upcoming_sessions(*, now: datetime | None = None) -> QuerySet[Session]:
    """Sessions still to come that have not been cancelled, soonest first."""
    now = now or timezone.now()
    return (
        sessions_with_counts()
        .filter(starts_at__gt=now, is_cancelled=False)
        .order_by("starts_at", "id")
    )


def _ahead_of(created_at, pk) -> Q:
    """Registrations before (created_at, pk) in the waiting list's order (WAITLIST_ORDER)."""
    return Q(created_at__lt=created_at) | Q(created_at=created_at, id__lt=pk)


def queue_place(registration: Registration) -> int | None:
    """The registration's place on its session's waiting list (1 = next in line), or None."""
    if registration.status != Status.WAITLISTED:
        return None
    ahead = Registration.objects.filter(
        _ahead_of(registration.created_at, registration.pk),
        session_id=registration.session_id,
        status=Status.WAITLISTED,
    )
    return ahead.count() + 1


def waitlist(session_id: int) -> QuerySet[Registration]:
    """The session's waiting list, next in line first."""
    return Registration.objects.filter(session_id=session_id, status=Status.WAITLISTED).order_by(
        *WAITLIST_ORDER
    )


def participants(session: Session) -> QuerySet[Registration]:
    """The session's registrations: confirmed, then the waiting list in order, then cancelled.

    Each row carries `queue_place`, its place within its status (for the waiting list: the
    place in the queue), computed by the database so a page of the list is one query.
    """
    return (
        session.registrations.select_related("local_group")
        .annotate(
            status_rank=Case(
                When(status=Status.CONFIRMED, then=Value(0)),
                When(status=Status.WAITLISTED, then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            ),
            queue_place=Window(
                RowNumber(),
                partition_by=[F("status")],
                order_by=[F(key).asc() for key in WAITLIST_ORDER],
            ),
        )
        .order_by("status_rank", *WAITLIST_ORDER)
    )


def registrations_for_addresses(addresses: list[str], *, limit: int = 20) -> list[Registration]:
    """A person's registrations by any of their addresses (any letter case), latest sessions
    first: those made before the account existed too, when made with an address it verified."""
    if not addresses:
        return []
    # Each waitlisted row's place in its queue, counted by the database in the same query.
    ahead = (
        Registration.objects.filter(
            _ahead_of(OuterRef("created_at"), OuterRef("pk")),
            session_id=OuterRef("session_id"),
            status=Status.WAITLISTED,
        )
        .order_by()
        .values("session_id")
        .annotate(count=Count("pk"))
        .values("count")
    )
    rows = list(
        Registration.objects.filter(email_matches(addresses), anonymised_at__isnull=True)
        .select_related("session__course", "session__city")
        .annotate(ahead=Subquery(ahead, output_field=IntegerField()))
        .order_by("-session__starts_at", "-id")[:limit]
    )
    for row in rows:
        row.queue_place = (row.ahead or 0) + 1 if row.status == Status.WAITLISTED else None
    return rows


def session_log(session: Session, *, limit: int = 50) -> list[SessionEvent]:
    """The latest `limit` entries of the session's log, latest first, with who acted."""
    return list(session.events.select_related("actor").order_by("-created_at", "-pk")[:limit])


def sessions_to_watch(city_ids, *, now: datetime | None = None) -> QuerySet[Session]:
    """Upcoming sessions of the cities that are less than half full or have a waiting list."""
    return (
        upcoming_sessions(now=now)
        .filter(city_id__in=city_ids)
        .alias(taken_twice=F("confirmed_count") * 2)
        .filter(Q(waitlisted_count__gt=0) | Q(taken_twice__lt=F("capacity")))
    )
