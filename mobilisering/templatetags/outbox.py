from django import template

from mobilisering import outbox

register = template.Library()


@register.simple_tag
def undelivered_email_count() -> int:
    """How many emails failed or wait for a retry (shown on the staff pages)."""
    return outbox.undelivered().count()
