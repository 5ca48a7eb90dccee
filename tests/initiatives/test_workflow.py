"""The transitions table follows DESIGN.md's diagram, and the lookups answer per role."""

import pytest
from django.contrib.auth.models import AnonymousUser

from initiatives import workflow
from initiatives.models import Status
from tests.initiatives.conftest import fresh

S = Status


def test_it_has_exactly_the_designed_transitions():
    """Every arrow of the diagram, and nothing else."""
    table = {
        name: (set(t.sources), t.target, set(t.actors), set(t.requires))
        for name, t in workflow.TRANSITIONS.items()
    }
    assert table == {
        "submit": ({S.DRAFT}, S.SUBMITTED, {"group"}, {"complete_proposal"}),
        "start_review": ({S.SUBMITTED}, S.IN_REVIEW, {"staff"}, set()),
        "request_changes": ({S.IN_REVIEW}, S.CHANGES_REQUESTED, {"staff"}, {"message"}),
        "resubmit": ({S.CHANGES_REQUESTED}, S.SUBMITTED, {"group"}, {"complete_proposal"}),
        "approve": ({S.IN_REVIEW}, S.APPROVED, {"staff"}, {"support_terms"}),
        "decline": ({S.IN_REVIEW}, S.DECLINED, {"staff"}, {"message"}),
        "start": ({S.APPROVED}, S.ACTIVE, {"group", "staff"}, set()),
        "complete": ({S.ACTIVE}, S.COMPLETED, {"staff"}, {"final_report"}),
        "discontinue": ({S.ACTIVE}, S.DISCONTINUED, {"staff"}, {"message"}),
        "withdraw": (
            {S.DRAFT, S.SUBMITTED, S.IN_REVIEW, S.CHANGES_REQUESTED},
            S.WITHDRAWN,
            {"group"},
            set(),
        ),
    }


def test_it_reaches_every_status_and_leaves_the_final_ones_alone():
    """Every status is some transition's target (or the start); closed ones lead nowhere."""
    targets = {t.target for t in workflow.TRANSITIONS.values()} | {S.DRAFT}
    assert targets == set(S.values)
    for closed in [S.COMPLETED, S.DECLINED, S.WITHDRAWN, S.DISCONTINUED]:
        assert workflow.transitions_from(closed) == []
    assert set(workflow.NEXT_STEP_FOR_GROUP) == set(S.values)


@pytest.mark.django_db
def test_it_offers_each_side_its_own_buttons(
    initiative_factory, member, staff_malmo, staff_stockholm, other_member
):
    """The group sees submit/withdraw on a draft; staff see start_review once submitted;
    strangers see nothing."""
    draft = initiative_factory()
    assert [t.name for t in workflow.allowed_transitions(fresh(member), draft)] == [
        "submit",
        "withdraw",
    ]
    assert workflow.allowed_transitions(fresh(staff_malmo), draft) == []
    submitted = initiative_factory(status=S.SUBMITTED)
    assert [t.name for t in workflow.allowed_transitions(fresh(staff_malmo), submitted)] == [
        "start_review"
    ]
    in_review = initiative_factory(status=S.IN_REVIEW)
    staff_names = [t.name for t in workflow.allowed_transitions(fresh(staff_malmo), in_review)]
    assert staff_names == ["request_changes", "approve", "decline"]
    for stranger in [fresh(staff_stockholm), fresh(other_member), AnonymousUser()]:
        assert workflow.allowed_transitions(stranger, in_review) == []
    approved = initiative_factory(status=S.APPROVED)
    assert [
        t.name for t in workflow.allowed_transitions(fresh(member), approved, side="group")
    ] == ["start"]
    assert workflow.allowed_transitions(fresh(member), approved, side="staff") == []
