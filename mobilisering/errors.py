"""The error a service raises when it refuses a request, and how a form shows it."""

from collections.abc import Mapping


class DomainError(Exception):
    """A request a service refuses, with a translated message for the person who made it."""

    def __init__(self, message: str, *, errors: Mapping[str, list[str]] | None = None):
        super().__init__(message)
        self.message = message
        # Field name -> messages, for errors a form can show next to its fields.
        self.errors: dict[str, list[str]] = dict(errors or {})

    def __str__(self) -> str:
        return str(self.message)


def add_to_form(form, error: DomainError) -> None:
    """Show a service's field errors next to the form's fields (others in the summary)."""
    for field, texts in error.errors.items():
        for text in texts:
            form.add_error(field if field in form.fields else None, text)
    if not error.errors:
        form.add_error(None, error.message)
