# ruff: noqa: E501 - the diagram and the transitions table read best one row per line.
"""The initiative workflow: ONE table of transitions, and the lookups views and templates use.

```
draft ──submit──▶ submitted ──start_review──▶ in_review ──approve──▶ approved ──start──▶ active ──complete──▶ completed
  ▲                   ▲                          │  │                                        │
  │                   └────────resubmit──── changes_requested ◀─request_changes─┘          └──discontinue──▶ discontinued
  └─ (edit freely)                               └──decline──▶ declined
withdraw (by the group) from draft, submitted, in_review, changes_requested ──▶ withdrawn
```

Only `services.transition` changes an initiative's status, and it reads this table: the
transition's `sources` must contain the current status, the actor must hold one of its `actors`
roles, and what it `requires` must be given. Views ask `allowed_transitions(user, initiative)` for
the buttons to show and pass the chosen `name` to `services.transition`.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from cities.permissions import is_city_staff, is_group_member
from initiatives.models import Initiative, Status

GROUP = "group"  # any member of the initiative's group
STAFF = "staff"  # staff of the initiative's city

MESSAGE = "message"  # a message to the group, shown on its timeline
SUPPORT_TERMS = "support_terms"  # the support the city mission commits to (approve)
FINAL_REPORT = "final_report"  # the group's final report must exist (complete)
COMPLETE_PROPOSAL = "complete_proposal"  # every answer of the proposal given (submit, resubmit)


@dataclass(frozen=True)
class Transition:
    """One allowed move: `name` from any of `sources` to `target`, by `actors`, given `requires`."""

    name: str
    label: Promise  # the button's text
    sources: frozenset[str]
    target: str
    actors: frozenset[str]
    requires: frozenset[str] = frozenset()
    # "primary", "secondary" or "danger": how prominent the button is.
    style: str = "secondary"

    @property
    def button_class(self) -> str:
        """The Bootstrap classes of the step's button among the others on a page."""
        return {"primary": "btn-primary", "danger": "btn-outline-danger"}.get(
            self.style, "btn-outline-primary"
        )

    @property
    def confirm_button_class(self) -> str:
        """The Bootstrap classes of the step's button on its own confirmation page, where it is the main action."""
        return "btn-danger" if self.style == "danger" else "btn-primary"

    @property
    def needs_message(self) -> bool:
        return MESSAGE in self.requires

    @property
    def needs_support_terms(self) -> bool:
        return SUPPORT_TERMS in self.requires

    @property
    def needs_final_report(self) -> bool:
        return FINAL_REPORT in self.requires

    @property
    def needs_complete_proposal(self) -> bool:
        return COMPLETE_PROPOSAL in self.requires

    @property
    def by_group(self) -> bool:
        return GROUP in self.actors

    @property
    def by_staff(self) -> bool:
        return STAFF in self.actors


def _t(name, label, sources, target, actors, requires=(), style="secondary") -> Transition:
    return Transition(name, label, frozenset(sources), target, frozenset(actors), frozenset(requires), style)  # fmt: skip


S = Status
TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in [
        _t("submit", _("Submit the proposal"), [S.DRAFT], S.SUBMITTED, [GROUP], [COMPLETE_PROPOSAL], "primary"),
        _t("start_review", _("Start the review"), [S.SUBMITTED], S.IN_REVIEW, [STAFF], style="primary"),
        _t("request_changes", _("Ask for changes"), [S.IN_REVIEW], S.CHANGES_REQUESTED, [STAFF], [MESSAGE]),
        _t("resubmit", _("Submit again"), [S.CHANGES_REQUESTED], S.SUBMITTED, [GROUP], [COMPLETE_PROPOSAL], "primary"),
        _t("approve", _("Approve"), [S.IN_REVIEW], S.APPROVED, [STAFF], [SUPPORT_TERMS], "primary"),
        _t("decline", _("Decline"), [S.IN_REVIEW], S.DECLINED, [STAFF], [MESSAGE], "danger"),
        _t("start", _("Start the work"), [S.APPROVED], S.ACTIVE, [GROUP, STAFF], style="primary"),
        _t("complete", _("Mark as completed"), [S.ACTIVE], S.COMPLETED, [STAFF], [FINAL_REPORT], "primary"),
        _t("discontinue", _("Discontinue"), [S.ACTIVE], S.DISCONTINUED, [STAFF], [MESSAGE], "danger"),
        _t(
            "withdraw",
            _("Withdraw the proposal"),
            [S.DRAFT, S.SUBMITTED, S.IN_REVIEW, S.CHANGES_REQUESTED],
            S.WITHDRAWN,
            [GROUP],
            style="danger",
        ),
    ]
}  # fmt: skip

# What the group is expected to do next, by status (shown on /my/ and the detail page).
NEXT_STEP_FOR_GROUP: dict[str, Promise] = {
    S.DRAFT: _("Complete the proposal and submit it."),
    S.SUBMITTED: _("Wait for the city mission to start the review."),
    S.IN_REVIEW: _("The city mission is reviewing the proposal."),
    S.CHANGES_REQUESTED: _("Make the changes asked for and submit again."),
    S.APPROVED: _("Start the work when you are ready, and report on it."),
    S.ACTIVE: _("Write progress reports, and the final report when the work is done."),
    S.COMPLETED: _("Nothing: the initiative is completed. Thank you!"),
    S.DECLINED: _("Nothing: the proposal was declined."),
    S.WITHDRAWN: _("Nothing: the proposal was withdrawn."),
    S.DISCONTINUED: _("Nothing: the initiative was discontinued."),
}


def get_transition(name: str) -> Transition:
    """The transition called `name` (KeyError for an unknown name)."""
    return TRANSITIONS[name]


def transitions_from(status: str) -> list[Transition]:
    """Every transition that can start from `status`, whoever makes it, in table order."""
    return [t for t in TRANSITIONS.values() if status in t.sources]


def roles_of(user, initiative: Initiative, *, asked=(GROUP, STAFF)) -> set[str]:
    """The workflow roles `user` holds for `initiative`: GROUP, STAFF, both or none (of the
    roles `asked`: each is a lookup, so a page that needs one side asks only for it)."""
    roles = set()
    if GROUP in asked and is_group_member(user, initiative.group):
        roles.add(GROUP)
    if STAFF in asked and is_city_staff(user, initiative.city_id):
        roles.add(STAFF)
    return roles


def may_perform(user, initiative: Initiative, name: str) -> bool:
    """May `user` make transition `name` on `initiative` in its current status?"""
    transition = TRANSITIONS.get(name)
    if transition is None or initiative.status not in transition.sources:
        return False
    return bool(roles_of(user, initiative) & transition.actors)


def allowed_transitions(
    user, initiative: Initiative, *, side: str | None = None
) -> list[Transition]:
    """The transitions `user` may make on `initiative` now, in table order.

    `side=GROUP` or `side=STAFF` keeps only those made in that role: the public detail page shows
    the group's buttons, the staff review page the staff's.
    """
    roles = roles_of(user, initiative, asked=(GROUP, STAFF) if side is None else (side,))
    return [t for t in transitions_from(initiative.status) if roles & t.actors]


def next_step(initiative: Initiative) -> Promise:
    """What the group is expected to do next, in plain words."""
    return NEXT_STEP_FOR_GROUP[initiative.status]
