"""The group-facing and public pages of initiatives. Thin: fetch through a permission-scoped
helper, call a service, render. (The staff workspace is in staff_views.py.)"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from cities.models import LocalGroup
from initiatives import permissions, selectors, services, workflow
from initiatives.forms import (
    AttachmentForm,
    FilterForm,
    GroupChoiceForm,
    MessageForm,
    ProposalForm,
    ReportForm,
    TransitionForm,
    initial_from,
)
from initiatives.models import Attachment, Initiative
from initiatives.services import WorkflowError
from mobilisering import fragments
from mobilisering.errors import add_to_form
from mobilisering.pagination import paginate_by_key

PAGE_SIZE = 20
TIMELINE_PAGE_SIZE = 25


def _get_initiative_for_user(request: HttpRequest, pk: int, *, full: bool = False) -> Initiative:
    """The initiative if the user may see it; 404 otherwise (its existence is private).

    `full` loads what the detail page shows (partners, grants, reports, attachments, themes)."""
    queryset = (
        selectors.initiative_for_detail(pk)
        if full
        else Initiative.objects.filter(pk=pk)
        .select_related("group", "city")
        .prefetch_related("partnerships")
    )
    initiative = get_object_or_404(queryset)
    if not permissions.can_view(request.user, initiative):
        raise Http404
    return initiative


# --- Public pages -----------------------------------------------------------------------------


def initiative_list(request: HttpRequest) -> HttpResponse:
    """Anyone: the public initiatives, filtered by city, area, kind of work and status."""
    form = FilterForm(request.GET or None)

    def page():
        initiatives = selectors.public_initiatives()
        if form.is_valid():
            initiatives = selectors.filter_initiatives(initiatives, **form.cleaned_data)
        return paginate_by_key(initiatives, request.GET.get("page"), PAGE_SIZE)

    # Lazy: the list is read only when its fragment is rendered, not when it is kept.
    page_obj = SimpleLazyObject(page)
    context = {
        "form": form,
        "filter_form": form,
        "page_obj": page_obj,
        "initiatives": SimpleLazyObject(lambda: page_obj.object_list),
        "filtered": SimpleLazyObject(lambda: form.is_valid() and any(form.cleaned_data.values())),
        "can_create": permissions.can_create(request.user),
    }
    return render(request, "initiatives/list.html", context)


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Anyone who may see it: the initiative; its group and city staff also see the group's side."""
    if request.user.is_authenticated:
        context = _detail(request, _get_initiative_for_user(request, pk, full=True))
        context["heading"] = context["initiative"]
    else:
        # Everyone who is not logged in gets the same page, kept as a fragment: the initiative
        # is read in full only when that fragment is rendered.
        heading = fragments.kept(
            "initiative-heading",
            ("initiatives", "cities"),
            [pk],
            request,
            lambda: _get_initiative_for_user(request, pk),
            visitors=True,
        )
        context = fragments.lazy_context(
            lambda: _detail(request, _get_initiative_for_user(request, pk, full=True)),
            DETAIL_NAMES,
        )
        context["heading"] = heading
    return render(request, "initiatives/detail.html", context)


# What an initiative's page shows a visitor who is not logged in (never an insider).
DETAIL_NAMES = (
    "initiative", "insider", "can_withdraw_consent", "is_member", "is_staff", "can_edit",
    "can_report", "can_attach", "group_actions", "next_step", "changes_asked", "partnerships",
    "reports", "grants", "final_report", "confirmable",
)  # fmt: skip


def _detail(request: HttpRequest, initiative: Initiative) -> dict:
    user = request.user
    insider = permissions.can_see_private(user, initiative)
    final_report = next((r for r in initiative.reports.all() if r.final), None)
    context = {
        "initiative": initiative,
        "insider": insider,
        "can_withdraw_consent": permissions.can_withdraw_consent(user, initiative, final_report),
        "is_member": permissions.is_member(user, initiative),
        "is_staff": permissions.can_review(user, initiative),
        "can_edit": permissions.can_edit(user, initiative),
        "can_report": permissions.can_report(user, initiative),
        "can_attach": permissions.can_add_attachment(user, initiative),
        "group_actions": workflow.allowed_transitions(user, initiative, side=workflow.GROUP),
        "next_step": workflow.next_step(initiative),
        "changes_asked": selectors.changes_asked(initiative) if insider else None,
        "partnerships": permissions.shown_partnerships(user, initiative),
        "reports": list(initiative.reports.all()),
        "grants": [(grant, grant.public or insider) for grant in initiative.grants.all()],
        "final_report": final_report,
        "confirmable": [
            p
            for p in initiative.partnerships.all()
            if not p.confirmed and permissions.can_confirm_partnership(user, initiative, p.group)
        ],
    }
    if insider:
        timeline = Paginator(selectors.group_timeline(initiative), TIMELINE_PAGE_SIZE)
        context["timeline"] = timeline.get_page(request.GET.get("page"))
        context["page_obj"] = context["timeline"]
        if permissions.can_message(user, initiative):
            context["message_form"] = MessageForm()
        if context["can_attach"]:
            context["attachment_form"] = AttachmentForm()
    return context


@require_GET
def attachment(request: HttpRequest, pk: int, attachment_pk: int) -> FileResponse:
    """The group's members and the city's staff: one attachment, as a download."""
    initiative = _get_initiative_for_user(request, pk)
    item = get_object_or_404(Attachment, pk=attachment_pk, initiative=initiative)
    if not permissions.can_see_attachment(request.user, item):
        raise Http404
    try:
        handle = item.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, as_attachment=True, filename=item.original_name)
    response["Content-Type"] = item.content_type
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


# --- The proposal -----------------------------------------------------------------------------


def _save_proposal(request, form, *, initiative=None, group=None) -> Initiative:
    """Create or update the draft from a valid form, and store its attachment."""
    data = form.proposal_data()
    if initiative is None:
        initiative = services.create_draft(
            group=group, actor=request.user, data=data, form_key=form.cleaned_data["form_key"]
        )
        if getattr(initiative, "repeated_post", False):
            return initiative  # the first post of this form saved everything
    else:
        initiative = services.update_draft(initiative=initiative, actor=request.user, data=data)
    document = form.cleaned_data.get("attachment")
    if document:
        services.add_attachment(
            initiative=initiative,
            actor=request.user,
            document=document[0],
            original_name=document[1],
        )
    return initiative


def _add_missing_answers(request, form) -> None:
    """On a submission whose answers are also wrong, name the missing ones too, so the person
    sees everything to fix at once."""
    if request.POST.get("action") != "submit":
        return
    for field, text in services.missing_answers_in(form.cleaned_data).items():
        if field in form.fields and field not in form.errors:
            form.add_error(field, text)


def _proposal_response(request, form, *, initiative=None, group=None) -> HttpResponse | None:
    """Handle a valid proposal form: save the draft; with "submit", submit it too. A submission
    that is not complete keeps the saved draft and shows every missing answer on the form.
    None when the services refused the answers (their errors are then on `form`)."""
    try:
        initiative = _save_proposal(request, form, initiative=initiative, group=group)
    except WorkflowError as error:
        add_to_form(form, error)
        return None
    if getattr(initiative, "repeated_post", False):
        messages.info(request, _("This form was already sent: here is your proposal."))
        return redirect(initiative)
    if request.POST.get("action") != "submit":
        messages.success(request, _("The draft is saved. You can come back and go on any time."))
        return redirect(initiative)
    try:
        services.submit(initiative=initiative, actor=request.user)
    except WorkflowError as error:
        add_to_form(form, error)
        messages.warning(
            request,
            _("Your draft is saved, but it cannot be submitted yet. See what is missing below."),
        )
        return render_proposal_form(request, form, initiative=initiative, status=200)
    messages.success(
        request, _("Thank you! The proposal is submitted and the city mission has been told.")
    )
    return redirect(initiative)


def render_proposal_form(
    request, form, *, initiative=None, group=None, several_groups=False, status=200
) -> HttpResponse:
    """The proposal form page, for a new proposal of `group` or for editing `initiative`."""
    if initiative is None:
        action_url = reverse("initiatives:create")
        if several_groups:
            action_url += f"?{urlencode({'group': group.pk})}"
    else:
        action_url = reverse("initiatives:edit", args=[initiative.pk])
    context = {
        "group": initiative.group if initiative else group,
        "several_groups": several_groups,
        # The staff's message is the group's brief for this round of changes.
        "changes_asked": selectors.changes_asked(initiative) if initiative else None,
        "form": form,
        "sections": form.sections(existing=initiative is not None),
        "initiative": initiative,
        "attachments": list(initiative.attachments.all()) if initiative else [],
        "action_url": action_url,
    }
    return render(request, "initiatives/proposal_form.html", context, status=status)


def _chosen_group(request: HttpRequest, groups: list[LocalGroup]) -> LocalGroup | None:
    """The group a new proposal is for: the person's only group, or the one chosen (?group=)."""
    if len(groups) == 1:
        return groups[0]
    chosen = request.POST.get("group") or request.GET.get("group")
    return next((group for group in groups if str(group.pk) == chosen), None)


@login_required
def create(request: HttpRequest) -> HttpResponse:
    """Members of an approved group: a new proposal (with several groups, the group first)."""
    groups = list(permissions.creatable_groups(request.user).order_by("name"))
    if not groups:
        return render(request, "initiatives/no_group.html", status=403)
    group = _chosen_group(request, groups)
    if group is None:
        # Asked, or a group that is not one of the person's (its errors then show).
        data = request.POST if request.method == "POST" else request.GET
        form = GroupChoiceForm(data if "group" in data else None, groups=groups)
        return render(request, "initiatives/choose_group.html", {"form": form})
    if request.method == "POST":
        form = ProposalForm(request.POST, request.FILES, own_group=group)
        if form.is_valid():
            response = _proposal_response(request, form, group=group)
            if response is not None:
                return response
        else:
            _add_missing_answers(request, form)
    else:
        form = ProposalForm(own_group=group)
    return render_proposal_form(request, form, group=group, several_groups=len(groups) > 1)


@login_required
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The group's members, in draft and changes requested: edit the proposal."""
    initiative = _get_initiative_for_user(request, pk)
    if not permissions.can_edit(request.user, initiative):
        raise PermissionDenied
    if request.method == "POST":
        form = ProposalForm(request.POST, request.FILES, own_group=initiative.group)
        if form.is_valid():
            response = _proposal_response(request, form, initiative=initiative)
            if response is not None:
                return response
        else:
            _add_missing_answers(request, form)
    else:
        form = ProposalForm(initial=initial_from(initiative), own_group=initiative.group)
    return render_proposal_form(request, form, initiative=initiative)


# --- The group's actions ----------------------------------------------------------------------


@login_required
def group_action(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    """The group's members: confirm and make one of the group's workflow steps."""
    initiative = _get_initiative_for_user(request, pk)
    allowed = {t.name: t for t in workflow.allowed_transitions(request.user, initiative)}
    step = allowed.get(name)
    if step is None or not step.by_group or not permissions.is_member(request.user, initiative):
        raise PermissionDenied
    form = TransitionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.transition(
                initiative=initiative,
                name=name,
                actor=request.user,
                message=form.cleaned_data["message"],
            )
        except services.ProposalError as error:
            # Show the proposal with every missing answer, as if the form had been submitted.
            proposal = ProposalForm(initial_from(initiative), own_group=initiative.group)
            proposal.is_valid()
            add_to_form(proposal, error)
            return render_proposal_form(request, proposal, initiative=initiative)
        except WorkflowError as error:
            messages.error(request, error.message)
            return redirect(initiative)
        messages.success(
            request,
            _("Done: the initiative is now %(status)s.")
            % {"status": initiative.get_status_display()},
        )
        return redirect(initiative)
    context = {"initiative": initiative, "step": step, "form": form}
    return render(request, "initiatives/action_confirm.html", context)


@login_required
@require_POST
def message(request: HttpRequest, pk: int) -> HttpResponse:
    """The group's members and the city's staff, once submitted: a message on the timeline."""
    initiative = _get_initiative_for_user(request, pk)
    if not permissions.can_message(request.user, initiative):
        raise PermissionDenied
    form = MessageForm(request.POST)
    if form.is_valid():
        try:
            services.add_comment(
                initiative=initiative,
                actor=request.user,
                body=form.cleaned_data["body"],
                form_key=form.cleaned_data["form_key"],
            )
        except WorkflowError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Your message is sent."))
    else:
        messages.error(request, _("Write a message first (at most 5 000 characters)."))
    return redirect(f"{initiative.get_absolute_url()}#timeline-title")


@login_required
@require_POST
def upload(request: HttpRequest, pk: int) -> HttpResponse:
    """The group's members, while they may edit or report: attach a file."""
    initiative = _get_initiative_for_user(request, pk)
    if not permissions.can_add_attachment(request.user, initiative):
        raise PermissionDenied
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        document, name = form.cleaned_data["attachment"]
        try:
            services.add_attachment(
                initiative=initiative,
                actor=request.user,
                document=document,
                original_name=name,
                form_key=form.cleaned_data["form_key"],
            )
        except WorkflowError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The file is attached."))
    else:
        for error in form.errors.get("attachment", []):
            messages.error(request, _("The file was not attached: %(error)s") % {"error": error})
    return redirect(f"{initiative.get_absolute_url()}#attachments-title")


@login_required
@require_POST
def confirm_partner(request: HttpRequest, pk: int, group_pk: int) -> HttpResponse:
    """Admins of a group named as a partner: confirm that the group takes part."""
    initiative = _get_initiative_for_user(request, pk)
    group = get_object_or_404(LocalGroup, pk=group_pk)
    try:
        services.confirm_partnership(initiative=initiative, actor=request.user, group=group)
    except WorkflowError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("Thank you: %(group)s is confirmed as a partner.") % {"group": group.name}
        )
    return redirect(initiative)


@login_required
def withdraw_consent(request: HttpRequest, pk: int) -> HttpResponse:
    """The group's members: take back the consent to be featured in the handbook (asks first)."""
    initiative = _get_initiative_for_user(request, pk)
    if not permissions.can_withdraw_consent(request.user, initiative):
        raise PermissionDenied
    if request.method == "POST":
        try:
            services.withdraw_consent(initiative=initiative, actor=request.user)
        except WorkflowError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _(
                    "Your consent is withdrawn. The initiative is no longer shown as an example "
                    "in the handbook, and the editors have been told."
                ),
            )
        return redirect(initiative)
    return render(request, "initiatives/consent_confirm.html", {"initiative": initiative})


# --- Reports ----------------------------------------------------------------------------------


@login_required
def report_create(request: HttpRequest, pk: int) -> HttpResponse:
    """The group's members, while approved or active: a progress report or the final report."""
    initiative = _get_initiative_for_user(request, pk)
    if not permissions.can_report(request.user, initiative):
        raise PermissionDenied
    final_allowed = not initiative.reports.filter(final=True).exists()
    bound = request.method == "POST"
    form = ReportForm(
        request.POST if bound else None,
        request.FILES if bound else None,
        final_allowed=final_allowed,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            report = services.add_report(
                initiative=initiative,
                actor=request.user,
                data=data,
                final=bool(data.get("final")),
                form_key=data["form_key"],
            )
            if data.get("attachment") and not getattr(report, "repeated_post", False):
                document, name = data["attachment"]
                services.add_attachment(
                    initiative=initiative,
                    actor=request.user,
                    document=document,
                    original_name=name,
                    report=report,
                )
        except WorkflowError as error:
            add_to_form(form, error)
        else:
            messages.success(
                request,
                _("Thank you for the final report!")
                if report.final
                else _("Thank you for the report!"),
            )
            return redirect(initiative)
    context = {"initiative": initiative, "form": form, "final_allowed": final_allowed}
    return render(request, "initiatives/report_form.html", context)
