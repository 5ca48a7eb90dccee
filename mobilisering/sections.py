"""Page sections that one app contributes to another app's page, without an import cycle.

The home page, a city hub, a group profile and /my/ show parts that later apps own (a hub lists
its initiatives, trainings and stories). Each app may define functions in `<app>/sections.py`
named after the page — `home(request)`, `hub(request, city)`, `group(request, group)`,
`my(request)` — returning `(template_name, context)` or None. `{% page_sections "hub" city %}`
renders them in the order of INSTALLED_APPS. Each function runs a bounded number of queries.
"""

import functools
from importlib import import_module

from django.template.loader import render_to_string
from django.utils.module_loading import module_has_submodule
from django.utils.safestring import SafeString, mark_safe

from mobilisering import fragments
from mobilisering.own_apps import own_app_configs


@functools.cache
def app_modules(module: str) -> tuple:
    """Each of the portal's own apps' `<app>.<module>`, in the order of INSTALLED_APPS, where it
    exists (the apps in the project's folder, not the libraries'). Looked up once per process."""
    return tuple(
        import_module(f"{config.name}.{module}")
        for config in own_app_configs()
        if module_has_submodule(config.module, module)
    )


def provided(attribute: str, *, module: str = "sections"):
    """Each app's `<app>.<module>.<attribute>`, in the order of INSTALLED_APPS, where it exists.

    The staff start page gathers `sections.staff_attention` this way, and the statistics page
    `statistics.TABLES`: mobilisering calls into the apps without importing them. Its own
    modules are the ones asking, so they are not asked."""
    for found in app_modules(module):
        if found.__name__.startswith(f"{__package__}."):
            continue
        value = getattr(found, attribute, None)
        if value is not None:
            yield value


def render_sections(page: str, request, *args) -> SafeString:
    """The page's sections, in order. A section marked `@fragments.shared(…)` is the same for
    every visitor: its HTML is kept until what it shows changes, and its queries skipped."""
    parts = []
    for function in provided(page):
        shows = getattr(function, "fragment_shows", None)
        if shows is None:
            parts.append(_render_section(function, request, args))
            continue
        parts.append(
            fragments.cached(
                f"section:{page}:{function.__module__}",
                shows,
                args,
                request,
                lambda function=function: _render_section(function, request, args),
                seconds=function.fragment_seconds,
                visitors=function.fragment_visitors,
            )
        )
    return mark_safe("".join(parts))  # noqa: S308 - rendered by the template engine


def _render_section(function, request, args) -> str:
    result = function(request, *args)
    if result is None:
        return ""
    template_name, context = result
    return render_to_string(template_name, context, request=request)
