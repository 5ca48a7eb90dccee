from django.core.management.base import BaseCommand

from mobilisering import outbox


class Command(BaseCommand):
    help = (
        "Deliver every outbox email that is due, in this process. The task worker does this on "
        "its own; run this when the queue itself was down (e.g. Redis), or with "
        "TASKS_BACKEND=immediate, whose failed emails wait for it."
    )

    def handle(self, *args, **options):
        outcomes = outbox.deliver_due()
        summary = ", ".join(f"{count} {outcome}" for outcome, count in sorted(outcomes.items()))
        self.stdout.write(f"Outbox: {summary or 'nothing due'}.")
