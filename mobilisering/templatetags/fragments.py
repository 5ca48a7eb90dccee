"""`{% fragment %}`: a part of a page that is the same for every visitor, kept until what it shows
changes (see mobilisering/fragments.py).

    {% load fragments %}
    {% fragment "directory-results" "cities" request.GET.urlencode %}
      … the list …
    {% endfragment %}

The first argument names the fragment, the second lists the areas it shows (space-separated),
the rest are the values it varies on (the page, the filters; the language always). `seconds=N`
keeps it for at most N seconds, for what the clock changes. `visitors` keeps it only for people
who are not logged in (a page that shows its members and staff more): logged-in people get it
rendered for them each time.
"""

from django import template
from django.utils.safestring import mark_safe

from mobilisering import fragments

register = template.Library()


class FragmentNode(template.Node):
    def __init__(self, nodelist, name, shows, vary, seconds, visitors):
        self.nodelist = nodelist
        self.visitors = visitors
        self.name = name
        self.shows = shows
        self.vary = vary
        self.seconds = seconds

    def render(self, context):
        html = fragments.cached(
            self.name.resolve(context),
            tuple(self.shows.resolve(context).split()),
            [value.resolve(context) for value in self.vary],
            context.get("request"),
            lambda: str(self.nodelist.render(context)),
            seconds=self.seconds.resolve(context) if self.seconds else None,
            visitors=self.visitors,
        )
        return mark_safe(html)  # noqa: S308 - rendered by the template engine


@register.tag("fragment")
def do_fragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 3:
        raise template.TemplateSyntaxError(
            f'\'{bits[0]}\' needs a name and the areas it shows: {{% fragment "name" "areas" %}}'
        )
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    seconds = None
    visitors = False
    vary = []
    for bit in bits[3:]:
        if bit == "visitors":
            visitors = True
        elif bit.startswith("seconds="):
            seconds = parser.compile_filter(bit.removeprefix("seconds="))
        else:
            vary.append(parser.compile_filter(bit))
    return FragmentNode(
        nodelist,
        parser.compile_filter(bits[1]),
        parser.compile_filter(bits[2]),
        vary,
        seconds,
        visitors,
    )
