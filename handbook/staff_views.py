"""The editors' workspace (/staff/stories/, /staff/handbook/): stories from draft to published,
their pictures, and the editions with their chapters. Thin: fetch through a permission-scoped
helper, call a service, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import OuterRef
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cities.models import City
from cities.permissions import staff_city_ids
from handbook import permissions, selectors, services, workflow
from handbook.models import Chapter, Edition, Example, ExampleImage, Status
from handbook.services import HandbookError
from handbook.staff_forms import (
    ChapterExamplesForm,
    ChapterForm,
    EditionForm,
    ExampleForm,
    ImageForm,
    WorkspaceFilterForm,
    initial_from,
)
from initiatives.models import Initiative
from initiatives.models import Status as InitiativeStatus
from mobilisering.errors import add_to_form

PAGE_SIZE = 25
CANDIDATES_SHOWN = 20


def _require_workspace(request: HttpRequest) -> None:
    if not permissions.can_use_workspace(request.user):
        raise PermissionDenied


def _require_editor(request: HttpRequest) -> None:
    if not permissions.can_manage_editions(request.user):
        raise PermissionDenied


def _scope(user, queryset, field: str = "city_id"):
    """Editors see everything; city staff their cities only."""
    if permissions.is_editor(user):
        return queryset
    return queryset.filter(**{f"{field}__in": staff_city_ids(user)})


def _get_example_for_user(request: HttpRequest, pk: int) -> Example:
    """The example if the user may edit it; 404 otherwise (another city's drafts are private)."""
    example = get_object_or_404(
        Example.objects.select_related("city", "group", "source_initiative", "created_by"),
        pk=pk,
    )
    if not permissions.can_edit(request.user, example):
        if permissions.is_writer_for(request.user, example.city_id):
            raise PermissionDenied
        raise Http404
    return example


def _cities_for(user):
    if permissions.is_editor(user):
        return City.objects.all()
    return City.objects.filter(pk__in=staff_city_ids(user))


# --- Stories ----------------------------------------------------------------------------------


@login_required
def examples(request: HttpRequest) -> HttpResponse:
    """Editors and city staff: their stories, and the initiatives that may become one."""
    _require_workspace(request)
    user = request.user
    form = WorkspaceFilterForm(request.GET or None)
    queryset = _scope(user, Example.objects.select_related("city", "group")).order_by(
        "-updated_at", "-pk"
    )
    if form.is_valid() and form.cleaned_data["status"]:
        queryset = queryset.filter(status=form.cleaned_data["status"])
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    candidates = (
        _scope(user, Initiative.objects.filter(status=InitiativeStatus.COMPLETED))
        .filter(selectors.consenting_report(OuterRef("pk")))
        .exclude(examples__isnull=False)
        .select_related("group", "city")
        .order_by("-updated_at", "-pk")[:CANDIDATES_SHOWN]
    )
    context = {
        "form": form,
        "page_obj": page,
        "examples": page.object_list,
        "candidates": list(candidates),
        "is_editor": permissions.is_editor(user),
    }
    return render(request, "handbook/staff/examples.html", context)


@login_required
def example_create(request: HttpRequest) -> HttpResponse:
    """Editors and city staff: a story written from scratch."""
    _require_workspace(request)
    cities = _cities_for(request.user)
    form = ExampleForm(request.POST or None, cities=cities)
    if request.method == "POST" and form.is_valid():
        try:
            example = services.create_example(actor=request.user, data=form.cleaned_data)
        except HandbookError as error:
            add_to_form(form, error)
        else:
            messages.success(request, _("The story is saved as a draft."))
            return redirect("handbook:staff_example", example.pk)
    return render(request, "handbook/staff/example_form.html", {"form": form, "example": None})


@login_required
@require_POST
def example_start(request: HttpRequest, initiative_pk: int) -> HttpResponse:
    """Editors and the initiative's city staff: a story prefilled from a consenting initiative."""
    _require_workspace(request)
    initiative = get_object_or_404(Initiative, pk=initiative_pk)
    if not permissions.can_start_from(request.user, initiative):
        raise PermissionDenied
    try:
        example = services.start_from_initiative(initiative=initiative, actor=request.user)
    except HandbookError as error:
        messages.error(request, error.message)
        return redirect("handbook:staff_examples")
    messages.success(
        request,
        _(
            "A draft is started from the initiative. Check the text, add an English version "
            "and pictures."
        ),
    )
    return redirect("handbook:staff_example", example.pk)


@login_required
def example_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Those who may edit the story: its texts, workflow buttons, pictures and editorial log."""
    _require_workspace(request)
    example = _get_example_for_user(request, pk)
    cities = _cities_for(request.user)
    if request.method == "POST":
        form = ExampleForm(request.POST, cities=cities)
        if form.is_valid():
            try:
                services.update_example(example=example, actor=request.user, data=form.cleaned_data)
            except HandbookError as error:
                add_to_form(form, error)
            else:
                messages.success(request, _("The story is saved."))
                return redirect("handbook:staff_example", example.pk)
    else:
        form = ExampleForm(initial=initial_from(example), cities=cities)
    return _render_example_page(request, example, form=form)


def _render_example_page(request, example, *, form, image_form=None, status=200):
    context = {
        "example": example,
        "form": form,
        "image_form": image_form or ImageForm(),
        "pictures": list(example.images.all()),
        "actions": workflow.allowed_transitions(request.user, example),
        "events": list(example.events.select_related("actor").order_by("-created_at")[:20]),
        "consent_ok": example.source_initiative is None
        or permissions.may_be_source(example.source_initiative),
    }
    return render(request, "handbook/staff/example_form.html", context, status=status)


@login_required
@require_POST
def example_action(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    """Writers and editors, as the workflow allows: a step of the story's workflow."""
    _require_workspace(request)
    example = _get_example_for_user(request, pk)
    if not permissions.can_transition(request.user, example, name):
        raise PermissionDenied
    try:
        services.transition(example=example, name=name, actor=request.user)
    except HandbookError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Done: the story is now %(status)s.") % {"status": example.get_status_display()},
        )
    return redirect("handbook:staff_example", example.pk)


@login_required
@require_POST
def image_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Those who may edit the story: add a picture."""
    _require_workspace(request)
    example = _get_example_for_user(request, pk)
    image_form = ImageForm(request.POST, request.FILES)
    if image_form.is_valid():
        data = image_form.cleaned_data
        try:
            services.add_image(
                example=example,
                actor=request.user,
                picture=data["picture"],
                alt_sv=data["alt_sv"],
                alt_en=data["alt_en"],
                caption_sv=data["caption_sv"],
                caption_en=data["caption_en"],
                credit=data["credit"],
            )
        except HandbookError as error:
            add_to_form(image_form, error)
        else:
            messages.success(request, _("The picture is added."))
            return redirect(reverse("handbook:staff_example", args=[example.pk]) + "#pictures")
    form = ExampleForm(initial=initial_from(example), cities=_cities_for(request.user))
    return _render_example_page(request, example, form=form, image_form=image_form)


@login_required
@require_POST
def image_remove(request: HttpRequest, pk: int, image_pk: int) -> HttpResponse:
    """Those who may edit the story: remove a picture."""
    _require_workspace(request)
    example = _get_example_for_user(request, pk)
    picture = get_object_or_404(ExampleImage, pk=image_pk, example=example)
    try:
        services.remove_image(image=picture, actor=request.user)
    except HandbookError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The picture is removed."))
    return redirect("handbook:staff_example", example.pk)


# --- Editions ---------------------------------------------------------------------------------


@login_required
def editions(request: HttpRequest) -> HttpResponse:
    """Editors: the handbook's editions, and a form for a new one."""
    _require_editor(request)
    form = EditionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            edition = services.save_edition(actor=request.user, data=form.cleaned_data)
        except HandbookError as error:
            add_to_form(form, error)
        else:
            messages.success(request, _("The edition is created. Now add its chapters."))
            return redirect("handbook:staff_edition", edition.slug)
    context = {"form": form, "editions": list(Edition.objects.order_by("-created_at")[:50])}
    return render(request, "handbook/staff/editions.html", context)


def _get_edition(request, slug: str) -> Edition:
    _require_editor(request)
    return get_object_or_404(Edition, slug=slug)


@login_required
def edition_edit(request: HttpRequest, slug: str) -> HttpResponse:
    """Editors: the edition's texts, its chapters in order, and a new chapter."""
    edition = _get_edition(request, slug)
    part = request.POST.get("part") if request.method == "POST" else None
    form = EditionForm(
        request.POST if part == "edition" else None,
        initial={field: getattr(edition, field) for field in EditionForm.base_fields},
    )
    # Prefixed: both forms sit on one page, and their fields would otherwise share ids.
    chapter_form = ChapterForm(request.POST if part == "chapter" else None, prefix="chapter")
    if part == "edition" and form.is_valid():
        try:
            edition = services.save_edition(
                actor=request.user, data=form.cleaned_data, edition=edition
            )
        except HandbookError as error:
            add_to_form(form, error)
        else:
            messages.success(request, _("The edition is saved."))
            return redirect("handbook:staff_edition", edition.slug)
    if part == "chapter" and chapter_form.is_valid():
        try:
            chapter = services.save_chapter(
                edition=edition, actor=request.user, data=chapter_form.cleaned_data
            )
        except HandbookError as error:
            add_to_form(chapter_form, error)
        else:
            messages.success(request, _("The chapter is added. Now choose its stories."))
            return redirect("handbook:staff_chapter", edition.slug, chapter.pk)
    context = {
        "edition": edition,
        "form": form,
        "chapter_form": chapter_form,
        "chapters": selectors.chapters_with_examples(edition),
    }
    return render(request, "handbook/staff/edition.html", context)


@login_required
@require_POST
def edition_publish(request: HttpRequest, slug: str) -> HttpResponse:
    """Editors: publish the edition, or take it back."""
    edition = _get_edition(request, slug)
    publish = request.POST.get("publish") == "1"
    try:
        services.publish_edition(edition=edition, actor=request.user, publish=publish)
    except HandbookError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("The edition is published.") if publish else _("The edition is no longer public."),
        )
    return redirect("handbook:staff_edition", edition.slug)


def _get_chapter(request, slug: str, pk: int) -> Chapter:
    edition = _get_edition(request, slug)
    chapter = get_object_or_404(Chapter, pk=pk, edition=edition)
    chapter.edition = edition
    return chapter


@login_required
def chapter_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Editors: the chapter's texts and its stories in order."""
    chapter = _get_chapter(request, slug, pk)
    part = request.POST.get("part") if request.method == "POST" else None
    form = ChapterForm(
        request.POST if part == "chapter" else None,
        initial={field: getattr(chapter, field) for field in ChapterForm.base_fields},
    )
    current = {entry.example_id: entry.order for entry in chapter.entries.all()}
    candidates = Example.objects.exclude(status=Status.DRAFT).select_related("city")
    candidates = candidates | Example.objects.filter(pk__in=list(current))
    examples_form = ChapterExamplesForm(
        request.POST if part == "examples" else None,
        examples=candidates.distinct().order_by("city__ordering", "title"),
        current=current,
    )
    try:
        if part == "chapter" and form.is_valid():
            services.save_chapter(
                edition=chapter.edition, actor=request.user, data=form.cleaned_data, chapter=chapter
            )
            messages.success(request, _("The chapter is saved."))
            return redirect("handbook:staff_chapter", chapter.edition.slug, chapter.pk)
        if part == "examples" and examples_form.is_valid():
            services.set_chapter_examples(
                chapter=chapter, actor=request.user, examples=examples_form.ordered_examples()
            )
            messages.success(request, _("The chapter's stories are saved."))
            return redirect("handbook:staff_chapter", chapter.edition.slug, chapter.pk)
    except HandbookError as error:
        add_to_form(form, error)
    context = {"chapter": chapter, "edition": chapter.edition, "form": form}
    context["examples_form"] = examples_form
    return render(request, "handbook/staff/chapter.html", context)


@login_required
@require_POST
def chapter_move(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Editors: move a chapter one place earlier or later."""
    chapter = _get_chapter(request, slug, pk)
    step = -1 if request.POST.get("direction") == "up" else 1
    services.move_chapter(chapter=chapter, actor=request.user, step=step)
    return redirect("handbook:staff_edition", chapter.edition.slug)


@login_required
@require_POST
def chapter_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Editors: remove a chapter (its stories stay)."""
    chapter = _get_chapter(request, slug, pk)
    services.delete_chapter(chapter=chapter, actor=request.user)
    messages.success(request, _("The chapter is removed."))
    return redirect("handbook:staff_edition", chapter.edition.slug)
