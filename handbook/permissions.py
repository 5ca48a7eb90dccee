"""Who may do what with examples and editions: one small function per question.

Editors hold the `handbook.publish_example` permission: they curate examples, chapters and
editions, and publish. City staff draft examples for their own cities and send them for review.
Each function takes the user first and answers False for anonymous visitors.
"""

from cities.permissions import is_city_staff
from initiatives.models import Initiative, Status


def is_editor(user) -> bool:
    """Does `user` hold the editor's permission (superusers do)?"""
    return user.is_authenticated and user.has_perm("handbook.publish_example")


def is_writer_for(user, city_id: int | None = None) -> bool:
    """May `user` write examples for the city (or, without a city, for some city)?"""
    return is_editor(user) or is_city_staff(user, city_id)


def can_use_workspace(user) -> bool:
    """The stories workspace: editors and city staff."""
    return is_writer_for(user)


def can_edit(user, example) -> bool:
    """Editors edit any example; city staff their city's examples until they are published."""
    if is_editor(user):
        return True
    return example.status != "published" and is_city_staff(user, example.city_id)


def can_transition(user, example, name: str) -> bool:
    """May `user` make the workflow transition `name` on `example` now?"""
    # Imported here: the workflow's roles are built from this module's questions.
    from handbook.workflow import allowed_transitions

    return any(t.name == name for t in allowed_transitions(user, example))


def can_manage_editions(user) -> bool:
    """Editors build editions: chapters, their examples, publishing."""
    return is_editor(user)


def may_be_source(initiative: Initiative, final_report=None) -> bool:
    """A completed initiative whose final report consents to being featured."""
    if initiative.status != Status.COMPLETED:
        return False
    if final_report is None:
        final_report = initiative.reports.filter(final=True).first()
    return bool(final_report and final_report.consent_to_feature)


def can_start_from(user, initiative: Initiative) -> bool:
    """Editors, and staff of the initiative's city, start an example from it."""
    return is_writer_for(user, initiative.city_id)
