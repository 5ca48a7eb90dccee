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

from django.utils.translation import gettext_lazy as _

from handbook.models import Status
from handbook.permissions import is_editor, is_writer_for
from initiatives.workflow import Transition

WRITER = "writer"  # staff of the example's city, or an editor
EDITOR = "editor"  # holds handbook.publish_example


def _t(name, label, sources, target, actors, style="secondary") -> Transition:
    return Transition(name, label, frozenset(sources), target, frozenset(actors), style=style)


S = Status
TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in [
        _t("submit", _("Send for review"), [S.DRAFT], S.IN_REVIEW, [WRITER], "primary"),
        _t("publish", _("Publish"), [S.IN_REVIEW], S.PUBLISHED, [EDITOR], "primary"),
        _t("return_to_draft", _("Back to draft"), [S.IN_REVIEW], S.DRAFT, [WRITER]),
        _t("unpublish", _("Unpublish"), [S.PUBLISHED], S.DRAFT, [EDITOR], "danger"),
    ]
}  # fmt: skip


def roles_of(user, example) -> set[str]:
    """The workflow roles `user` holds for `example`: WRITER, EDITOR, both or none."""
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
