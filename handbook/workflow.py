# ruff: noqa: E501 - the transitions table reads best one row per line.
"""The example workflow: ONE table of transitions, and the lookups views and templates use.

```
draft ──submit──▶ in_review ──publish──▶ published
  ▲                  │                      │
  └──return_to_draft─┘                      │
  └──────────────unpublish──────────────────┘
```

Writers (the example's city staff, and editors) draft and send for review; only editors
publish and unpublish. Only `services.transition` changes an example's status, and it reads this
table.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from handbook.models import Status

WRITER = "writer"  # staff of the example's city, or an editor
EDITOR = "editor"  # holds handbook.publish_example


@dataclass(frozen=True)
class Transition:
    """One allowed move: `name` from any of `sources` to `target`, by `actors`."""

    name: str
    label: Promise
    sources: frozenset[str]
    target: str
    actors: frozenset[str]
    style: str = "secondary"

    @property
    def button_class(self) -> str:
        return {"primary": "btn-primary", "danger": "btn-outline-danger"}.get(
            self.style, "btn-outline-primary"
        )


S = Status
TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in [
        Transition("submit", _("Send for review"), frozenset({S.DRAFT}), S.IN_REVIEW, frozenset({WRITER}), "primary"),
        Transition("publish", _("Publish"), frozenset({S.IN_REVIEW}), S.PUBLISHED, frozenset({EDITOR}), "primary"),
        Transition("return_to_draft", _("Back to draft"), frozenset({S.IN_REVIEW}), S.DRAFT, frozenset({WRITER})),
        Transition("unpublish", _("Unpublish"), frozenset({S.PUBLISHED}), S.DRAFT, frozenset({EDITOR}), "danger"),
    ]
}  # fmt: skip


def roles_of(user, example) -> set[str]:
    """The workflow roles `user` holds for `example`: WRITER, EDITOR, both or none."""
    from handbook.permissions import is_editor, is_writer_for

    roles = set()
    if is_editor(user):
        roles |= {WRITER, EDITOR}
    elif is_writer_for(user, example.city_id):
        roles.add(WRITER)
    return roles


def allowed_transitions(user, example) -> list[Transition]:
    """The transitions `user` may make on `example` now, in table order."""
    roles = roles_of(user, example)
    return [t for t in TRANSITIONS.values() if example.status in t.sources and roles & t.actors]
