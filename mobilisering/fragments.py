"""Parts of pages that are the same for every visitor, rendered once and kept until they change.

A hub's list of initiatives, the home page's stories, a page of the group directory: each looks
the same to everyone who reads it in one language, and renders in tens of milliseconds at scale.
They are kept, rendered, in each worker's memory (the "fragments" cache) under a key that holds
the versions of the content areas they show, so that nothing stale is ever shown:

- **Areas** are the portal's own apps (cities, initiatives, trainings, handbook). Any change to
  one of their rows, however it is made (a service, the admin, a fixture), inserts a
  `ContentChange` for its area in the same transaction; the area's newest change is its version.
  Writes that skip model signals (`QuerySet.update`, `bulk_create`) call `changed()` themselves.
- **Reading** the versions is one query per request, whatever the number of fragments
  (`versions()`, kept on the request). A fragment found under the current versions is shown as
  it is; otherwise it is rendered, stored and shown.
- **Time** changes what some fragments show (a session starts and leaves "upcoming"), so no
  fragment is kept longer than `FRAGMENT_SECONDS`, and those that depend on the clock less.

Only what is the same for every visitor may be cached: nothing that depends on who is logged in,
no form (a CSRF token), no CSP nonce. Pages cache fragments, never whole responses.

Two ways in: `{% fragment "name" "area other-area" vary… %}…{% endfragment %}` in a template
(mobilisering/templatetags/fragments.py), and `@shared("area", …)` on a page section
(mobilisering/sections.py), which keeps the section's HTML and skips its queries.
"""

import functools
import hashlib

from django.apps import apps
from django.core.cache import caches
from django.db import connection
from django.db.models import Model
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.functional import SimpleLazyObject

from mobilisering.models import ContentChange, current_language
from mobilisering.own_apps import own_app_configs

FRAGMENT_SECONDS = 300
# What belongs to one response only: a fragment holding one of these is shown but never kept,
# whatever its template says (a CSRF token, a form's one-time key, a CSP nonce).
PER_RESPONSE = ('name="csrfmiddlewaretoken"', 'name="form_key"', "nonce=")
# A change every this many ids prunes the area's older rows: the table stays small.
PRUNE_EVERY = 200


@functools.cache
def areas() -> tuple[str, ...]:
    """The content areas: the portal's own apps other than this one, by app label."""
    return tuple(config.label for config in own_app_configs() if config.name != __package__)


def changed(*names: str) -> None:
    """Record a change to these areas (all when none are named), in the current transaction."""
    for area in names or areas():
        change = ContentChange.objects.create(area=area)
        if change.id % PRUNE_EVERY == 0:
            ContentChange.objects.filter(area=area, id__lt=change.id - PRUNE_EVERY).delete()


def versions(request=None) -> dict[str, int]:
    """Each area's newest change id, in one query; kept on the request that asked."""
    known = getattr(request, "_content_versions", None)
    if known is not None:
        return known
    # The table stays short (changed() prunes it), so one grouped scan is cheaper than an index
    # lookup per area, whose planning alone costs more. Written out: it runs on every page, and
    # the ORM took longer to build it than the database to answer it.
    table = connection.ops.quote_name(ContentChange._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT area, MAX(id) FROM {table} GROUP BY area")  # noqa: S608
        newest = dict(cursor.fetchall())
    found = {area: newest.get(area, 0) for area in areas()}
    if request is not None:
        request._content_versions = found
    return found


def key(name: str, shows: tuple[str, ...], vary, request) -> str:
    """The fragment's key: its name, the language, the versions of what it shows, and the
    values it varies on (hashed: they may be long or hold any character)."""
    current = versions(request) if shows else {}  # a fragment of fixed text needs no versions
    state = ",".join(f"{area}{current[area]}" for area in shows)
    digest = hashlib.sha256(repr(tuple(_identity(value) for value in vary)).encode()).hexdigest()
    return f"fragment:{name}:{current_language()}:{state}:{digest[:32]}"


def cached(
    name: str, shows: tuple[str, ...], vary, request, render, *, seconds=None, visitors=False
) -> str:
    """The fragment's HTML from the cache, or `render()`'s, stored for the next visitor. With
    `visitors`, kept only for people who are not logged in; without a request (an email, a PDF)
    there is no visitor's page to keep it for."""
    return kept(
        name, shows, vary, request, render, seconds=seconds, visitors=visitors, check=_shareable
    )


def kept(
    name: str,
    shows: tuple[str, ...],
    vary,
    request,
    compute,
    *,
    seconds=None,
    visitors=False,
    check=None,
):
    """`compute()`'s value (anything the cache can store: a page's title and picture, say), kept
    like a fragment's HTML and under the same rules; `check(value)` may refuse to keep one."""
    unknown = set(shows) - set(areas())
    if unknown:
        raise ValueError(f"unknown content areas: {sorted(unknown)}")
    if request is None or (visitors and _maybe_logged_in(request)):
        return compute()
    store = caches["fragments"]
    fragment_key = key(name, shows, vary, request)
    value = store.get(fragment_key, _MISSING)
    if value is _MISSING:
        value = compute()
        if check is None or check(value):
            store.set(fragment_key, value, seconds or FRAGMENT_SECONDS)
    return value


_MISSING = object()


def _maybe_logged_in(request) -> bool:
    """Whether someone is logged in; also for a page answered before anyone was identified (a
    malformed address refused by the first middleware), which is not kept either."""
    user = getattr(request, "user", None)
    return user is None or user.is_authenticated


def _shareable(html: str) -> bool:
    return not any(marker in html for marker in PER_RESPONSE)


def shared(*shows: str, seconds: int | None = None, visitors: bool = False):
    """Mark a page section (`home(request)`, `hub(request, city)`…) as the same for every
    visitor: its HTML is kept under the versions of `shows`, and its queries skipped. With
    `visitors`, only for people who are not logged in (members may see more)."""

    def mark(function):
        function.fragment_shows = shows
        function.fragment_seconds = seconds
        function.fragment_visitors = visitors
        return function

    return mark


def lazy_context(compute, names) -> dict:
    """A template context whose values `compute()` (a dict) works out only when a template
    first uses one of them: a page whose body is a kept fragment then skips that work."""
    everything = SimpleLazyObject(compute)
    return {name: SimpleLazyObject(functools.partial(_item, everything, name)) for name in names}


def _item(values, name):
    return values[name]


def _identity(value):
    if isinstance(value, Model):
        return (value._meta.label, value.pk)
    return value


def _record(sender, **kwargs) -> None:
    changed(sender._meta.app_label)


def _record_relation(sender, action, **kwargs) -> None:
    if action in {"post_add", "post_remove", "post_clear"}:
        changed(sender._meta.app_label)


def connect() -> None:
    """Record every saved or deleted row of an area (called once, from the app's ready()).

    Connected model by model, the areas' models only: a model with delete receivers loses
    Django's fast bulk delete, which the outbox's and the sessions' clean-ups rely on. Data
    migrations use historical models, which are not these classes, so they record nothing
    (the table may not exist yet when they run)."""
    for area in areas():
        for model in apps.get_app_config(area).get_models(include_auto_created=True):
            uid = f"fragments-{model._meta.label_lower}"
            post_save.connect(_record, sender=model, dispatch_uid=f"{uid}-save")
            post_delete.connect(_record, sender=model, dispatch_uid=f"{uid}-delete")
            # Sent with the table behind a many-to-many field as sender (an add() skips save()).
            m2m_changed.connect(_record_relation, sender=model, dispatch_uid=f"{uid}-m2m")
