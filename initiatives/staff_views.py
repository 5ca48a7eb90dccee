"""The staff workspace for initiatives: the review queue of the staff member's cities and the
review page of one initiative, with the POSTs that assign, assess, comment, decide and record
support. Thin: fetch through `_get_initiative_for_staff`, call a service, render or redirect.

Staff of another city get a 404 (an initiative that is not public does not exist for them);
people who are no city's staff get a 403 on every page here.
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from cities.permissions import is_city_staff, staff_city_ids
from initiatives import permissions, selectors, services, workflow
from initiatives.models import Comment, Initiative, InitiativeEvent, Status
from initiatives.services import WorkflowError
from initiatives.staff_forms import (
    STEP_HELP,
    AssessmentForm,
    AssignForm,
    CommentForm,
    DecisionForm,
    GrantForm,
    QueueFilterForm,
    StaffMessageForm,
)
from mobilisering import outbox
from mobilisering.errors import add_to_form

PAGE_SIZE = 25
TIMELINE_PAGE_SIZE = 15
NOTES_PAGE_SIZE = 10


def _sections(cutoff) -> dict:
    """The queue's tabs: key -> (label, filter, ordering)."""
    return {
        "new": (gettext_lazy("New submissions"), Q(status=Status.SUBMITTED), ["submitted_at"]),
        "in_review": (gettext_lazy("In review"), Q(status=Status.IN_REVIEW), ["submitted_at"]),
        "waiting": (
            gettext_lazy("Waiting for the group"),
            Q(status=Status.CHANGES_REQUESTED),
            ["-updated_at"],
        ),
        "overdue": (
            gettext_lazy("Overdue"),
            selectors.overdue_condition(cutoff),
            ["submitted_at"],
        ),
        # Drafts are the group's own work until submitted; they are not in the queue.
        "all": (gettext_lazy("All"), ~Q(status=Status.DRAFT), ["-updated_at"]),
    }


def _require_staff(user) -> None:
    if not is_city_staff(user):
        raise PermissionDenied


def _get_initiative_for_staff(request: HttpRequest, pk: int) -> Initiative:
    """The initiative with what its review page shows, if the user is staff of its city.

    403 for people who are no city's staff; 404 for staff of another city."""
    _require_staff(request.user)
    initiative = get_object_or_404(
        selectors.with_assessments(
            selectors.with_review_counts(selectors.initiative_for_detail(pk))
        ).annotate(
            # The staff menu's word of emails held up, read here rather than in a query of its own.
            undelivered_emails=outbox.undelivered_count()
        )
    )
    if not permissions.can_review(request.user, initiative):
        raise Http404
    return initiative


# --- The queue --------------------------------------------------------------------------------


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    """City staff: the review queue of their cities, by section, filterable and paginated."""
    _require_staff(request.user)
    city_ids = staff_city_ids(request.user)
    cutoff = selectors.overdue_cutoff()
    sections = _sections(cutoff)
    section = request.GET.get("section", "new")
    if section not in sections:
        section = "new"

    initiatives = Initiative.objects.filter(city_id__in=city_ids).exclude(status=Status.DRAFT)
    # ?reviewer=me: the reviews assigned to the staff member (linked from the staff start page).
    mine = request.GET.get("reviewer") == "me"
    if mine:
        initiatives = initiatives.filter(assigned_to=request.user)
    form = QueueFilterForm(request.GET, city_ids=city_ids)
    filtered = False
    if form.is_valid():
        initiatives = selectors.filter_initiatives(initiatives, **form.cleaned_data)
        filtered = any(form.cleaned_data.values())

    # One query for every tab's count, with the same filters. Each initiative is one row (the
    # theme filter joins one theme), so nothing is counted twice.
    counts = initiatives.aggregate(
        **{key: Count("pk", filter=condition) for key, (_l, condition, _o) in sections.items()}
    )
    label, condition, ordering = sections[section]
    rows = (
        initiatives.filter(condition)
        .select_related("group", "city", "assigned_to")
        .prefetch_related("themes")
        .order_by(*ordering, "pk")
    )
    paginator = Paginator(rows, PAGE_SIZE)
    paginator.count = counts[section]  # Counted with the tabs: no second COUNT.
    page = paginator.get_page(request.GET.get("page"))
    for initiative in page.object_list:
        initiative.overdue = selectors.is_overdue(initiative, cutoff)
    context = {
        "form": form,
        "filtered": filtered,
        "mine": mine,
        "tabs": [(key, value[0], counts[key]) for key, value in sections.items()],
        "section": section,
        "section_label": label,
        "page_obj": page,
        "initiatives": page.object_list,
        "overdue_days": selectors.OVERDUE_AFTER.days,
    }
    return render(request, "initiatives/staff/queue.html", context)


# --- The review page --------------------------------------------------------------------------


def _reviewers(initiative: Initiative):
    return (
        get_user_model()
        .objects.filter(city_staff__city_id=initiative.city_id, is_active=True)
        .distinct()
        .order_by("first_name", "last_name", "email")
    )


def _assessment_initial(assessments) -> dict:
    initial = {}
    for assessment in assessments:
        initial[f"{assessment.criterion}_score"] = assessment.score
        initial[f"{assessment.criterion}_note"] = assessment.note
    return initial


def _page(rows, per_page: int, number, *, count: int):
    """The page `number` of `rows`, whose number (`count`) is already known."""
    paginator = Paginator(rows, per_page)
    paginator.count = count  # Spares the paginator its own COUNT query.
    return paginator.get_page(number)


def _render_detail(
    request: HttpRequest, initiative: Initiative, *, bound=None, status: int = 200
) -> HttpResponse:
    """The review page. `bound` is the form just posted with errors; it replaces its blank twin
    (matched by class, and by transition for decisions) so the input and errors are kept."""
    user = request.user
    assessments = selectors.assessments_of(initiative)

    def form_or_bound(form_class, **kwargs):
        if isinstance(bound, form_class) and (
            form_class is not DecisionForm or bound.step.name == kwargs["step"].name
        ):
            return bound
        return form_class(**kwargs)

    final_report = next((r for r in initiative.reports.all() if r.final), None)
    decisions = [
        {
            "step": step,
            "form": form_or_bound(DecisionForm, step=step),
            "help": STEP_HELP.get(step.name, ""),
            "blocked": step.needs_final_report and final_report is None,
        }
        for step in workflow.allowed_transitions(user, initiative, side=workflow.STAFF)
    ]
    attachments = list(initiative.attachments.all())
    reports = [
        (report, [a for a in attachments if a.report_id == report.pk])
        for report in initiative.reports.all()
    ]
    grants = list(initiative.grants.all())
    timeline = _page(
        InitiativeEvent.objects.filter(initiative=initiative)
        .select_related("actor", "grant", "report")
        .order_by("-created_at", "-pk"),
        TIMELINE_PAGE_SIZE,
        request.GET.get("page"),
        count=initiative.event_count,
    )
    notes = _page(
        Comment.objects.filter(initiative=initiative, internal=True)
        .select_related("author")
        .order_by("-created_at", "-pk"),
        NOTES_PAGE_SIZE,
        request.GET.get("notes"),
        count=initiative.internal_comment_count,
    )
    context = {
        "initiative": initiative,
        "error_form": bound,
        "overdue": selectors.is_overdue(initiative, selectors.overdue_cutoff()),
        "decisions": decisions,
        "assign_form": form_or_bound(
            AssignForm,
            reviewers=_reviewers(initiative),
            initial={"reviewer": initiative.assigned_to_id},
        ),
        "assessments": assessments,
        "average_score": (
            round(sum(a.score for a in assessments) / len(assessments), 1) if assessments else None
        ),
        "can_assess": permissions.can_assess(user, initiative),
        "assessment_form": form_or_bound(AssessmentForm, initial=_assessment_initial(assessments)),
        "comment_form": form_or_bound(CommentForm),
        "notes": notes,
        "can_message": permissions.can_message(user, initiative),
        "message_form": form_or_bound(StaffMessageForm),
        "can_record_grant": permissions.can_record_grant(user, initiative),
        "grant_form": form_or_bound(GrantForm),
        "grants": grants,
        "funding_total": sum(g.amount_sek or 0 for g in grants if g.kind == "funding"),
        "reports": reports,
        "final_report": final_report,
        "proposal_attachments": [a for a in attachments if a.report_id is None],
        "timeline": timeline,
        "timeline_entries": selectors.fold_assessments(timeline.object_list),
    }
    return render(request, "initiatives/staff/detail.html", context, status=status)


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Staff of the initiative's city: the whole proposal and everything staff do with it."""
    initiative = _get_initiative_for_staff(request, pk)
    return _render_detail(request, initiative)


def _back(initiative: Initiative) -> HttpResponse:
    """Back to the review page, at the top where the success or error message shows.

    The fragment is explicit: without one the browser would keep the form's (#<section>),
    which is there so that a form re-rendered with errors opens at its error summary."""
    url = reverse("initiatives:staff_detail", args=[initiative.pk])
    return redirect(f"{url}#main")


def _fail(request, initiative: Initiative, form, error: WorkflowError):
    """A domain error: one about the form's fields goes back onto the form (the page again,
    with the input kept); anything else is a message at the top of the page."""
    if any(field in form.fields for field in error.errors):
        add_to_form(form, error)
        return _render_detail(request, initiative, bound=form)
    messages.error(request, error.message)
    return _back(initiative)


@login_required
@require_POST
def assign(request: HttpRequest, pk: int) -> HttpResponse:
    """Staff of the initiative's city: assign a reviewer among the city's staff (or nobody)."""
    initiative = _get_initiative_for_staff(request, pk)
    form = AssignForm(request.POST, reviewers=_reviewers(initiative))
    if not form.is_valid():
        return _render_detail(request, initiative, bound=form)
    reviewer = form.cleaned_data["reviewer"]
    try:
        services.assign_reviewer(initiative=initiative, actor=request.user, reviewer=reviewer)
    except WorkflowError as error:
        return _fail(request, initiative, form, error)
    if reviewer is None:
        messages.success(request, _("Nobody is assigned to review the initiative now."))
    else:
        messages.success(
            request,
            _("%(name)s now reviews the initiative.")
            % {"name": reviewer.get_full_name() or reviewer.email},
        )
    return _back(initiative)


@login_required
@require_POST
def assess(request: HttpRequest, pk: int) -> HttpResponse:
    """Staff of the initiative's city, once submitted: save the scores and notes that changed."""
    initiative = _get_initiative_for_staff(request, pk)
    if not permissions.can_assess(request.user, initiative):
        messages.error(request, _("A proposal can be assessed once it has been submitted."))
        return _back(initiative)
    form = AssessmentForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, initiative, bound=form)
    current = {a.criterion: (a.score, a.note) for a in selectors.assessments_of(initiative)}
    try:
        for criterion, score, note in form.scores():
            if current.get(criterion) != (score, note):
                services.record_assessment(
                    initiative=initiative,
                    actor=request.user,
                    criterion=criterion,
                    score=score,
                    note=note,
                )
    except WorkflowError as error:
        return _fail(request, initiative, form, error)
    messages.success(request, _("The assessment is saved."))
    return _back(initiative)


def _write(request: HttpRequest, pk: int, *, form_class, internal: bool, done: str):
    """Save an internal comment or a message to the group from the review page."""
    initiative = _get_initiative_for_staff(request, pk)
    form = form_class(request.POST)
    if not form.is_valid():
        return _render_detail(request, initiative, bound=form)
    try:
        services.add_comment(
            initiative=initiative,
            actor=request.user,
            body=form.cleaned_data["body"],
            internal=internal,
            form_key=form.cleaned_data["form_key"],
        )
    except WorkflowError as error:
        return _fail(request, initiative, form, error)
    messages.success(request, done)
    return _back(initiative)


@login_required
@require_POST
def comment(request: HttpRequest, pk: int) -> HttpResponse:
    """Staff of the initiative's city: an internal comment, for the city's staff only."""
    done = _("Your internal comment is saved. Only staff see it.")
    return _write(request, pk, form_class=CommentForm, internal=True, done=done)


@login_required
@require_POST
def message(request: HttpRequest, pk: int) -> HttpResponse:
    """Staff of the initiative's city, once submitted: a message to the group, also emailed."""
    done = _("Your message is sent to the group.")
    return _write(request, pk, form_class=StaffMessageForm, internal=False, done=done)


@login_required
@require_POST
def action(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    """Staff of the initiative's city: one of the staff's transitions, with what it requires."""
    initiative = _get_initiative_for_staff(request, pk)
    step = workflow.TRANSITIONS.get(name)
    if step is None or not step.by_staff:
        raise Http404
    if not workflow.may_perform(request.user, initiative, name):
        messages.error(
            request,
            _(
                "“%(action)s” is not possible now: the initiative is %(status)s. Someone may "
                "have acted on it at the same time."
            )
            % {"action": step.label, "status": initiative.get_status_display()},
        )
        return _back(initiative)
    form = DecisionForm(request.POST, step=step)
    if not form.is_valid():
        return _render_detail(request, initiative, bound=form)
    try:
        services.transition(
            initiative=initiative,
            name=name,
            actor=request.user,
            message=form.cleaned_data.get("message", ""),
            support_terms=form.cleaned_data.get("support_terms", ""),
        )
    except WorkflowError as error:
        return _fail(request, initiative, form, error)
    messages.success(
        request,
        _("Done: the initiative is now %(status)s.") % {"status": initiative.get_status_display()},
    )
    return _back(initiative)


@login_required
@require_POST
def grant(request: HttpRequest, pk: int) -> HttpResponse:
    """Staff of the initiative's city, once approved: record support given."""
    initiative = _get_initiative_for_staff(request, pk)
    form = GrantForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, initiative, bound=form)
    data = form.cleaned_data
    try:
        services.record_grant(
            initiative=initiative,
            actor=request.user,
            kind=data["kind"],
            amount_sek=data["amount_sek"],
            date=data["date"],
            note=data["note"],
            public=data["public"],
            form_key=data["form_key"],
        )
    except WorkflowError as error:
        return _fail(request, initiative, form, error)
    messages.success(request, _("The support is recorded."))
    return _back(initiative)
