"""Create-forms that create once: a one-time key per rendered form, spent in the service.

A form carries `form_key` (`OnceFormMixin`), a random key made when the form is shown. The
service that creates something calls `spend()` inside its transaction before it writes: the
first post spends the key and creates; a second post of the same form (a double click, a reload
of the result page, a retry after a timeout) finds the key spent and gets the first post's
object back. Two posts at the same moment meet at the database's unique constraint, so this
holds across any number of workers. A post without a key (an old page, a script) creates as
before.
"""

import secrets
from dataclasses import dataclass
from datetime import timedelta

from django import forms
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from mobilisering.models import FormSubmission

# Spent keys are kept this long, far longer than anyone waits to click again; the daily
# purge_personal_data deletes older ones.
KEEP_FOR = timedelta(days=2)


def new_form_key() -> str:
    return secrets.token_urlsafe(24)


class OnceFormMixin(forms.Form):
    """Adds the hidden one-time key; `form_key` in cleaned_data goes to the service."""

    form_key = forms.CharField(
        required=False, max_length=64, widget=forms.HiddenInput, initial=new_form_key
    )


@dataclass
class Spent:
    """The key was spent by an earlier post, which created `result_id` (None: nothing yet)."""

    result_id: int | None


class Claim:
    """A key this post has spent; `done(obj)` records what it created."""

    def __init__(self, submission: FormSubmission | None):
        self.submission = submission

    def done(self, obj) -> None:
        if self.submission is not None:
            self.submission.result_id = obj.pk
            self.submission.save(update_fields=["result_id"])


def is_spent(*, key: str, action: str, user) -> bool:
    """Has a post of this form already created something? For a form whose own checks would
    refuse a repeat (a group's name is then taken by the group the first post registered)."""
    if not key:
        return False
    user_id = user.pk if user is not None and user.is_authenticated else None
    return FormSubmission.objects.filter(
        action=action, key=key, user_id=user_id, result_id__isnull=False
    ).exists()


def earlier(source, spent: Spent, *, error: type[Exception]):
    """What the earlier post of the same form created (`spent.result_id` in `source`, a model or
    a queryset), marked `repeated_post = True` for the view to say so; `error` (a DomainError)
    when it is gone or not created yet."""
    queryset = source._default_manager.all() if isinstance(source, type) else source
    obj = queryset.filter(pk=spent.result_id).first()
    if obj is None:
        raise error(_("This form has already been sent."))
    obj.repeated_post = True
    return obj


def spend(*, key: str, action: str, user) -> Claim | Spent:
    """Spend `key` for `action` inside the caller's transaction.

    Returns a `Claim` when this post is the first (create, then call `claim.done(obj)`), or
    `Spent` with the first post's result when the key was spent before. Must run inside
    `transaction.atomic()`, so the key is spent only if the creation commits.
    """
    if not key:
        return Claim(None)
    user_id = user.pk if user is not None and user.is_authenticated else None
    try:
        with transaction.atomic():
            submission = FormSubmission.objects.create(action=action, key=key, user_id=user_id)
    except IntegrityError:
        # Another post of the same form got there first; on PostgreSQL the insert waited for it
        # to commit, so its result is there to read.
        earlier = FormSubmission.objects.filter(action=action, key=key).first()
        if earlier is None or earlier.user_id != user_id:
            return Claim(None)
        return Spent(earlier.result_id)
    return Claim(submission)
