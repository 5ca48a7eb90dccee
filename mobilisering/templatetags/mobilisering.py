from django import forms, template
from django.template.defaultfilters import stringfilter
from django.utils.html import format_html, format_html_join

from mobilisering import images
from mobilisering.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
@stringfilter
def markdown_filter(text):
    return render_markdown(text)


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


_PICTURE_ATTRIBUTES = {"class", "loading", "decoding", "id", "fetchpriority"}


@register.simple_tag
def picture(field_file, renditions=None, *, alt="", sizes="100vw", **attributes):
    """A responsive `<picture>` for a stored image and its renditions (see mobilisering/images.py).

    `{% picture obj.image obj.image_renditions alt=text sizes="…" class="…" loading="lazy" %}`
    """
    if not field_file:
        return ""
    unknown = set(attributes) - _PICTURE_ATTRIBUTES
    if unknown:
        raise template.TemplateSyntaxError(f"picture: unknown attributes {sorted(unknown)}")
    renditions = renditions or []
    width, height = images.dimensions(field_file, renditions)
    webp = [r for r in renditions if r["format"] == "webp"]
    own = [r for r in renditions if r["format"] != "webp"] or webp
    extra = format_html_join("", ' {}="{}"', sorted(attributes.items()))
    size = format_html(' width="{}" height="{}"', width, height) if width and height else ""
    if not own:
        return format_html('<img src="{}"{} alt="{}"{}>', field_file.url, size, alt, extra)

    url = field_file.storage.url

    def srcset(items):
        return ", ".join(f"{url(r['name'])} {r['width']}w" for r in items)

    fallback = url(max(own, key=lambda r: r["width"])["name"])
    source = (
        format_html('<source type="image/webp" srcset="{}" sizes="{}">', srcset(webp), sizes)
        if webp and webp is not own
        else ""
    )
    return format_html(
        '<picture>{}<img src="{}" srcset="{}" sizes="{}"{} alt="{}"{}></picture>',
        source,
        fallback,
        srcset(own),
        sizes,
        size,
        alt,
        extra,
    )
