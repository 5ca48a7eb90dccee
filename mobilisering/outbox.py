"""Delivering the outbox: one task per message, retried with backoff, never sent twice.

`deliver()` claims a queued message under a row lock (a second task for the same message finds
it claimed or sent and does nothing), sends it outside any transaction (SQLite holds its write
lock for a whole transaction, and a mail server may take its time), then records the outcome. A
failure is logged and retried later; after the last attempt the message is marked failed, counted
on the staff pages, and a superuser can send it again from the outbox page.
"""

import logging
from datetime import datetime, timedelta
from functools import partial

from django.conf import settings
from django.db import transaction
from django.db.models import Func, IntegerField, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from mobilisering.email import message_from_outbox
from mobilisering.errors import DomainError
from mobilisering.models import OutgoingEmail

logger = logging.getLogger(__name__)
Status = OutgoingEmail.Status

# The mailer that really sends (settings.MAILERS, from EMAIL_URL).
DELIVERY_MAILER = "delivery"
# Waits after the 1st, 2nd, … failed attempt; a message is tried len(BACKOFF) + 1 times in all,
# over about four and a half hours, before it is marked failed.
BACKOFF = [
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=15),
    timedelta(hours=1),
    timedelta(hours=3),
]
MAX_ATTEMPTS = len(BACKOFF) + 1
# A claimed message that has neither been sent nor failed after this long belongs to a worker
# that died while sending (the mail server's own timeout is 20 seconds).
STALE_CLAIM = timedelta(minutes=10)


class OutboxError(DomainError):
    """A rule of the outbox said no; the message is translated and meant for the person."""


def _task():
    from mobilisering.tasks import deliver_email

    return deliver_email


def _enqueue(email_id: int, run_after: datetime | None = None) -> None:
    task = _task()
    (task.using(run_after=run_after) if run_after else task).enqueue(email_id)


def _enqueue_after_commit(email_id: int, run_after: datetime | None) -> None:
    try:
        _enqueue(email_id, run_after)
    except Exception:
        # The queue (Redis) is down: the message stays queued in the outbox, and
        # `manage.py send_outbox` enqueues it again.
        logger.exception("Could not enqueue the delivery of outgoing email %s", email_id)


def _queue_is_the_database() -> bool:
    from django_tasks_db.backend import DatabaseBackend

    return isinstance(_task().get_backend(), DatabaseBackend)


def schedule_delivery(email_id: int, *, run_after: datetime | None = None) -> None:
    """Have the task worker deliver the message once the surrounding transaction commits.

    The database queue takes the task in the same transaction as the message (both are kept or
    neither); another queue is told after commit, so it never runs ahead of the row it reads.
    """
    if run_after is not None and not _task().get_backend().supports_defer:
        return  # This queue cannot wait; `manage.py send_outbox` sends it when due.
    if _queue_is_the_database():
        _enqueue(email_id, run_after)
    else:
        transaction.on_commit(partial(_enqueue_after_commit, email_id, run_after))


def _claim(email_id: int, now: datetime) -> OutgoingEmail | None:
    with transaction.atomic():
        email = OutgoingEmail.objects.select_for_update().filter(pk=email_id).first()
        if email is None or email.status != Status.QUEUED:
            return None  # Sent, failed for good, or being sent by another worker.
        if email.next_attempt_at is not None and email.next_attempt_at > now:
            return None  # An early duplicate: the retry's own task comes when it is due.
        email.status = Status.SENDING
        email.claimed_at = now
        email.attempts += 1
        email.save(update_fields=["status", "claimed_at", "attempts"])
    return email


def _record_failure(email: OutgoingEmail, error: Exception) -> str:
    now = timezone.now()
    with transaction.atomic():
        email = OutgoingEmail.objects.select_for_update().get(pk=email.pk)
        email.last_error = f"{type(error).__name__}: {error}"[:2000]
        email.claimed_at = None
        if email.attempts >= MAX_ATTEMPTS:
            email.status = Status.FAILED
            email.next_attempt_at = None
            logger.error(
                "Outgoing email %s to %s failed for good after %s attempts: %s",
                email.pk,
                ", ".join(email.to),
                email.attempts,
                email.last_error,
            )
        else:
            email.status = Status.QUEUED
            email.next_attempt_at = now + BACKOFF[email.attempts - 1]
            logger.warning(
                "Outgoing email %s, attempt %s of %s, failed (%s); next try at %s",
                email.pk,
                email.attempts,
                MAX_ATTEMPTS,
                email.last_error,
                email.next_attempt_at.isoformat(),
            )
            schedule_delivery(email.pk, run_after=email.next_attempt_at)
        email.save(
            update_fields=["status", "last_error", "claimed_at", "next_attempt_at"],
        )
    return email.status


def deliver(email_id: int, *, now: datetime | None = None) -> str:
    """Send one outbox message if it is still waiting (and due at `now`); returns what became
    of it: "sent", "queued" (for a retry), "failed" (for good) or "skipped"."""
    email = _claim(email_id, now or timezone.now())
    if email is None:
        return "skipped"
    try:
        message_from_outbox(email).send(using=DELIVERY_MAILER)
    except Exception as error:  # Whatever the mailer raises, the message is kept for a retry.
        return _record_failure(email, error)
    OutgoingEmail.objects.filter(pk=email.pk, status=Status.SENDING).update(
        status=Status.SENT, sent_at=timezone.now(), claimed_at=None, next_attempt_at=None
    )
    return Status.SENT


def due(now: datetime | None = None):
    """Queued messages whose time has come (for `manage.py send_outbox`)."""
    now = now or timezone.now()
    return OutgoingEmail.objects.filter(status=Status.QUEUED).filter(
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    )


def deliver_due(now: datetime | None = None) -> dict[str, int]:
    """Deliver every due message in this process, oldest first; a failure skips none."""
    outcomes: dict[str, int] = {}
    for email_id in due(now).order_by("created_at", "id").values_list("pk", flat=True):
        outcome = deliver(email_id, now=now)
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
    return outcomes


def undelivered():
    """Messages that need someone's eye: failed for good, waiting for a retry, or stuck."""
    stale = timezone.now() - STALE_CLAIM
    return OutgoingEmail.objects.filter(
        Q(status=Status.FAILED)
        | Q(status=Status.QUEUED, attempts__gt=0)
        | Q(status=Status.SENDING, claimed_at__lt=stale)
    )


def undelivered_count() -> Subquery:
    """`undelivered().count()` as an expression: a page that shows the count reads it as a
    column of a query it runs anyway (a plain COUNT, so always one row)."""
    count = Func("pk", function="COUNT", output_field=IntegerField())
    return Subquery(undelivered().order_by().values(count=count))


def can_resend(email: OutgoingEmail) -> bool:
    if email.status == Status.FAILED:
        return True
    if email.status == Status.QUEUED:
        return email.attempts > 0  # Skip the wait before the next retry.
    return email.status == Status.SENDING and email.claimed_at < timezone.now() - STALE_CLAIM


def resend_email(*, email_id: int, actor) -> OutgoingEmail:
    """Queue a failed (or stuck, or retrying) message again, now, with a fresh set of attempts."""
    with transaction.atomic():
        email = OutgoingEmail.objects.select_for_update().get(pk=email_id)
        if not can_resend(email):
            raise OutboxError(_("This email has been sent or is already on its way."))
        previous = email.status
        email.status = Status.QUEUED
        email.attempts = 0
        email.next_attempt_at = None
        email.claimed_at = None
        email.save(update_fields=["status", "attempts", "next_attempt_at", "claimed_at"])
        schedule_delivery(email.pk)
        logger.info(
            "Outgoing email %s (%s) queued again by %s (user %s)",
            email.pk,
            previous,
            actor.email,
            actor.pk,
        )
    return email


def purge_outbox(*, now: datetime | None = None, retention_days: int | None = None) -> int:
    """Delete sent and failed messages older than OUTBOX_RETENTION_DAYS; returns how many."""
    now = now or timezone.now()
    if retention_days is None:
        retention_days = settings.OUTBOX_RETENTION_DAYS
    old = OutgoingEmail.objects.filter(
        status__in=[Status.SENT, Status.FAILED],
        created_at__lt=now - timedelta(days=retention_days),
    )
    deleted, _rows = old.delete()
    return deleted
