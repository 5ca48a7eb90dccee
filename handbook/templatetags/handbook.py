from django import template
from django.utils.html import format_html

from mobilisering.models import current_language

register = template.Library()


@register.filter
def lang_of(example, field: str) -> str:
    """` lang="sv"` on the element showing an example's translated `field` when the text shown
    is in another language than the page (no translation written yet: the fallback shows)."""
    language = example.language_of(field)
    if not language or language == current_language():
        return ""
    return format_html(' lang="{}"', language)
