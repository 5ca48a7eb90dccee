"""The public stories and the handbook on the web and as a PDF. Thin: fetch, render.

(The editors' workspace is in staff_views.py.)"""

from django.core.paginator import Paginator
from django.db.models import prefetch_related_objects
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from handbook import pdf, permissions, selectors
from handbook.forms import StoryFilterForm
from handbook.models import Edition, Example
from mobilisering import fragments
from mobilisering.markdown import SUMMARY_WORDS
from mobilisering.models import markdown_summary

PAGE_SIZE = 12


def story_list(request: HttpRequest) -> HttpResponse:
    """Anyone: the published stories, newest first, filtered by city and area."""
    form = StoryFilterForm(request.GET or None)

    def page():
        examples = selectors.public_examples()
        if form.is_valid():
            if form.cleaned_data["city"]:
                examples = examples.filter(city=form.cleaned_data["city"])
            if form.cleaned_data["theme"]:
                examples = examples.filter(themes=form.cleaned_data["theme"])
        return Paginator(examples, PAGE_SIZE).get_page(request.GET.get("page"))

    # Lazy: the list is read only when its fragment is rendered, not when it is kept.
    page_obj = SimpleLazyObject(page)
    context = {
        "form": form,
        "page_obj": page_obj,
        "examples": SimpleLazyObject(lambda: page_obj.object_list),
        "filtered": SimpleLazyObject(lambda: form.is_valid() and any(form.cleaned_data.values())),
        "editions": SimpleLazyObject(lambda: list(selectors.published_editions()[:1])),
    }
    return render(request, "handbook/story_list.html", context)


def _get_example_for_user(request: HttpRequest, slug: str) -> tuple[Example, bool]:
    """The story if it is public, or (as a preview) if the user may edit it; 404 otherwise.
    Returns the example and whether it is public."""
    public = (
        selectors.public_examples().select_related("source_initiative").filter(slug=slug).first()
    )
    if public is not None:
        return public, True
    example = get_object_or_404(
        selectors.with_card_data(Example.objects.filter(slug=slug)).select_related(
            "source_initiative"
        )
    )
    if not permissions.can_edit(request.user, example):
        raise Http404
    return example, False


def story_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """Anyone (drafts: their writers): one story with its group, city, lessons and pictures."""
    if request.user.is_authenticated:
        example, public = _get_example_for_user(request, slug)
        context = _story(request, example, public)
        context["heading"] = _heading(example)
    else:
        # Everyone who is not logged in gets the same page: its title, summary and picture for
        # the page's head are kept like a fragment (only the consent is asked each time), and
        # the story itself (its themes, pictures and chapters) is read only when its fragment
        # is rendered.
        heading = fragments.kept(
            "story-heading", STORY_SHOWS, [slug], request, lambda: _public_heading(slug)
        )
        if heading is None or not selectors.consent_still_given(heading["source"]):
            raise Http404

        def page():
            # Not found only if it was changed without a signal since its heading was kept:
            # a 404 then, which the template's lookups would otherwise swallow.
            example = get_object_or_404(selectors.published(), pk=heading["pk"])
            prefetch_related_objects(
                [example], "city", "group", "source_initiative", *selectors.CARD_PREFETCHES
            )
            return _story(request, example, True)

        context = fragments.lazy_context(page, STORY_NAMES)
        context["heading"] = heading
    return render(request, "handbook/story_detail.html", context)


# What a story's page shows: its fragments are kept until one of these changes.
STORY_SHOWS = ("handbook", "initiatives", "cities")
STORY_NAMES = ("example", "public", "pictures", "entries", "can_edit")


def _public_heading(slug: str) -> dict | None:
    example = selectors.published().filter(slug=slug).first()
    return None if example is None else _heading(example)


def _heading(example: Example) -> dict:
    """What the page's head shows of a story: its title, a summary and its first picture."""
    picture = example.images.order_by("order", "pk").first()
    return {
        "pk": example.pk,
        "source": example.source_initiative_id,
        "title": example.title,
        "description": markdown_summary(example, "summary", SUMMARY_WORDS),
        "image": picture.image.url if picture else "",
    }


def _story(request: HttpRequest, example: Example, public: bool) -> dict:
    chapters = list(
        example.entries.filter(chapter__edition__published=True)
        .select_related("chapter__edition")
        .order_by("-chapter__edition__published_at")[:3]
    )
    return {
        "example": example,
        "public": public,
        "pictures": list(example.images.all()),
        "entries": chapters,
        "can_edit": permissions.can_edit(request.user, example),
    }


def _get_edition_for_user(request: HttpRequest, slug: str) -> Edition:
    """A published edition; editors also see unpublished ones (as a preview)."""
    edition = get_object_or_404(Edition, slug=slug)
    if not edition.published and not permissions.can_manage_editions(request.user):
        raise Http404
    return edition


def _contents(request: HttpRequest, edition: Edition | None) -> HttpResponse:
    context = {"edition": edition, "chapters": []}
    if edition is not None:
        # Lazy: read only when the contents' fragment is rendered.
        context["chapters"] = SimpleLazyObject(lambda: selectors.chapters_with_examples(edition))
        context["other_editions"] = SimpleLazyObject(
            lambda: list(selectors.published_editions().exclude(pk=edition.pk)[:10])
        )
    return render(request, "handbook/contents.html", context)


def index(request: HttpRequest) -> HttpResponse:
    """Anyone: the latest published edition's table of contents."""
    latest = fragments.kept(
        "latest-edition", ("handbook",), [], request, selectors.published_editions().first
    )
    return _contents(request, latest)


def edition(request: HttpRequest, slug: str) -> HttpResponse:
    """Anyone (unpublished: editors): an edition's table of contents."""
    edition = fragments.kept(
        "edition",
        ("handbook",),
        [slug],
        request,
        lambda: _get_edition_for_user(request, slug),
        visitors=True,
    )
    return _contents(request, edition)


def chapter(request: HttpRequest, slug: str, chapter_slug: str) -> HttpResponse:
    """Anyone (unpublished: editors): one chapter with its stories in full."""
    # The edition and its chapters, the same for every visitor: kept for them.
    edition, chapters = fragments.kept(
        "edition-chapters",
        ("handbook",),
        [slug],
        request,
        lambda: _edition_and_chapters(request, slug),
        visitors=True,
    )
    index = next((i for i, c in enumerate(chapters) if c.slug == chapter_slug), None)
    if index is None:
        raise Http404
    context = {
        "edition": edition,
        "chapter": chapters[index],
        # Lazy: the stories are read only when the chapter's fragment is rendered.
        "stories": SimpleLazyObject(
            lambda: selectors.chapters_with_examples(edition, only=chapters[index]).public_examples
        ),
        "number": index + 1,
        "previous": chapters[index - 1] if index > 0 else None,
        "next": chapters[index + 1] if index + 1 < len(chapters) else None,
    }
    return render(request, "handbook/chapter.html", context)


def _edition_and_chapters(request: HttpRequest, slug: str) -> tuple[Edition, list]:
    edition = _get_edition_for_user(request, slug)
    return edition, list(edition.chapters.order_by("order", "pk"))


def edition_pdf(request: HttpRequest, slug: str) -> FileResponse:
    """Anyone (unpublished: editors): the edition as a typeset PDF in the URL's language."""
    edition = _get_edition_for_user(request, slug)
    language = get_language()
    name = pdf.cached_pdf(edition, language=language)
    try:
        handle = pdf.open_pdf(name)
    except FileNotFoundError:
        # A newer version replaced it between the two steps: take that one.
        name = pdf.cached_pdf(edition, language=language)
        handle = pdf.open_pdf(name)
    response = FileResponse(
        handle,
        content_type="application/pdf",
        filename=f"handbok-{edition.slug}-{language}.pdf",
    )
    response["Cache-Control"] = "public, max-age=300" if edition.published else "private"
    return response
