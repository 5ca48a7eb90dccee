import datetime
import re
from functools import lru_cache
from html import unescape
from urllib.parse import urljoin

from django import forms, template
from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.defaultfilters import stringfilter
from django.templatetags.static import static
from django.utils import formats, timezone
from django.utils.formats import date_format
from django.utils.functional import LazyObject
from django.utils.html import escape, format_html, format_html_join, strip_tags
from django.utils.translation import gettext as _

from mobilisering import images
from mobilisering.markdown import SUMMARY_WORDS, plain_summary, render_markdown
from mobilisering.models import current_language, markdown_html, markdown_summary
from mobilisering.personal_data import display_name
from mobilisering.sections import render_sections

register = template.Library()


@register.filter(name="markdown")
@stringfilter
def markdown_filter(text):
    """Markdown as sanitised HTML, rendered now: for text no model stores rendered (a preview);
    a model's own fields go through `html_of`."""
    return render_markdown(text)


@register.filter
def html_of(obj, field: str):
    """`{{ group|html_of:"description" }}`: a Markdown field as sanitised HTML, as the model
    stored it when the text was saved (mobilisering.models.RenderedMarkdown), or rendered now
    where the stored render is missing or no longer the text's."""
    return markdown_html(obj, str(field))


@register.filter
def summary_of(obj, field: str):
    """`{{ group|summary_of:"description" }}`, `…:"description:28"`: a Markdown field's first
    words as escaped plain text (see `plain_summary`), from the stored render where current."""
    name, _sep, words = str(field).partition(":")
    return markdown_summary(obj, name, int(words) if words else SUMMARY_WORDS)


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
            if isinstance(value, LazyObject):
                continue  # a list kept in a fragment: asking its type would read it
            if isinstance(value, forms.BaseForm) and value.is_bound and value.errors:
                return True
            is_formset = isinstance(value, forms.BaseFormSet)
            if is_formset and value.is_bound and value.total_error_count():
                return True
    return False


@register.simple_tag(takes_context=True)
def page_sections(context, page, *args):
    """Sections other apps add to this page (see mobilisering/sections.py)."""
    return render_sections(page, context["request"], *args)


@register.simple_tag
def illustration(name: str) -> str:
    """The address of the portal's own drawing `static/img/illustrations/<name>.svg` (a city's
    slug, or "home"), or "" where none was drawn, as for a hub added later."""
    return _illustration_url(str(name))


@lru_cache(maxsize=64)
def _illustration_url(name: str) -> str:
    path = f"img/illustrations/{name}.svg"
    return static(path) if re.fullmatch(r"[a-z0-9-]+", name) and finders.find(path) else ""


def _layout_order(form) -> list[str]:
    """The form's field names in the order the page shows them: a crispy layout's order where the
    form has one, then any field the layout leaves out, in the form's own order."""
    helper = getattr(form, "helper", None)
    layout = getattr(helper, "layout", None)
    shown = [pointer.name for pointer in layout.get_field_names()] if layout else []
    return list(dict.fromkeys([*(name for name in shown if name in form.fields), *form.fields]))


def summary_text(label, error) -> str:
    """One line of the error summary: the field's label, then the error. A label that is a
    question or ends in punctuation is followed by a space only ("Which right? …", not "?: …")."""
    label = str(label or "").strip()
    if not label:
        return str(error)
    return f"{label} {error}" if label[-1] in "?!.:…" else f"{label}: {error}"


@register.simple_tag
def error_summary(form) -> list[dict]:
    """The errors of `form` for the summary at the top of the page, in the order of the fields on
    the page: each with the text to show and, for a visible field, the anchor of its input."""
    items = [{"text": str(error), "href": ""} for error in form.non_field_errors()]
    hidden = []
    for name in _layout_order(form):
        field = form[name]
        if field.is_hidden:
            hidden += [{"text": str(error), "href": ""} for error in field.errors]
            continue
        # A group of radio buttons or checkboxes has no input with the field's own id: the
        # link leads to the first option.
        anchor = field.id_for_label or f"{field.auto_id}_0"
        items += [
            {"text": summary_text(field.label, error), "href": anchor} for error in field.errors
        ]
    return items + hidden


@register.simple_tag(takes_context=True)
def nav_link(context, url: str, label: str, current: str) -> str:
    """One link of the main navigation ("" for a link the person does not get, such as staff's):
    `current` is the address of the section the page is in, marked `aria-current`: "page" on
    the section's own page, "true" on the pages within it."""
    if not url:
        return ""
    if url != current:
        return format_html('<li><a href="{}">{}</a></li>', url, label)
    request = context.get("request")
    state = "page" if request is not None and request.path == url else "true"
    return format_html('<li><a href="{}" aria-current="{}">{}</a></li>', url, state, label)


@register.simple_tag(takes_context=True)
def current_section(context, *urls) -> str:
    """Of the main navigation's addresses, the one whose section the page is in: the longest
    that the path starts with (so /handbook/staff/ belongs to the staff link, not the
    handbook's), or "" on pages in no section such as the home page."""
    request = context.get("request")  # the 500 page renders without one
    if request is None:
        return ""
    path = request.path
    return max((url for url in urls if url and path.startswith(url)), key=len, default="")


@register.filter
def machine_time(value) -> str:
    """A date or an aware datetime as the `datetime` attribute of `<time>` takes it: a date as
    2026-05-04, a moment in local time to the whole second with its offset. (Django's "c"
    format keeps microseconds, which HTML does not allow.)"""
    if not value:
        return ""
    if not isinstance(value, datetime.datetime):
        return value.isoformat()
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.replace(microsecond=0).isoformat()


class CaptureNode(template.Node):
    def __init__(self, nodelist, name):
        self.nodelist = nodelist
        self.name = name

    def render(self, context):
        # Back to plain text (tags dropped, entities read), then escaped once: the value is
        # safe in an attribute whatever the block printed, and prints the same text again.
        text = unescape(strip_tags(self.nodelist.render(context)))
        context[self.name] = escape(" ".join(text.split()))
        return ""


@register.tag
def capture(parser, token):
    """`{% capture as name %}…{% endcapture %}` renders its content once into `name`, as escaped
    plain text, so that base.html prints a page's title block in <title> and again in the
    link-preview tags. Blocks inside it stay overridable."""
    bits = token.split_contents()
    if len(bits) != 3 or bits[1] != "as":
        raise template.TemplateSyntaxError("Usage: {% capture as name %}…{% endcapture %}")
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, bits[2])


@register.filter(is_safe=True)
def absolute(url: str) -> str:
    """`url` made absolute from SITE_URL (an absolute URL, such as cloud storage's, is kept)."""
    return urljoin(settings.SITE_URL + "/", str(url)) if url else ""


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


@register.filter
def person(user) -> str:
    """A person as pages name them: their name or address; a deleted account as "former
    member" or "former staff member" (mobilisering.personal_data)."""
    return display_name(user)


@register.filter
def export_value(value) -> str:
    """A value of the data export as its readable page shows it."""
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime.datetime):
        return date_format(timezone.localtime(value), "j F Y, H:i")
    if isinstance(value, datetime.date):
        return date_format(value, "j F Y")
    return str(value)


@register.filter(is_safe=True)
def lang_attr(obj) -> str:
    """` lang="sv"` on the element of text a person wrote, when it is not in the page's language.

    `obj` has a `language` field (mobilisering.models.written_language_field), or is the
    language code itself (for a model whose `language` means something else); nothing is added
    when the text is in the page's language, since the page's own `lang` already says it."""
    language = obj if isinstance(obj, str) else getattr(obj, "language", "")
    if not language or language == current_language():
        return ""
    return format_html(' lang="{}"', language)


@register.filter
def kronor(amount) -> str:
    """An amount of Swedish kronor as readers write it: "28 000 kr" in Swedish, "SEK 28,000" in
    English (grouped digits, no decimals, a space that never breaks the line)."""
    if amount is None or amount == "":
        return ""
    number = formats.number_format(amount, 0, force_grouping=True)
    return (_("SEK %(amount)s") % {"amount": number}).replace(" ", "\u00a0")
