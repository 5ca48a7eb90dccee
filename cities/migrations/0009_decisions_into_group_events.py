# The decisions taken before groups had an event log become its first events, with their time,
# so the review page's log shows them as before.

from django.db import migrations


def copy_decisions(apps, schema_editor):
    GroupDecision = apps.get_model("cities", "GroupDecision")
    GroupEvent = apps.get_model("cities", "GroupEvent")
    for decision in GroupDecision.objects.order_by("pk").iterator():
        event = GroupEvent.objects.create(
            group_id=decision.group_id,
            actor_id=decision.actor_id,
            kind="decided",
            data={"action": decision.action, "message": decision.message},
        )
        # created_at is set on insert; the decision's own time is the truth.
        GroupEvent.objects.filter(pk=event.pk).update(created_at=decision.created_at)


def remove_copies(apps, schema_editor):
    apps.get_model("cities", "GroupEvent").objects.filter(kind="decided").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("cities", "0008_group_events_and_written_language"),
    ]

    operations = [migrations.RunPython(copy_decisions, remove_copies)]
