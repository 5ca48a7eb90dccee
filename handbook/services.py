"""Every write on the handbook: examples, their workflow and images, editions and chapters.

Each function is keyword-only, runs in one transaction, locks the row it changes before it checks
anything, checks the permission again (views check first, for the buttons), writes, logs a
`HandbookEvent`, and sends its emails after commit. Failures raise `HandbookError` carrying a
translated message a view shows with `messages.error` (or field errors a form shows).

Public API (all keyword-only):

- `create_example(actor, data) -> Example` — written from scratch
- `start_from_initiative(initiative, actor) -> Example` — prefilled from a completed initiative
- `update_example(example, actor, data) -> Example`
- `transition(example, name, actor) -> Example` — submit, publish, return_to_draft, unpublish

`notify=False` (on the writes that email) is for demo data and imports only.
- `add_image(example, actor, picture, alt_sv, alt_en, caption_sv="", caption_en="", credit="")`
- `remove_image(image, actor)`
- `consent_withdrawn(initiative, actor)` — the group took back its consent (signal receiver)
- `save_edition(actor, data, edition=None) -> Edition`, `publish_edition(edition, actor, publish)`
- `save_chapter(edition, actor, data, chapter=None) -> Chapter`, `delete_chapter(chapter, actor)`
- `move_chapter(chapter, actor, step)`, `set_chapter_examples(chapter, actor, examples)`
"""

from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from cities.models import City
from handbook import emails, permissions, workflow
from handbook.models import (
    Chapter,
    ChapterExample,
    Edition,
    Example,
    ExampleImage,
    HandbookEvent,
    Status,
)
from initiatives.models import Initiative
from mobilisering import images
from mobilisering.errors import DomainError


class HandbookError(DomainError):
    """A request the handbook refuses, with a translated message for the person who made it."""


# The example's own fields, as create/update accept them in `data` (`themes` too).
EXAMPLE_FIELDS = [
    "title_sv",
    "title_en",
    "summary_sv",
    "summary_en",
    "body_sv",
    "body_en",
    "lessons_sv",
    "lessons_en",
    "city",
    "group",
]


def _log(actor, action: str, *, example=None, edition=None, **fields) -> HandbookEvent:
    return HandbookEvent.objects.create(
        example=example, edition=edition, actor=actor, action=action, **fields
    )


def _lock(example: Example) -> Example:
    return Example.objects.select_for_update().get(pk=example.pk)


def unique_slug(title: str, *, exclude_pk: int | None = None) -> str:
    """A slug for `title` that no other example has (a number added when needed)."""
    base = slugify(title)[:100] or "berattelse"
    slug, number = base, 2
    taken = Example.objects.exclude(pk=exclude_pk)
    while taken.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


def _check_example_data(data: Mapping[str, Any]) -> None:
    errors: dict[str, list[str]] = {}
    if "title_sv" in data and not (data.get("title_sv") or "").strip():
        errors["title_sv"] = [_("Give the story a Swedish title.")]
    city, group = data.get("city"), data.get("group")
    if "city" in data and not isinstance(city, City):
        errors["city"] = [_("Choose the city.")]
    elif group is not None and city is not None and group.city_id != city.pk:
        errors["group"] = [_("The group must be one of the city's groups.")]
    if errors:
        raise HandbookError(_("Some answers need correcting."), errors=errors)


def _apply(example: Example, data: Mapping[str, Any]) -> None:
    for field in EXAMPLE_FIELDS:
        if field in data:
            value = data[field]
            setattr(example, field, value.strip() if isinstance(value, str) else value)


def create_example(*, actor, data: Mapping[str, Any]) -> Example:
    """A new draft written from scratch by an editor or by staff of its city."""
    _check_example_data({"title_sv": "", "city": None, **data})
    if not permissions.is_writer_for(actor, data["city"].pk):
        raise HandbookError(_("Only editors and the city's staff write stories for it."))
    with transaction.atomic():
        example = Example(created_by=actor)
        _apply(example, data)
        example.slug = unique_slug(example.title_sv)
        example.save()
        if "themes" in data:
            example.themes.set(data["themes"] or [])
        _log(actor, HandbookEvent.Action.CREATE, example=example, to_status=Status.DRAFT)
    return example


def _prefill(initiative: Initiative, report) -> dict[str, str]:
    """The story's first draft, from the initiative's proposal and its final report."""
    gap = [
        (_("Which right is not respected"), initiative.right_at_stake),
        (_("For whom"), initiative.rights_holders),
        (_("Where"), initiative.location),
        (_("How the group knew"), initiative.evidence),
    ]
    parts = [f"## {_('The rights gap')}"]
    parts += [f"**{label}:** {text.strip()}" for label, text in gap if text.strip()]
    if initiative.activities.strip():
        parts += [f"## {_('What the group did')}", initiative.activities.strip()]
    parts += [f"## {_('Outcomes')}"]
    parts.append(
        _(
            "%(people)s people reached, %(activities)s activities held, %(volunteers)s "
            "volunteers involved."
        )
        % {
            "people": report.people_reached,
            "activities": report.activities_held,
            "volunteers": report.volunteers,
        }
    )
    if report.outcomes.strip():
        parts.append(report.outcomes.strip())
    return {
        "title_sv": initiative.title,
        "summary_sv": initiative.summary.strip(),
        "body_sv": "\n\n".join(parts),
        "lessons_sv": report.lessons.strip(),
    }


def start_from_initiative(*, initiative: Initiative, actor) -> Example:
    """Start an example from a completed initiative whose final report consents to being
    featured: title, summary, rights gap, outcomes and lessons are prefilled (in Swedish, the
    group's words), the city, group and themes copied, and the initiative kept as the source.
    If the initiative already has an example, that one is returned."""
    with transaction.atomic():
        locked = (
            Initiative.objects.select_for_update().select_related("group").get(pk=initiative.pk)
        )
        if not permissions.can_start_from(actor, locked):
            raise HandbookError(_("Only editors and the city's staff start stories."))
        report = locked.reports.filter(final=True).first()
        if not permissions.may_be_source(locked, report):
            raise HandbookError(
                _(
                    "Only a completed initiative whose final report consents to being featured "
                    "can become a story."
                )
            )
        existing = Example.objects.filter(source_initiative=locked).first()
        if existing is not None:
            return existing
        # The prefill is in Swedish, the group's own words, whoever starts it.
        with translation.override("sv"):
            data = _prefill(locked, report)
        example = Example(
            created_by=actor,
            city_id=locked.city_id,
            group=locked.group,
            source_initiative=locked,
            # Mostly the group's words, in the language the group wrote them in.
            language=locked.language,
        )
        _apply(example, data)
        example.slug = unique_slug(example.title_sv)
        example.save()
        example.themes.set(locked.themes.all())
        _log(
            actor,
            HandbookEvent.Action.CREATE,
            example=example,
            to_status=Status.DRAFT,
            text=locked.title,
        )
    return example


def update_example(*, example: Example, actor, data: Mapping[str, Any]) -> Example:
    """Save changes to an example (editors always; city staff until it is published)."""
    _check_example_data(data)
    with transaction.atomic():
        locked = _lock(example)
        if not permissions.can_edit(actor, locked):
            raise HandbookError(_("You may not edit this story."))
        if "city" in data and not permissions.is_writer_for(actor, data["city"].pk):
            raise HandbookError(_("You may only move a story to one of your own cities."))
        _apply(locked, data)
        locked.save()
        if "themes" in data:
            locked.themes.set(data["themes"] or [])
        _log(actor, HandbookEvent.Action.EDIT, example=locked)
    return locked


def transition(
    *, example: Example, name: str, actor, message: str = "", notify: bool = True
) -> Example:
    """Move `example` along the workflow transition `name` (see `workflow.TRANSITIONS`).

    Locks the row, then checks that the current status allows the transition (otherwise someone
    else acted first), and that `actor` holds a role allowed to make it. Publishing sets the
    publication time and the publisher; a published example whose source initiative's consent is
    gone cannot be published. Logs one event; sending for review tells the editors."""
    step = workflow.TRANSITIONS.get(name)
    if step is None:
        raise HandbookError(_("This action does not exist."))
    with transaction.atomic():
        locked = _lock(example)
        if locked.status not in step.sources:
            raise HandbookError(
                _(
                    "This could not be done: the story is now “%(status)s”. Someone may have "
                    "acted on it at the same time."
                )
                % {"status": locked.get_status_display()}
            )
        if not workflow.roles_of(actor, locked) & step.actors:
            raise HandbookError(_("You may not do this with this story."))
        if step.target == Status.PUBLISHED:
            source = locked.source_initiative
            if source is not None and not permissions.may_be_source(source):
                raise HandbookError(
                    _("The group has withdrawn its consent: this story cannot be published.")
                )
        from_status = locked.status
        locked.status = step.target
        changed = ["status", "updated_at"]
        if step.target == Status.PUBLISHED:
            locked.published_at = timezone.now()
            locked.published_by = actor
            changed += ["published_at", "published_by"]
        locked.save(update_fields=changed)
        _log(
            actor,
            HandbookEvent.Action.TRANSITION,
            example=locked,
            transition=step.name,
            from_status=from_status,
            to_status=step.target,
            text=message.strip(),
        )
        if notify and step.name == "submit":
            emails.sent_for_review(example=locked, actor=actor)
    example.status, example.published_at = locked.status, locked.published_at
    return locked


# --- Images -----------------------------------------------------------------------------------


def add_image(
    *,
    example: Example,
    actor,
    picture,
    alt_sv: str,
    alt_en: str,
    caption_sv: str = "",
    caption_en: str = "",
    credit: str = "",
) -> ExampleImage:
    """Add a picture that `images.clean_picture` has checked, with alt text in both languages
    (required), and write its renditions."""
    errors = {}
    if not alt_sv.strip():
        errors["alt_sv"] = [_("Describe the picture in Swedish.")]
    if not alt_en.strip():
        errors["alt_en"] = [_("Describe the picture in English.")]
    if errors:
        raise HandbookError(_("Some answers need correcting."), errors=errors)
    with transaction.atomic():
        locked = _lock(example)
        if not permissions.can_edit(actor, locked):
            raise HandbookError(_("You may not edit this story."))
        order = (locked.images.aggregate(last=Max("order"))["last"] or 0) + 1
        item = ExampleImage(
            example=locked,
            alt_sv=alt_sv.strip(),
            alt_en=alt_en.strip(),
            caption_sv=caption_sv.strip(),
            caption_en=caption_en.strip(),
            credit=credit.strip(),
            order=order,
        )
        item.image.save(picture.name or "picture", picture, save=False)
        item.image_renditions = images.make_renditions(item.image)
        item.save()
        locked.save(update_fields=["updated_at"])
        _log(actor, HandbookEvent.Action.IMAGE, example=locked, text=item.alt_sv)
    return item


def remove_image(*, image: ExampleImage, actor) -> None:
    """Remove a picture; its files go once the transaction commits."""
    with transaction.atomic():
        locked = _lock(image.example)
        if not permissions.can_edit(actor, locked):
            raise HandbookError(_("You may not edit this story."))
        field_file, renditions = image.image, list(image.image_renditions)
        image.delete()
        locked.save(update_fields=["updated_at"])
        _log(actor, HandbookEvent.Action.IMAGE, example=locked, text=image.alt_sv)
        transaction.on_commit(lambda: images.delete_picture(field_file, renditions))


# --- Consent ----------------------------------------------------------------------------------


def consent_withdrawn(*, initiative: Initiative, actor) -> list[Example]:
    """The group took back its consent: its examples leave the public site (published or in
    review ones go back to draft), the change is logged, and the editors are told by email.

    Called inside the initiatives service's transaction (through the signal), so both changes
    commit together."""
    changed = []
    for example in Example.objects.select_for_update().filter(source_initiative=initiative):
        from_status = example.status
        if from_status != Status.DRAFT:
            example.status = Status.DRAFT
            example.save(update_fields=["status", "updated_at"])
        _log(
            actor,
            HandbookEvent.Action.CONSENT,
            example=example,
            from_status=from_status,
            to_status=example.status,
        )
        changed.append((example, from_status))
    if changed:
        emails.consent_withdrawn(initiative=initiative, examples=changed)
    return [example for example, _from in changed]


# --- Editions and chapters --------------------------------------------------------------------

# What an edition's and a chapter's forms give (a chapter's slug is then made from its title).
TEXT_FIELDS = ["slug", "title_sv", "title_en", "introduction_sv", "introduction_en"]


def _require_editor(actor) -> None:
    if not permissions.can_manage_editions(actor):
        raise HandbookError(_("Only editors build editions of the handbook."))


def save_edition(*, actor, data: Mapping[str, Any], edition: Edition | None = None) -> Edition:
    """Create an edition, or save changes to one."""
    _require_editor(actor)
    slug = (data.get("slug") or "").strip()
    clash = Edition.objects.filter(slug=slug).exclude(pk=edition.pk if edition else None)
    if slug and clash.exists():
        raise HandbookError(
            _("Some answers need correcting."),
            errors={"slug": [_("Another edition has this address.")]},
        )
    with transaction.atomic():
        if edition is None:
            edition = Edition()
        else:
            edition = Edition.objects.select_for_update().get(pk=edition.pk)
        for field in TEXT_FIELDS:
            if field in data:
                setattr(edition, field, (data[field] or "").strip())
        edition.save()
        _log(actor, HandbookEvent.Action.EDITION, edition=edition, text=edition.title_sv)
    return edition


def publish_edition(*, edition: Edition, actor, publish: bool = True) -> Edition:
    """Publish an edition (it needs at least one chapter), or take it back."""
    _require_editor(actor)
    with transaction.atomic():
        locked = Edition.objects.select_for_update().get(pk=edition.pk)
        if publish and not locked.chapters.exists():
            raise HandbookError(_("Add at least one chapter before publishing the edition."))
        locked.published = publish
        if publish and locked.published_at is None:
            locked.published_at = timezone.now()
        locked.save(update_fields=["published", "published_at", "updated_at"])
        # The step, not a word: the log reads in the reader's language.
        step = "publish" if publish else "unpublish"
        _log(actor, HandbookEvent.Action.EDITION, edition=locked, transition=step)
    edition.published, edition.published_at = locked.published, locked.published_at
    return locked


def _lock_edition(edition_id: int) -> Edition:
    return Edition.objects.select_for_update().get(pk=edition_id)


def save_chapter(
    *, edition: Edition, actor, data: Mapping[str, Any], chapter: Chapter | None = None
) -> Chapter:
    """Add a chapter at the end of the edition, or save changes to one."""
    _require_editor(actor)
    with transaction.atomic():
        locked = _lock_edition(edition.pk)
        slug = (data.get("slug") or "").strip() or slugify(data.get("title_sv") or "")[:80]
        clash = locked.chapters.filter(slug=slug).exclude(pk=chapter.pk if chapter else None)
        if not slug or clash.exists():
            raise HandbookError(
                _("Some answers need correcting."),
                errors={"slug": [_("Give the chapter an address no other chapter has.")]},
            )
        if chapter is None:
            last = locked.chapters.aggregate(last=Max("order"))["last"]
            chapter = Chapter(edition=locked, order=0 if last is None else last + 1)
        for field in TEXT_FIELDS:
            if field in data:
                setattr(chapter, field, (data[field] or "").strip())
        chapter.slug = slug
        chapter.save()
        locked.save(update_fields=["updated_at"])
        _log(actor, HandbookEvent.Action.EDITION, edition=locked, text=chapter.title_sv)
    return chapter


def delete_chapter(*, chapter: Chapter, actor) -> None:
    """Remove a chapter (its examples stay, outside the edition)."""
    _require_editor(actor)
    with transaction.atomic():
        locked = _lock_edition(chapter.edition_id)
        chapter.delete()
        locked.save(update_fields=["updated_at"])
        _log(actor, HandbookEvent.Action.EDITION, edition=locked, text=chapter.title_sv)


def move_chapter(*, chapter: Chapter, actor, step: int) -> None:
    """Move a chapter one place earlier (step=-1) or later (step=1) in its edition."""
    _require_editor(actor)
    with transaction.atomic():
        locked = _lock_edition(chapter.edition_id)
        chapters = list(locked.chapters.order_by("order", "pk"))
        index = next(i for i, c in enumerate(chapters) if c.pk == chapter.pk)
        target = index + step
        if 0 <= target < len(chapters):
            chapters[index], chapters[target] = chapters[target], chapters[index]
        for order, item in enumerate(chapters):
            item.order = order
        Chapter.objects.bulk_update(chapters, ["order"])
        locked.save(update_fields=["updated_at"])
        _log(actor, HandbookEvent.Action.EDITION, edition=locked, text=chapter.title_sv)


def set_chapter_examples(*, chapter: Chapter, actor, examples: Sequence[Example]) -> None:
    """The chapter's examples, in this order (drafts may be placed; only published ones with
    live consent are shown)."""
    _require_editor(actor)
    with transaction.atomic():
        locked = _lock_edition(chapter.edition_id)
        chapter.entries.all().delete()
        seen = set()
        entries = []
        for example in examples:
            if example.pk in seen:
                continue
            seen.add(example.pk)
            entries.append(ChapterExample(chapter=chapter, example=example, order=len(entries)))
        ChapterExample.objects.bulk_create(entries)
        locked.save(update_fields=["updated_at"])
        _log(actor, HandbookEvent.Action.EDITION, edition=locked, text=chapter.title_sv)
