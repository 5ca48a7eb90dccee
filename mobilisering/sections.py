"""Page sections that one app contributes to another app's page, without an import cycle.

The home page, a city hub, a group profile and /my/ show parts that later apps own (a hub lists
its initiatives, trainings and stories). Each app may define functions in `<app>/sections.py`
named after the page — `home(request)`, `hub(request, city)`, `group(request, group)`,
`my(request)` — returning `(template_name, context)` or None. `{% page_sections "hub" city %}`
renders them in the order below. Each function runs a bounded number of queries.
"""

from importlib import import_module, util

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

PROVIDERS = ["cities", "initiatives", "trainings", "handbook"]


def provided(attribute: str, *, module: str = "sections"):
    """Each app's `<app>.<module>.<attribute>`, in the order of PROVIDERS, where it exists.

    The staff start page gathers `sections.staff_attention` this way, and the statistics page
    `statistics.TABLES`: mobilisering calls into later apps without importing them."""
    for app in PROVIDERS:
        name = f"{app}.{module}"
        if util.find_spec(name) is None:
            continue
        value = getattr(import_module(name), attribute, None)
        if value is not None:
            yield value


def render_sections(page: str, request, *args) -> SafeString:
    parts = []
    for function in provided(page):
        result = function(request, *args)
        if result is not None:
            template_name, context = result
            parts.append(render_to_string(template_name, context, request=request))
    return mark_safe("".join(parts))  # noqa: S308 - rendered by the template engine
