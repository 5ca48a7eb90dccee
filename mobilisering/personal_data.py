"""Each person's own data: the copy they can take out, the deletion of their account, and the
retention rules that `manage.py purge_personal_data` applies and the privacy page states.

The apps contribute through functions in `<app>/personal_data.py`, found like page sections
(mobilisering/sections.py), so this module imports none of their models:

- `export(user, addresses)`: a list of `Section`s, what the app holds about the person;
- `deletion_blockers(user)`: messages saying why the account cannot be deleted yet;
- `erase(user, addresses, now)`: delete or anonymise the app's personal data of the person;
- `purge(now)`: apply the app's retention rules, returning {rule: rows removed};
- `retention()`: the app's `Rule`s for the privacy page, from the settings its `purge` reads.

`addresses` are the person's email addresses, lower-cased.
"""

import datetime
import io
import json
import uuid
import zipfile
from dataclasses import dataclass, field
from datetime import timedelta
from email.utils import getaddresses

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.db import connections, router, transaction
from django.db.models import CharField, Q
from django.db.models.functions import Cast
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mobilisering import email as portal_email
from mobilisering import submissions
from mobilisering.errors import DomainError
from mobilisering.models import (
    AccountPreference,
    FormSubmission,
    OutgoingEmail,
    PersonalDataLog,
    PurgeRun,
)
from mobilisering.outbox import purge_outbox
from mobilisering.permissions import is_programme_staff
from mobilisering.sections import provided

# A deleted account stays as an inactive, anonymised row, so that what the person wrote and
# decided keeps its place in the groups' pages and the audit trails; its username says which
# label the pages show for it.
FORMER_MEMBER_PREFIX = "former-member-"
FORMER_STAFF_PREFIX = "former-staff-"


class AccountError(DomainError):
    """The account cannot be deleted; `reasons` lists what still holds it."""

    def __init__(self, message: str, reasons: list[str] | None = None):
        super().__init__(message)
        self.reasons = reasons or []


@dataclass
class Section:
    """One part of the export: `fields` are (key, label) pairs, `items` dicts by those keys."""

    key: str
    title: str
    fields: list[tuple[str, str]]
    items: list[dict] = field(default_factory=list)


@dataclass
class Rule:
    """One retention rule as the privacy page states it."""

    what: str
    why: str
    kept: str


def _from_apps(name: str):
    return provided(name, module="personal_data")


# --- Who a person is, for the pages -------------------------------------------------------------


def is_former(user) -> bool:
    return bool(user) and user.username.startswith((FORMER_MEMBER_PREFIX, FORMER_STAFF_PREFIX))


def display_name(user) -> str:
    """A person's name (or address) as pages show it; a deleted account's label instead."""
    if user is None:
        return ""
    if user.username.startswith(FORMER_STAFF_PREFIX):
        return _("former staff member")
    if user.username.startswith(FORMER_MEMBER_PREFIX):
        return _("former member")
    return user.get_full_name() or user.email


def email_addresses(user) -> list[str]:
    """Every address of the account (verified or not), lower-cased, the account's own first."""
    addresses = [user.email.lower()] if user.email else []
    for address in EmailAddress.objects.filter(user=user).values_list("email", flat=True):
        if address.lower() not in addresses:
            addresses.append(address.lower())
    return addresses


def email_matches(addresses: list[str]) -> Q:
    """Rows whose `email` is one of `addresses`, in any letter case (none when there are none)."""
    condition = Q(pk__in=[])
    for address in addresses:
        condition |= Q(email__iexact=address)
    return condition


def verified_addresses(user) -> list[str]:
    """The addresses the person has proved are theirs: what they registered for a training
    with, before or after the account existed, is theirs when it used one of these."""
    return sorted(
        {
            address.lower()
            for address in EmailAddress.objects.filter(user=user, verified=True).values_list(
                "email", flat=True
            )
        }
    )


def emails_to(addresses: list[str]):
    """The outbox's messages to any of `addresses` (one query; the recipients are matched
    exactly in Python, since the list is JSON and SQLite cannot search inside it)."""
    if not addresses:
        return []
    wanted = set(addresses)
    condition = Q()
    for address in addresses:
        condition |= Q(to_text__icontains=address)
    candidates = (
        OutgoingEmail.objects.annotate(to_text=Cast("to", CharField()))
        .filter(condition)
        .only("id", "to", "subject", "created_at", "sent_at", "status")
        .order_by("-created_at", "-id")
    )
    return [
        message
        for message in candidates
        if {address.lower() for _name, address in getaddresses(message.to)} & wanted
    ]


# --- Export -------------------------------------------------------------------------------------


def _account_sections(user) -> list[Section]:
    preference = AccountPreference.objects.filter(user=user).first()
    account = Section(
        "account",
        _("Account"),
        [
            ("email", _("Email address")),
            ("first_name", _("First name")),
            ("last_name", _("Last name")),
            ("date_joined", _("Account created")),
            ("last_login", _("Last login")),
            ("language", _("Language for emails")),
        ],
        [
            {
                "email": user.email,
                "first_name": user.first_name,
                "last_name": user.last_name,
                "date_joined": user.date_joined,
                "last_login": user.last_login,
                "language": preference.language if preference else settings.LANGUAGE_CODE,
            }
        ],
    )
    addresses = Section(
        "email_addresses",
        _("Email addresses"),
        [("email", _("Email address")), ("verified", _("Verified")), ("primary", _("Primary"))],
        [
            {"email": row.email, "verified": row.verified, "primary": row.primary}
            for row in EmailAddress.objects.filter(user=user).order_by("-primary", "email")
        ],
    )
    return [account, addresses]


def _email_section(addresses: list[str]) -> Section:
    return Section(
        "emails",
        _("Emails the portal sent you"),
        [("subject", _("Subject")), ("date", _("Date"))],
        [
            {"subject": message.subject, "date": message.sent_at or message.created_at}
            for message in emails_to(addresses)
        ],
    )


def _log_section(user) -> Section:
    return Section(
        "data_requests",
        _("Copies of your data"),
        [("action", _("What")), ("date", _("Date"))],
        [
            {"action": entry.get_action_display(), "date": entry.created_at}
            for entry in PersonalDataLog.objects.filter(user=user)
        ],
    )


def collect(user) -> list[Section]:
    """Everything the portal holds about `user`, section by section (a bounded number of
    queries: each section is one or two, whatever the amount of data)."""
    addresses = email_addresses(user)
    verified = verified_addresses(user)
    sections = _account_sections(user)
    for export in _from_apps("export"):
        sections.extend(export(user, verified))
    sections.append(_email_section(addresses))
    sections.append(_log_section(user))
    return sections


def _json_value(value):
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def export_archive(*, user) -> bytes:
    """The person's data as a ZIP: `data.json` and a readable `index.html`; logged."""
    sections = collect(user)
    now = timezone.now()
    data = {
        "generated_at": _json_value(now),
        "site": settings.SITE_URL,
        **{
            section.key: [
                {key: _json_value(value) for key, value in item.items()} for item in section.items
            ]
            for section in sections
        },
    }
    html = render_to_string(
        "account/export.html",
        {
            "sections": [
                {
                    "title": section.title,
                    "labels": [label for _key, label in section.fields],
                    "rows": [
                        [(label, item.get(key)) for key, label in section.fields]
                        for item in section.items
                    ],
                }
                for section in sections
            ],
            "generated_at": now,
            "site_url": settings.SITE_URL,
            "contact_email": settings.CONTACT_EMAIL,
        },
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.json", json.dumps(data, ensure_ascii=False, indent=2))
        archive.writestr("index.html", html)
    PersonalDataLog.objects.create(user=user, action=PersonalDataLog.Action.EXPORT)
    return buffer.getvalue()


# --- Deletion -----------------------------------------------------------------------------------


def deletion_blockers(user) -> list[str]:
    """Why the account cannot be deleted now (empty when it can)."""
    return [reason for blockers in _from_apps("deletion_blockers") for reason in blockers(user)]


def _was_staff(user) -> bool:
    return (
        user.is_staff
        or user.is_superuser
        or is_programme_staff(user)
        or user.has_perm("handbook.publish_example")
    )


def delete_account(*, user, password: str) -> None:
    """Delete the person's account: their personal data goes, what they wrote stays with their
    groups (and their decisions in the audit trails) under "former member" or "former staff
    member". Every session of the account ends: the password becomes unusable, and Django
    refuses a session whose password hash no longer matches. Refused while the person is the
    last administrator of a group with initiatives in progress.
    """
    user_model = get_user_model()
    with transaction.atomic():
        user = user_model.objects.select_for_update().get(pk=user.pk)
        if not user.is_active or is_former(user):
            raise AccountError(_("This account is already deleted."))
        if not user.check_password(password):
            raise AccountError(
                _("The password is not correct. Enter the password you log in with.")
            )
        reasons = deletion_blockers(user)
        if reasons:
            raise AccountError(_("Your account cannot be deleted yet."), reasons)
        now = timezone.now()
        addresses = email_addresses(user)
        if user.email:
            # Written to the outbox now, while the address is still known.
            language = portal_email.languages_for([user])[user.pk]
            portal_email.send_email_on_commit(
                portal_email.build_email(
                    to=[user.email],
                    template="account/email/deleted",
                    context={"contact_email": settings.CONTACT_EMAIL},
                    language=language,
                )
            )
        was_staff = _was_staff(user)
        for erase in _from_apps("erase"):
            erase(user, addresses, now)
        delivered = [
            message.pk
            for message in emails_to(addresses)
            if message.status in {OutgoingEmail.Status.SENT, OutgoingEmail.Status.FAILED}
        ]
        OutgoingEmail.objects.filter(pk__in=delivered).delete()
        EmailAddress.objects.filter(user=user).delete()
        AccountPreference.objects.filter(user=user).delete()
        FormSubmission.objects.filter(user=user).delete()
        user.groups.clear()
        user.user_permissions.clear()
        prefix = FORMER_STAFF_PREFIX if was_staff else FORMER_MEMBER_PREFIX
        user.username = f"{prefix}{uuid.uuid4().hex}"
        user.email = ""
        user.first_name = ""
        user.last_name = ""
        user.is_active = False
        user.is_staff = False
        user.is_superuser = False
        user.last_login = None
        user.set_unusable_password()
        user.save()
        PersonalDataLog.objects.create(user=user, action=PersonalDataLog.Action.DELETION)


# --- Retention ----------------------------------------------------------------------------------


def _purge_unverified_accounts(now) -> int:
    """Sign-ups whose address was never confirmed: they never logged in, so they hold nothing
    but the address; deleted UNVERIFIED_ACCOUNT_DAYS after the sign-up."""
    cutoff = now - timedelta(days=settings.UNVERIFIED_ACCOUNT_DAYS)
    verified = EmailAddress.objects.filter(verified=True).values("user_id")
    unverified = EmailAddress.objects.filter(verified=False).values("user_id")
    stale = (
        get_user_model()
        .objects.filter(
            pk__in=unverified,
            date_joined__lt=cutoff,
            last_login__isnull=True,
            is_staff=False,
            is_superuser=False,
        )
        .exclude(pk__in=verified)
    )
    ids = list(stale.values_list("pk", flat=True))
    if not ids:
        return 0
    get_user_model().objects.filter(pk__in=ids).delete()
    return len(ids)


def _purge_expired_cache_rows(now) -> int:
    """Rate-limit counts (hashed addresses and client addresses) outlive their window in the
    database cache until the cache culls; delete every expired row. Redis expires its own."""
    shared = caches["default"]
    if not isinstance(shared, DatabaseCache):
        return 0
    db = router.db_for_write(shared.cache_model_class)
    connection = connections[db]
    table = connection.ops.quote_name(shared._table)
    expires = connection.ops.quote_name("expires")
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {table} WHERE {expires} < %s",  # noqa: S608 - names quoted above
            [connection.ops.adapt_datetimefield_value(now.replace(microsecond=0))],
        )
        return max(cursor.rowcount, 0)


def _purge_form_keys(now) -> int:
    deleted, _rows = FormSubmission.objects.filter(
        created_at__lt=now - submissions.KEEP_FOR
    ).delete()
    return deleted


def purge(now) -> dict[str, int]:
    return {
        "unverified_accounts": _purge_unverified_accounts(now),
        "expired_cache_entries": _purge_expired_cache_rows(now),
        "form_keys": _purge_form_keys(now),
        "outbox_emails": purge_outbox(now=now),
    }


def purge_personal_data(*, now: datetime.datetime | None = None) -> PurgeRun:
    """Apply every retention rule, the apps' and the portal's, and record the run. Each rule
    deletes only what is due, so running it again (or twice a day) changes nothing more."""
    started = timezone.now()
    now = now or started
    counts: dict[str, int] = {}
    for app_purge in [*_from_apps("purge"), purge]:
        with transaction.atomic():
            counts.update(app_purge(now))
    return PurgeRun.objects.create(started_at=started, finished_at=timezone.now(), counts=counts)


def _days(days: int) -> str:
    return ngettext("%(count)s day", "%(count)s days", days) % {"count": days}


def retention() -> list[Rule]:
    """What is kept, why and for how long, from the settings the purge reads."""
    rules = [
        Rule(
            _("Your account: email addresses, name if you give one, password (hashed), language"),
            _("To let you log in and to tell you about your groups' work"),
            _("Until you delete the account on My page"),
        ),
        Rule(
            _("An account whose email address was never confirmed"),
            _("To let the person finish signing up"),
            _days(settings.UNVERIFIED_ACCOUNT_DAYS),
        ),
    ]
    for app_rules in _from_apps("retention"):
        rules.extend(app_rules())
    rules += [
        Rule(
            _("Emails the portal sent (including messages through the contact form)"),
            _("To deliver them and to find out why one did not arrive"),
            _days(settings.OUTBOX_RETENTION_DAYS),
        ),
        Rule(
            _("Counts of attempts per hashed address, to limit abuse of forms and logins"),
            _("To stop spam and password guessing"),
            _("Until the counting window ends, at most a day"),
        ),
        Rule(
            _("When you took a copy of your data or deleted your account"),
            _("To show that your request was carried out"),
            _("As long as the programme's records are kept"),
        ),
    ]
    return rules
