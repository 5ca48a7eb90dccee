"""Emails about initiatives, to the other side: group admins ↔ the city's staff.

Called by the services inside their transaction; each message is built in its recipient's
language (the one they last used the portal in) and sent after commit.
"""

from django.contrib.auth import get_user_model
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation

from initiatives import workflow
from initiatives.models import Initiative, InitiativeEvent, Report
from initiatives.permissions import is_member
from mobilisering.email import build_email, languages_for, send_email_on_commit


def _reachable(people, *, exclude) -> list:
    """Those of `people` who have an email address, without `exclude` (who acted)."""
    return [person for person in people if person != exclude and person.email]


def _admins(group_id: int):
    return get_user_model().objects.filter(
        group_memberships__group_id=group_id, group_memberships__role="admin"
    )


def group_recipients(initiative: Initiative, *, exclude=None) -> list:
    """The group's admins (all its members if it has no admin), without `exclude`."""
    people = list(_admins(initiative.group_id)) or list(
        get_user_model().objects.filter(group_memberships__group_id=initiative.group_id)
    )
    return _reachable(people, exclude=exclude)


def staff_recipients(initiative: Initiative, *, exclude=None) -> list:
    """The assigned reviewer if there is one, otherwise every staff member of the city."""
    User = get_user_model()
    if initiative.assigned_to_id:
        people = list(User.objects.filter(pk=initiative.assigned_to_id))
    else:
        people = list(User.objects.filter(city_staff__city_id=initiative.city_id))
    return _reachable(people, exclude=exclude)


def _url(initiative: Initiative, *, for_staff: bool, language: str) -> str:
    with translation.override(language):
        if for_staff:
            try:
                return reverse("initiatives:staff_detail", args=[initiative.pk])
            except NoReverseMatch:
                pass  # The staff page is added by the staff workspace; the detail page serves.
        return reverse("initiatives:detail", args=[initiative.pk])


def _send(people: list, *, initiative: Initiative, for_staff: bool, template: str, context: dict):
    languages = languages_for(people)
    for person in people:
        language = languages[person.pk]
        send_email_on_commit(
            build_email(
                to=[person.email],
                template=template,
                language=language,
                context={
                    "initiative": initiative,
                    "group_name": initiative.group.name,
                    "recipient": person,
                    "for_staff": for_staff,
                    "path": _url(initiative, for_staff=for_staff, language=language),
                    **context,
                },
            )
        )


def transition_made(
    *,
    initiative: Initiative,
    step: workflow.Transition,
    event: InitiativeEvent,
    actor,
    side: str,
) -> None:
    """Tell the other side that `actor` made `step`. A draft withdrawn before it was ever
    submitted concerns no one at the city mission, so it is not emailed."""
    if side == workflow.GROUP:
        if event.from_status == "draft" and step.name != "submit":
            return
        people = staff_recipients(initiative, exclude=actor)
    else:
        people = group_recipients(initiative, exclude=actor)
    _send(
        people,
        initiative=initiative,
        for_staff=side == workflow.GROUP,
        template="initiatives/email/transition",
        context={
            "step": step,
            "event": event,
            "actor": actor,
            "next_step": workflow.next_step(initiative),
        },
    )


def message_written(*, initiative: Initiative, comment, actor) -> None:
    """A message (not an internal comment) goes to the other side."""
    from_group = is_member(actor, initiative)
    people = (
        staff_recipients(initiative, exclude=actor)
        if from_group
        else group_recipients(initiative, exclude=actor)
    )
    _send(
        people,
        initiative=initiative,
        for_staff=from_group,
        template="initiatives/email/message",
        context={"comment": comment, "actor": actor},
    )


def report_written(*, initiative: Initiative, report: Report, actor) -> None:
    """The city's staff hear of a new progress or final report."""
    _send(
        staff_recipients(initiative, exclude=actor),
        initiative=initiative,
        for_staff=True,
        template="initiatives/email/report",
        context={"report": report, "actor": actor},
    )


def partners_named(*, initiative: Initiative, actor) -> None:
    """On submission, the admins of each partner group not yet told hear that they are named
    and can confirm on the initiative's page."""
    partnerships = list(
        initiative.partnerships.filter(notified_at__isnull=True).select_related("group")
    )
    for partnership in partnerships:
        _send(
            _reachable(_admins(partnership.group_id), exclude=actor),
            initiative=initiative,
            for_staff=False,
            template="initiatives/email/partner",
            context={"partner": partnership.group},
        )
    initiative.partnerships.filter(pk__in=[p.pk for p in partnerships]).update(
        notified_at=timezone.now()
    )


def partnership_confirmed(*, initiative: Initiative, group, actor) -> None:
    """The initiative's group admins hear that a partner confirmed."""
    _send(
        group_recipients(initiative, exclude=actor),
        initiative=initiative,
        for_staff=False,
        template="initiatives/email/partner_confirmed",
        context={"partner": group},
    )
