"""Background tasks (django.tasks); the worker runs them: `manage.py db_worker` by default."""

from django.tasks import task

from mobilisering import outbox


@task
def deliver_email(email_id: int) -> str:
    """Deliver one outbox message (see mobilisering.outbox.deliver)."""
    return outbox.deliver(email_id)
