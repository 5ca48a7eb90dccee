"""Email sending shared by every app: rendered in the recipient's language, sent after commit."""

from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation


def languages_for(users: Iterable) -> dict[int, str]:
    """{user id: language} for several people in one query (Swedish for those not yet known)."""
    from mobilisering.models import AccountPreference

    ids = [user.pk for user in users]
    known = dict(
        AccountPreference.objects.filter(user_id__in=ids).values_list("user_id", "language")
    )
    return {pk: known.get(pk, settings.LANGUAGE_CODE) for pk in ids}


def build_email(
    *,
    to: Iterable[str],
    template: str,
    context: dict,
    language: str | None = None,
    reply_to: Iterable[str] = (),
) -> EmailMessage:
    """Render `<template>_subject.txt` and `<template>_body.txt` in `language` into a message."""
    language = language or settings.LANGUAGE_CODE
    with translation.override(language):
        full_context = {"site_url": settings.SITE_URL, "language": language, **context}
        subject = render_to_string(f"{template}_subject.txt", full_context)
        body = render_to_string(f"{template}_body.txt", full_context)
    return EmailMessage(
        subject=" ".join(subject.split()),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=list(to),
        reply_to=list(reply_to) or None,
    )


def send_email_on_commit(message: EmailMessage) -> None:
    """Send once the surrounding transaction commits, so a rolled-back change mails no one."""
    transaction.on_commit(lambda: message.send(fail_silently=False))
