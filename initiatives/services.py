"""Every write on initiatives: drafts, workflow transitions, review, support, reports.

Each function is keyword-only, runs in one transaction, locks the initiative row before it checks
anything (so two people acting at once are serialised: the second sees the first's result), checks
the permission again (views check first, for the buttons), writes, logs an `InitiativeEvent`, and
sends its emails after commit (`initiatives/emails.py`). Failures raise `WorkflowError`
carrying a translated message a view shows with `messages.error` (or, for `ProposalError`, field
errors a form shows next to the fields).

Public API (all keyword-only):

- `create_draft(group, actor, data) -> Initiative`
- `update_draft(initiative, actor, data) -> Initiative`
- `missing_answers(initiative) -> dict[field, message]` — what a submission still lacks
- `submit(initiative, actor) -> Initiative` — submit or resubmit (validates completeness)
- `transition(initiative, name, actor, message="", support_terms="") -> Initiative`
- `assign_reviewer(initiative, actor, reviewer) -> Initiative`
- `record_assessment(initiative, actor, criterion, score, note="") -> Assessment`
- `add_comment(initiative, actor, body, internal=False) -> Comment`
- `record_grant(initiative, actor, kind, amount_sek=None, date=None, note="", public=False)`
- `add_report(initiative, actor, data, final=False) -> Report`
- `add_attachment(initiative, actor, document, original_name, report=None) -> Attachment`
- `confirm_partnership(initiative, actor, group) -> InitiativePartner`
- `withdraw_consent(initiative, actor) -> Report` — the group takes back its consent to be featured

`notify=False` (on the writes that email) is for demo data and imports only.

The writes that create something take `form_key`, the one-time key of the form that asked
(`mobilisering.submissions`): a second post of the same form returns what the first created,
marked `repeated_post = True`, and creates nothing.
"""

import datetime
from collections.abc import Iterable, Mapping
from pathlib import PurePath
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cities.models import LocalGroup
from initiatives import emails, permissions, signals, workflow
from initiatives.models import (
    MAX_ACTIVITIES,
    MAX_AMOUNT_SEK,
    MAX_PEOPLE_REACHED,
    Assessment,
    Attachment,
    Comment,
    Criterion,
    Initiative,
    InitiativeEvent,
    InitiativePartner,
    KindOfWork,
    Report,
    Status,
    SupportGrant,
    SupportKind,
)
from mobilisering import submissions
from mobilisering.errors import DomainError
from mobilisering.uploads import CleanFile


class WorkflowError(DomainError):
    """A request the workflow refuses, with a translated message for the person who made it."""


class ProposalError(WorkflowError):
    """The proposal's answers are wrong or (on submission) incomplete; `errors` says which."""


# The proposal's plain fields, as `create_draft`/`update_draft` accept them in `data`. `themes`
# (RightsTheme objects) and `partners` (LocalGroup objects) are accepted too.
PROPOSAL_FIELDS = [
    "title",
    "summary",
    "right_at_stake",
    "rights_holders",
    "location",
    "evidence",
    "people_concerned",
    "goals",
    "activities",
    "kind_of_work",
    "planned_start",
    "planned_end",
    "budget_sek",
    "cost_breakdown",
    "support_requested",
]

# What a submission must answer, and the message when it is missing.
REQUIRED_ANSWERS: dict[str, Any] = {
    "title": gettext_lazy("Give the initiative a title."),
    "summary": gettext_lazy("Describe the initiative in a few sentences."),
    "right_at_stake": gettext_lazy("Say which right is not respected."),
    "rights_holders": gettext_lazy("Say for whom the right is not respected."),
    "location": gettext_lazy("Say where this happens."),
    "evidence": gettext_lazy("Say how the group knows."),
    "themes": gettext_lazy("Choose at least one area."),
    "people_concerned": gettext_lazy("Describe the people concerned and how they take part."),
    "goals": gettext_lazy("Describe what the initiative should achieve."),
    "activities": gettext_lazy("Describe the activities you plan."),
    "kind_of_work": gettext_lazy("Choose the kind of work."),
    "planned_start": gettext_lazy("Give the planned start date."),
    "planned_end": gettext_lazy("Give the planned end date."),
    "budget_sek": gettext_lazy("Give the budget in SEK (0 if you need no money)."),
    "support_requested": gettext_lazy("Choose at least one kind of support."),
}


END_BEFORE_START = gettext_lazy("The end date cannot be before the start date.")
OWN_GROUP_AS_PARTNER = gettext_lazy("Your own group cannot be its own partner.")
FUNDING_NEEDS_AMOUNT = gettext_lazy("Funding needs an amount in SEK.")


def end_before_start(start: datetime.date | None, end: datetime.date | None) -> bool:
    """The planned dates' rule: an end, when given with a start, is not before it."""
    return bool(start and end and end < start)


def funding_lacks_amount(kind: str, amount_sek: int | None) -> bool:
    """The grants' rule: funding is recorded with an amount in SEK (other support needs none)."""
    return kind == SupportKind.FUNDING and not amount_sek


def _lock(initiative: Initiative) -> Initiative:
    """The initiative's row, locked until the transaction ends (a no-op lock on SQLite, where
    IMMEDIATE transactions already serialise writers)."""
    return Initiative.objects.select_for_update().get(pk=initiative.pk)


def _refresh_caller(initiative: Initiative, locked: Initiative, fields: Iterable[str]) -> None:
    for field in fields:
        setattr(initiative, field, getattr(locked, field))


def _log(
    initiative: Initiative,
    actor,
    kind: str,
    *,
    text: str = "",
    visible_to_group: bool = True,
    **fields,
) -> InitiativeEvent:
    return InitiativeEvent.objects.create(
        initiative=initiative,
        actor=actor,
        kind=kind,
        text=text,
        visible_to_group=visible_to_group,
        **fields,
    )


# --- The proposal ----------------------------------------------------------------------------


def _check_proposal_data(data: Mapping[str, Any], group: LocalGroup) -> None:
    """Shape checks that hold for drafts too: dates in order, no negative budget, known choices,
    partners that are other approved groups."""
    errors: dict[str, list[str]] = {}
    if "title" in data and not (data.get("title") or "").strip():
        errors["title"] = [_("Give the initiative a title, even for a draft.")]
    if end_before_start(data.get("planned_start"), data.get("planned_end")):
        errors["planned_end"] = [str(END_BEFORE_START)]
    budget = data.get("budget_sek")
    if budget is not None and budget < 0:
        errors["budget_sek"] = [_("The budget cannot be negative.")]
    elif budget is not None and budget > MAX_AMOUNT_SEK:
        errors["budget_sek"] = [_("The budget can be at most 100 000 000 kronor.")]
    kind = data.get("kind_of_work")
    if kind and kind not in KindOfWork.values:
        errors["kind_of_work"] = [_("Choose one of the kinds of work.")]
    support = data.get("support_requested") or []
    if any(value not in SupportKind.values for value in support):
        errors["support_requested"] = [_("Choose among the kinds of support listed.")]
    for partner in data.get("partners") or []:
        if partner.pk == group.pk:
            errors["partners"] = [str(OWN_GROUP_AS_PARTNER)]
        elif partner.status != LocalGroup.Status.APPROVED:
            errors["partners"] = [_("Partners must be approved groups.")]
    if errors:
        raise ProposalError(_("Some answers need correcting."), errors=errors)


def _apply_proposal_data(initiative: Initiative, data: Mapping[str, Any]) -> None:
    for field in PROPOSAL_FIELDS:
        if field in data:
            value = data[field]
            if isinstance(value, str):
                value = value.strip()
            if field == "support_requested":
                value = [kind for kind in SupportKind.values if kind in set(value or [])]
            setattr(initiative, field, value)


def _save_relations(initiative: Initiative, data: Mapping[str, Any]) -> None:
    if "themes" in data:
        initiative.themes.set(data["themes"] or [])
    if "partners" in data:
        wanted = {group.pk for group in data["partners"] or []}
        existing = set(initiative.partnerships.values_list("group_id", flat=True))
        initiative.partnerships.filter(group_id__in=existing - wanted).delete()
        InitiativePartner.objects.bulk_create(
            InitiativePartner(initiative=initiative, group_id=pk) for pk in wanted - existing
        )


def create_draft(
    *, group: LocalGroup, actor, data: Mapping[str, Any], form_key: str = ""
) -> Initiative:
    """Create a draft for `group` from the answers in `data` (incomplete is fine; a title is
    needed). The city is the group's. Logs a "create" event. Raises WorkflowError if `actor` is
    not a member of the approved group, ProposalError for wrong answers."""
    if not permissions.can_create(actor, group):
        raise WorkflowError(_("Only members of an approved group can propose an initiative."))
    _check_proposal_data({"title": "", **data}, group)
    with transaction.atomic():
        claim = submissions.spend(key=form_key, action="initiatives.create_draft", user=actor)
        if isinstance(claim, submissions.Spent):
            return submissions.earlier(Initiative, claim, error=WorkflowError)
        initiative = Initiative(group=group, city_id=group.city_id, created_by=actor)
        _apply_proposal_data(initiative, data)
        initiative.save()
        _save_relations(initiative, data)
        _log(
            initiative,
            actor,
            InitiativeEvent.Kind.TRANSITION,
            transition="create",
            to_status=Status.DRAFT,
        )
        claim.done(initiative)
    return initiative


def update_draft(*, initiative: Initiative, actor, data: Mapping[str, Any]) -> Initiative:
    """Save the group's changes to a proposal in draft or changes_requested (incomplete is fine).

    Raises WorkflowError when the proposal may no longer be edited (e.g. submitted meanwhile),
    ProposalError for wrong answers."""
    with transaction.atomic():
        locked = _lock(initiative)
        locked.group = initiative.group
        if not permissions.can_edit(actor, locked):
            raise WorkflowError(
                _("This proposal can no longer be edited: it is %(status)s.")
                % {"status": locked.get_status_display()}
            )
        _check_proposal_data(data, locked.group)
        _apply_proposal_data(locked, data)
        locked.save()
        _save_relations(locked, data)
    _refresh_caller(initiative, locked, [*PROPOSAL_FIELDS, "status", "updated_at"])
    return locked


def missing_answers(initiative: Initiative) -> dict[str, str]:
    """{field: message} for every answer a submission still lacks or has wrong; empty when the
    proposal is complete. The proposal form shows these in its error summary."""
    data = {field: getattr(initiative, field) for field in PROPOSAL_FIELDS}
    data["themes"] = initiative.themes.exists()
    return missing_answers_in(data)


def missing_answers_in(data: Mapping[str, Any]) -> dict[str, str]:
    """The same check on answers not saved yet (a form's cleaned data)."""
    missing: dict[str, str] = {}
    for field, message in REQUIRED_ANSWERS.items():
        value = data.get(field)
        if field == "budget_sek":
            present = value is not None
        else:
            present = bool(value.strip()) if isinstance(value, str) else bool(value)
        if not present:
            missing[field] = str(message)
    if data.get("budget_sek") and not (data.get("cost_breakdown") or "").strip():
        missing["cost_breakdown"] = _("Break the budget down into its main costs.")
    if end_before_start(data.get("planned_start"), data.get("planned_end")):
        missing["planned_end"] = str(END_BEFORE_START)
    return missing


def submit(*, initiative: Initiative, actor, notify: bool = True) -> Initiative:
    """Submit a draft, or submit again after changes were requested ("submit"/"resubmit").

    Raises ProposalError with every missing answer when the proposal is incomplete."""
    name = "resubmit" if initiative.status == Status.CHANGES_REQUESTED else "submit"
    return transition(initiative=initiative, name=name, actor=actor, notify=notify)


# --- The workflow ----------------------------------------------------------------------------


def _side(actor, initiative: Initiative, step: workflow.Transition) -> str:
    """The role in which `actor` makes `step`: the group's, unless only staff may."""
    roles = workflow.roles_of(actor, initiative) & step.actors
    return workflow.GROUP if workflow.GROUP in roles else workflow.STAFF


def transition(
    *,
    initiative: Initiative,
    name: str,
    actor,
    message: str = "",
    support_terms: str = "",
    notify: bool = True,
) -> Initiative:
    """Move `initiative` along the workflow transition `name` (see `workflow.TRANSITIONS`).

    Locks the row, then checks that the current status allows the transition (otherwise someone
    else acted first: WorkflowError saying what the status is now — never a second event), that
    `actor` holds a role allowed to make it, and that what it requires is given: `message` for
    request_changes/decline/discontinue, `support_terms` for approve, a final report for complete,
    every answer of the proposal for submit/resubmit (ProposalError listing them). Writes the
    status and one `transition` event (visible to the group), then emails the other side after
    commit. Returns the updated initiative (the passed object is updated too).
    """
    step = workflow.TRANSITIONS.get(name)
    if step is None:
        raise WorkflowError(_("This action does not exist."))
    message, support_terms = message.strip(), support_terms.strip()
    with transaction.atomic():
        locked = _lock(initiative)
        if locked.status not in step.sources:
            raise WorkflowError(
                _(
                    "This could not be done: the initiative is now “%(status)s”, so “%(action)s” "
                    "is no longer possible. Someone may have acted on it at the same time."
                )
                % {"status": locked.get_status_display(), "action": step.label}
            )
        if not workflow.roles_of(actor, locked) & step.actors:
            raise WorkflowError(_("You may not do this with this initiative."))
        if step.needs_message and not message:
            raise WorkflowError(
                _("Write a message to the group saying why."), errors={"message": [_("Required.")]}
            )
        if step.needs_support_terms and not support_terms:
            raise WorkflowError(
                _("Write the support terms: what the city mission commits to and on what terms."),
                errors={"support_terms": [_("Required.")]},
            )
        if step.needs_final_report and not locked.reports.filter(final=True).exists():
            raise WorkflowError(
                _("The initiative can be completed once the group has written its final report.")
            )
        if step.needs_complete_proposal:
            missing = missing_answers(locked)
            if missing:
                raise ProposalError(
                    _("The proposal is not complete yet: %(count)s answers are missing or wrong.")
                    % {"count": len(missing)},
                    errors={field: [text] for field, text in missing.items()},
                )
        side = _side(actor, locked, step)
        from_status = locked.status
        now = timezone.now()
        locked.status = step.target
        changed = ["status", "updated_at"]
        if step.needs_complete_proposal:
            locked.submitted_at = now
            changed.append("submitted_at")
        if step.target in {Status.APPROVED, Status.DECLINED}:
            locked.decided_at = now
            changed.append("decided_at")
        if support_terms:
            locked.support_terms = support_terms
            changed.append("support_terms")
        locked.save(update_fields=changed)
        event = _log(
            locked,
            actor,
            InitiativeEvent.Kind.TRANSITION,
            transition=step.name,
            from_status=from_status,
            to_status=step.target,
            text="\n\n".join(part for part in [message, support_terms] if part),
        )
        if notify:
            emails.transition_made(
                initiative=locked, step=step, event=event, actor=actor, side=side
            )
            if step.needs_complete_proposal:
                emails.partners_named(initiative=locked, actor=actor)
    _refresh_caller(
        initiative, locked, ["status", "submitted_at", "decided_at", "support_terms", "updated_at"]
    )
    return locked


# --- Review ----------------------------------------------------------------------------------


def assign_reviewer(*, initiative: Initiative, actor, reviewer) -> Initiative:
    """Make `reviewer` (staff of the initiative's city, or None to clear) the assigned reviewer.
    Logs an `assignment` event (staff only)."""
    with transaction.atomic():
        locked = _lock(initiative)
        if not permissions.can_assign(actor, locked):
            raise WorkflowError(_("Only staff of the initiative's city can assign a reviewer."))
        if reviewer is not None and not permissions.can_be_reviewer(reviewer, locked):
            raise WorkflowError(_("The reviewer must be staff of the initiative's city."))
        locked.assigned_to = reviewer
        locked.save(update_fields=["assigned_to", "updated_at"])
        _log(
            locked,
            actor,
            InitiativeEvent.Kind.ASSIGNMENT,
            text=(reviewer.get_full_name() or reviewer.email) if reviewer else "",
            visible_to_group=False,
        )
    initiative.assigned_to = reviewer
    return locked


def record_assessment(
    *, initiative: Initiative, actor, criterion: str, score: int, note: str = ""
) -> Assessment:
    """Set the score (1–5) and note for one criterion; replaces an earlier score for it (one
    assessment per criterion per initiative). Logs an `assessment` event (staff only)."""
    if criterion not in Criterion.values:
        raise WorkflowError(_("Choose one of the assessment criteria."))
    if not isinstance(score, int) or not 1 <= score <= 5:
        raise WorkflowError(_("The score must be a whole number from 1 to 5."))
    with transaction.atomic():
        locked = _lock(initiative)
        if not permissions.can_assess(actor, locked):
            raise WorkflowError(_("Only staff of the initiative's city can assess it."))
        assessment, _created = Assessment.objects.update_or_create(
            initiative=locked,
            criterion=criterion,
            defaults={"score": score, "note": note.strip(), "reviewer": actor},
        )
        _log(
            locked,
            actor,
            InitiativeEvent.Kind.ASSESSMENT,
            # Data, not words: the timeline names the criterion in the reader's language.
            data={"criterion": criterion, "score": score},
            visible_to_group=False,
        )
    return assessment


def add_comment(
    *,
    initiative: Initiative,
    actor,
    body: str,
    internal: bool = False,
    notify: bool = True,
    form_key: str = "",
) -> Comment:
    """An internal comment (staff only) or a message between the group and the city's staff.

    A message is on the group's timeline and emailed to the other side after commit; an internal
    comment is seen by the city's staff only."""
    body = body.strip()
    if not body:
        raise WorkflowError(_("Write something first."), errors={"body": [_("Required.")]})
    with transaction.atomic():
        locked = _lock(initiative)
        allowed = (
            permissions.can_comment_internally(actor, locked)
            if internal
            else permissions.can_message(actor, locked)
        )
        if not allowed:
            raise WorkflowError(_("You may not write here."))
        claim = submissions.spend(key=form_key, action="initiatives.add_comment", user=actor)
        if isinstance(claim, submissions.Spent):
            return submissions.earlier(Comment, claim, error=WorkflowError)
        comment = Comment.objects.create(
            initiative=locked, author=actor, body=body, internal=internal
        )
        _log(
            locked,
            actor,
            InitiativeEvent.Kind.COMMENT if internal else InitiativeEvent.Kind.MESSAGE,
            text=body,
            visible_to_group=not internal,
        )
        if notify and not internal:
            emails.message_written(initiative=locked, comment=comment, actor=actor)
        claim.done(comment)
    return comment


def record_grant(
    *,
    initiative: Initiative,
    actor,
    kind: str,
    amount_sek: int | None = None,
    date: datetime.date | None = None,
    note: str = "",
    public: bool = False,
    form_key: str = "",
) -> SupportGrant:
    """Record support given to an approved, active or completed initiative. `funding` needs a
    positive `amount_sek`. Logs a `grant` event the group sees (with the amount; the public sees
    an amount only when `public`)."""
    errors: dict[str, list[str]] = {}
    if kind not in SupportKind.values:
        errors["kind"] = [_("Choose a kind of support.")]
    if amount_sek is not None and amount_sek < 0:
        errors["amount_sek"] = [_("The amount cannot be negative.")]
    elif amount_sek is not None and amount_sek > MAX_AMOUNT_SEK:
        errors["amount_sek"] = [_("The amount can be at most 100 000 000 kronor.")]
    elif funding_lacks_amount(kind, amount_sek):
        errors["amount_sek"] = [str(FUNDING_NEEDS_AMOUNT)]
    if errors:
        raise WorkflowError(_("Some answers need correcting."), errors=errors)
    with transaction.atomic():
        locked = _lock(initiative)
        if not permissions.can_record_grant(actor, locked):
            raise WorkflowError(
                _("Support is recorded by the city's staff once the initiative is approved.")
            )
        claim = submissions.spend(key=form_key, action="initiatives.record_grant", user=actor)
        if isinstance(claim, submissions.Spent):
            return submissions.earlier(SupportGrant, claim, error=WorkflowError)
        grant = SupportGrant.objects.create(
            initiative=locked,
            kind=kind,
            amount_sek=amount_sek,
            date=date or timezone.localdate(),
            note=note.strip(),
            public=public,
            recorded_by=actor,
        )
        _log(locked, actor, InitiativeEvent.Kind.GRANT, text=grant.note, grant=grant)
        claim.done(grant)
    return grant


# --- Follow-up -------------------------------------------------------------------------------

REPORT_FIELDS = [
    "period_start",
    "period_end",
    "done",
    "people_reached",
    "activities_held",
    "volunteers",
    "outcomes",
    "lessons",
    "consent_to_feature",
]


def add_report(
    *,
    initiative: Initiative,
    actor,
    data: Mapping[str, Any],
    final: bool = False,
    notify: bool = True,
    form_key: str = "",
) -> Report:
    """A progress report, or (final=True) the one final report, by a member of the group while
    the initiative is approved or active. Consent to be featured only counts on the final report.
    Logs a `report` event and tells the city's staff after commit."""
    errors: dict[str, list[str]] = {}
    start, end = data.get("period_start"), data.get("period_end")
    if not start:
        errors["period_start"] = [_("Give the start of the period.")]
    if not end:
        errors["period_end"] = [_("Give the end of the period.")]
    elif start and end < start:
        errors["period_end"] = [_("The end of the period cannot be before its start.")]
    if not (data.get("done") or "").strip():
        errors["done"] = [_("Describe what was done.")]
    limits = {
        "people_reached": MAX_PEOPLE_REACHED,
        "activities_held": MAX_ACTIVITIES,
        "volunteers": MAX_ACTIVITIES,
    }
    for field, limit in limits.items():
        value = data.get(field)
        if value is None or value < 0:
            errors[field] = [_("Give a number (0 or more).")]
        elif value > limit:
            errors[field] = [
                _("Give a number of at most %(limit)s.")
                % {"limit": f"{limit:,}".replace(",", "\N{NO-BREAK SPACE}")}
            ]
    if errors:
        raise WorkflowError(_("Some answers need correcting."), errors=errors)
    with transaction.atomic():
        locked = _lock(initiative)
        if not permissions.can_report(actor, locked):
            raise WorkflowError(
                _("Reports are written by the group while the initiative is approved or active.")
            )
        claim = submissions.spend(key=form_key, action="initiatives.add_report", user=actor)
        if isinstance(claim, submissions.Spent):
            return submissions.earlier(Report, claim, error=WorkflowError)
        if final and locked.reports.filter(final=True).exists():
            raise WorkflowError(_("This initiative already has its final report."))
        values = {field: data.get(field) for field in REPORT_FIELDS if field in data}
        for field in ["done", "outcomes", "lessons"]:
            values[field] = (values.get(field) or "").strip()
        values["consent_to_feature"] = bool(final and data.get("consent_to_feature"))
        report = Report.objects.create(initiative=locked, author=actor, final=final, **values)
        _log(locked, actor, InitiativeEvent.Kind.REPORT, report=report)
        if notify:
            emails.report_written(initiative=locked, report=report, actor=actor)
        claim.done(report)
    return report


def add_attachment(
    *,
    initiative: Initiative,
    actor,
    document: CleanFile,
    original_name: str,
    report: Report | None = None,
    form_key: str = "",
) -> Attachment:
    """Attach a file that `mobilisering.uploads.clean_document` has checked to the proposal or
    to one of its reports. Members may attach while they may edit or report. Logs an
    `attachment` event (visible to the group)."""
    if not isinstance(document, CleanFile):
        raise TypeError("add_attachment takes a CleanFile from clean_document()")
    if report is not None and report.initiative_id != initiative.pk:
        raise WorkflowError(_("That report belongs to another initiative."))
    name = PurePath((original_name or "").replace("\\", "/")).name[:200] or "file"
    with transaction.atomic():
        locked = _lock(initiative)
        if not permissions.can_add_attachment(actor, locked):
            raise WorkflowError(_("You may not add files to this initiative now."))
        claim = submissions.spend(key=form_key, action="initiatives.add_attachment", user=actor)
        if isinstance(claim, submissions.Spent):
            return submissions.earlier(Attachment, claim, error=WorkflowError)
        attachment = Attachment(
            initiative=locked,
            report=report,
            content_type=document.content_type,
            original_name=name,
            size=document.file.size,
            uploaded_by=actor,
        )
        attachment.file.save(document.file.name or name, document.file, save=False)
        attachment.save()
        _log(
            locked,
            actor,
            InitiativeEvent.Kind.ATTACHMENT,
            text=name,
            attachment=attachment,
            report=report,
        )
        claim.done(attachment)
    return attachment


def confirm_partnership(
    *, initiative: Initiative, actor, group: LocalGroup, notify: bool = True
) -> InitiativePartner:
    """An admin of a partner group confirms that the group takes part. Idempotent. Logs a
    `partnership` event and tells the initiative's group admins."""
    with transaction.atomic():
        locked = _lock(initiative)
        if not permissions.can_confirm_partnership(actor, locked, group):
            raise WorkflowError(_("Only an administrator of the partner group can confirm."))
        partnership = locked.partnerships.select_for_update().get(group=group)
        if partnership.confirmed:
            return partnership
        partnership.confirmed = True
        partnership.confirmed_at = timezone.now()
        partnership.confirmed_by = actor
        partnership.save(update_fields=["confirmed", "confirmed_at", "confirmed_by"])
        _log(locked, actor, InitiativeEvent.Kind.PARTNERSHIP, text=group.name)
        if notify:
            emails.partnership_confirmed(initiative=locked, group=group, actor=actor)
    return partnership


def withdraw_consent(*, initiative: Initiative, actor) -> Report:
    """A member of the group withdraws the consent its final report gave to be featured as a
    handbook example. Logs a `consent` event and sends `signals.consent_withdrawn` in the same
    transaction, so the handbook takes the initiative's examples off the public site with it."""
    with transaction.atomic():
        locked = _lock(initiative)
        report = Report.objects.select_for_update().filter(initiative=locked, final=True).first()
        if report is None or not report.consent_to_feature:
            raise WorkflowError(
                _("The group has not consented to be featured, or has already withdrawn it.")
            )
        if not permissions.can_withdraw_consent(actor, locked, report):
            raise WorkflowError(_("Only the group's members can withdraw its consent."))
        report.consent_to_feature = False
        report.save(update_fields=["consent_to_feature"])
        _log(locked, actor, InitiativeEvent.Kind.CONSENT, report=report)
        signals.consent_withdrawn.send(sender=Initiative, initiative=locked, actor=actor)
    return report
