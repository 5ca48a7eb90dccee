"""Email shared by every app: rendered in the recipient's language, kept in the outbox.

A message is never sent in the request that causes it. It is stored, fully rendered, in the
outbox in the same transaction as the change it tells about, and a task delivers it
(mobilisering.outbox). A mail server that is down delays mail; it loses nothing and breaks no page.
"""

import base64
from collections.abc import Iterable
from email.mime.base import MIMEBase

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from mobilisering.models import AccountPreference, OutgoingEmail


def languages_for(users: Iterable) -> dict[int, str]:
    """{user id: language} for several people in one query (Swedish for those not yet known)."""
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
    """Put `message` in the outbox as part of the surrounding transaction; it is delivered once
    that commits, so a rolled-back change mails no one and a failing mail server fails nothing."""
    from mobilisering import outbox

    outbox.schedule_delivery(store_email(message).pk)


def _attachment(attachment) -> dict:
    if isinstance(attachment, MIMEBase):
        filename = attachment.get_filename() or "attachment"
        content, mimetype = attachment.get_payload(decode=True), attachment.get_content_type()
    else:
        filename, content, mimetype = attachment
    if isinstance(content, str):
        return {"filename": filename, "mimetype": mimetype, "content": content, "base64": False}
    return {
        "filename": filename,
        "mimetype": mimetype,
        "content": base64.b64encode(content).decode("ascii"),
        "base64": True,
    }


def store_email(message: EmailMessage):
    """The message as an outbox row (everything needed to send it again, attachments too)."""
    return OutgoingEmail.objects.create(
        from_email=message.from_email or settings.DEFAULT_FROM_EMAIL,
        to=list(message.to),
        cc=list(message.cc),
        bcc=list(message.bcc),
        reply_to=list(message.reply_to),
        subject=str(message.subject),
        body=str(message.body),
        alternatives=[
            {"content": str(content), "mimetype": mimetype}
            for content, mimetype in getattr(message, "alternatives", [])
        ],
        attachments=[_attachment(attachment) for attachment in message.attachments],
        headers={str(key): str(value) for key, value in message.extra_headers.items()},
    )


def message_from_outbox(email) -> EmailMultiAlternatives:
    """The stored row as a message again, ready for the delivery mailer."""
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.body,
        from_email=email.from_email,
        to=email.to,
        cc=email.cc,
        bcc=email.bcc,
        reply_to=email.reply_to or None,
        headers=email.headers or None,
    )
    for alternative in email.alternatives:
        message.attach_alternative(alternative["content"], alternative["mimetype"])
    for item in email.attachments:
        content = base64.b64decode(item["content"]) if item["base64"] else item["content"]
        message.attach(item["filename"], content, item["mimetype"])
    return message


class OutboxBackend(BaseEmailBackend):
    """The web process's default mailer: every message, whoever sends it (allauth's password
    reset and address confirmation, Django's own), goes into the outbox instead of to SMTP."""

    def send_messages(self, email_messages) -> int:
        with transaction.atomic():
            for message in email_messages:
                send_email_on_commit(message)
        return len(email_messages)
