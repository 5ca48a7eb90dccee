from django import forms, template
from django.template.defaultfilters import stringfilter

from mobilisering.markdown import SUMMARY_WORDS, plain_summary, render_markdown

register = template.Library()


@register.filter(name="markdown")
@stringfilter
def markdown_filter(text):
    return render_markdown(text)


@register.filter(name="plain_summary")
@stringfilter
def plain_summary_filter(text, words=SUMMARY_WORDS):
    """Markdown (or any user text) as escaped plain text of at most `words` words: the one way
    to put user text into an attribute such as a meta description, and into a card's teaser."""
    return plain_summary(text, int(words))


@register.simple_tag(takes_context=True)
def page_has_errors(context) -> bool:
    """True when any bound form on the page has errors: the title then starts "Error: "."""
    for layer in context.dicts:
        for value in layer.values():
            if isinstance(value, forms.BaseForm) and value.is_bound and value.errors:
                return True
            is_formset = isinstance(value, forms.BaseFormSet)
            if is_formset and value.is_bound and value.total_error_count():
                return True
    return False


@register.simple_tag(takes_context=True)
def page_sections(context, page, *args):
    """Sections other apps add to this page (see mobilisering/sections.py)."""
    from mobilisering.sections import render_sections

    return render_sections(page, context["request"], *args)
