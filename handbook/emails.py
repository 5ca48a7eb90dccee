"""Emails about the handbook, to its editors.

Called by the services inside their transaction; each message is built in its recipient's
language and sent after commit.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Q
from django.urls import reverse
from django.utils import translation

from mobilisering.email import build_email, languages_for, send_email_on_commit


def editors(*, exclude=None) -> list:
    """Everyone given the editor's permission (directly or through a group), with an email."""
    permission = Permission.objects.filter(
        content_type__app_label="handbook", codename="publish_example"
    ).first()
    if permission is None:
        return []
    people = (
        get_user_model()
        .objects.filter(Q(user_permissions=permission) | Q(groups__permissions=permission))
        .filter(is_active=True)
        .distinct()
    )
    return [person for person in people if person.email and person != exclude]


def _send(people, *, template: str, context: dict, example) -> None:
    languages = languages_for(people)
    for person in people:
        language = languages[person.pk]
        with translation.override(language):
            path = reverse("handbook:staff_example", args=[example.pk])
        send_email_on_commit(
            build_email(
                to=[person.email],
                template=template,
                context={**context, "recipient": person, "path": path},
                language=language,
            )
        )


def sent_for_review(*, example, actor) -> None:
    """A story waits for an editor."""
    _send(
        editors(exclude=actor),
        template="handbook/email/review",
        context={"example": example},
        example=example,
    )


def consent_withdrawn(*, initiative, examples) -> None:
    """The group behind these examples withdrew its consent; they are off the public site."""
    first = examples[0][0]
    _send(
        editors(),
        template="handbook/email/consent_withdrawn",
        context={
            "initiative_title": initiative.title,
            "group_name": initiative.group.name,
            "examples": [example for example, _from in examples],
        },
        example=first,
    )
