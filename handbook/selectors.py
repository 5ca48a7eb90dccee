"""Reads that several pages share, each a fixed number of queries whatever the data's size.

Consent is live: an example whose source initiative's final report no longer consents is not
public, whatever its status (`public_examples`), so it leaves the stories, the web handbook and
the next PDF at once — also when the report is changed by other means than the group's button.
"""

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, prefetch_related_objects

from handbook.models import Chapter, ChapterExample, Edition, Example, ExampleImage, Status
from initiatives.models import Report


def consenting_reports(initiative) -> QuerySet:
    """The final reports of `initiative` (an initiative, its id or an OuterRef to one) that
    consent to being featured: the one rule for what consent is."""
    return Report.objects.filter(initiative=initiative, final=True, consent_to_feature=True)


def consenting_report(initiative) -> Exists:
    """Whether `initiative` (an initiative or an OuterRef to one) has a final report that
    consents to being featured."""
    return Exists(consenting_reports(initiative))


def consent_still_given(initiative_id: int | None) -> bool:
    """For one example kept for visitors: whether its source's final report still consents
    (always, for an example written from scratch). Asked on every request, so that consent
    withdrawn by any means takes the story off at once."""
    return initiative_id is None or consenting_reports(initiative_id).exists()


def consent_holds() -> Q:
    """Examples written from scratch, or whose source's final report consents."""
    return Q(source_initiative__isnull=True) | Q(consenting_report(OuterRef("source_initiative")))


def published() -> QuerySet:
    """Published examples whose consent still holds: what anyone may read, in no order."""
    return Example.objects.filter(consent_holds(), status=Status.PUBLISHED)


# The themes and the pictures of a story card, in order.
CARD_PREFETCHES = (
    "themes",
    Prefetch("images", queryset=ExampleImage.objects.order_by("order", "pk")),
)


def with_card_data(examples: QuerySet) -> QuerySet:
    """What a story card shows: city, group, themes and the pictures (two extra queries)."""
    return examples.select_related("city", "group").prefetch_related(*CARD_PREFETCHES)


def public_examples() -> QuerySet:
    """The public stories: published, with live consent, newest first."""
    return with_card_data(published()).order_by("-published_at", "-pk")


def published_editions() -> QuerySet:
    return Edition.objects.filter(published=True).order_by("-published_at", "-pk")


def chapters_with_examples(edition: Edition, *, only: Chapter | None = None):
    """The edition's chapters in order, each with `.public_examples`: its public examples in
    order with their card data (four queries whatever the size). With `only`, that one chapter
    (the same object, filled in)."""
    entries = (
        ChapterExample.objects.filter(example__in=published())
        .select_related("example__city", "example__group")
        .order_by("order", "pk")
    )
    chapters = [only] if only is not None else list(edition.chapters.order_by("order", "pk"))
    prefetch_related_objects(
        chapters,
        Prefetch("entries", queryset=entries, to_attr="public_entries"),
        Prefetch(
            "public_entries__example__images",
            queryset=ExampleImage.objects.order_by("order", "pk"),
        ),
        "public_entries__example__themes",
    )
    for chapter in chapters:
        chapter.edition = edition
        chapter.public_examples = [entry.example for entry in chapter.public_entries]
    return only if only is not None else chapters
