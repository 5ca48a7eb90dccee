"""The development mail backend (EMAIL_URL=console://): each message printed as a person would
read it. Django's own console backend prints the raw MIME message, whose quoted-printable body
breaks long lines (and so the links in them) with "=" signs."""

from django.core.mail.backends.console import EmailBackend as DjangoConsoleBackend


class EmailBackend(DjangoConsoleBackend):
    def write_message(self, message):
        lines = [
            f"From: {message.from_email}",
            f"To: {', '.join(message.to)}",
        ]
        if message.cc:
            lines.append(f"Cc: {', '.join(message.cc)}")
        if message.reply_to:
            lines.append(f"Reply-To: {', '.join(message.reply_to)}")
        lines += [f"Subject: {message.subject}", "", message.body.rstrip()]
        alternatives = [mimetype for _content, mimetype in getattr(message, "alternatives", [])]
        attachments = [
            attachment[0] if isinstance(attachment, tuple) else attachment.get_filename()
            for attachment in message.attachments
        ]
        if alternatives:
            lines += ["", f"(also sent as {', '.join(alternatives)})"]
        if attachments:
            lines += ["", f"(attached: {', '.join(str(name) for name in attachments)})"]
        self.stream.write("\n".join(lines) + "\n" + "-" * 79 + "\n")
