"""Malformed values in any route's parameters answer 404 (or a refusal), never 500.

Every route of the portal and of allauth under the language prefix is tried with a NUL byte and
other values a database or a view could choke on, as a visitor and as staff, by GET and POST.
"""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern, RegexPattern

from tests.conftest import login
from tests.trainings.conftest import make_registration, make_session

BAD_VALUES = {
    "str": ["%00", "abc%00def", "x" * 300, "%C2%B2", "%EF%BC%91"],
    "token": ["%00", "abc%00", "x" * 300, "a%20b", "%C2%B2"],
    "slug": ["%00", "a%00b", "x" * 300],
    "int": ["%00", "99999999999999999999", "9223372036854775808", "0"],
    "path": ["%00"],
}
PARAMETER = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")
REGEX_GROUP = re.compile(r"\(\?P<(?P<name>\w+)>[^)]*\)")


def routes(patterns=None, prefix=""):
    """Every path route with parameters, as its route string from the language prefix on."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    for pattern in patterns:
        route = str(pattern.pattern)
        if isinstance(pattern.pattern, LocalePrefixPattern):
            route = ""
        elif isinstance(pattern.pattern, RegexPattern):
            # A regex route (allauth has a few): its groups become plain parameters.
            route = REGEX_GROUP.sub(r"<\g<name>>", route).lstrip("^").rstrip("$")
            route = route.replace("\\", "")
        if isinstance(pattern, URLResolver):
            if "admin" in route:
                continue
            yield from routes(pattern.url_patterns, prefix + route)
        elif isinstance(pattern, URLPattern) and "<" in route:
            yield prefix + route


def malformed_urls() -> list[str]:
    urls = []
    for route in sorted(set(routes())):
        converters = [m.group("converter") or "str" for m in PARAMETER.finditer(route)]
        for converter in set(converters):
            for value in BAD_VALUES.get(converter, ["%00"]):
                url = PARAMETER.sub(
                    lambda m, c=converter, v=value: (
                        v
                        if (m.group("converter") or "str") == c
                        else ("1" if (m.group("converter") or "str") == "int" else "a")
                    ),
                    route,
                )
                urls.append("/sv/" + url)
    return urls


@pytest.mark.django_db
def test_it_finds_the_token_routes():
    urls = malformed_urls()
    assert "/sv/groups/invitations/%00/" in urls
    assert "/sv/trainings/registration/%00/" in urls
    assert any(url.startswith("/sv/accounts/") for url in urls)


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["visitor", "staff"])
def test_it_never_fails_on_a_malformed_route_parameter(client, who, staff_malmo, city_malmo):
    make_registration(make_session(city_malmo))
    if who == "staff":
        login(client, staff_malmo)
    failures = []
    for url in malformed_urls():
        for method in (client.get, client.post):
            response = method(url)
            if response.status_code >= 500:
                failures.append((method.__name__, url, response.status_code))
    assert failures == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/sv/trainings/registration/%00/",
        "/sv/groups/invitations/%00/",
        "/sv/trainings/registration/a%00b/",
        "/sv/groups/invitations/" + "x" * 65 + "/",
        "/sv/accounts/confirm-email/%00/",
        "/sv/groups/%00/",
        "/sv/initiatives/99999999999999999999/",
        "/sv/trainings/sessions/9223372036854775808/",
    ],
)
def test_it_answers_404_to_malformed_tokens_and_ids(client, url):
    for method in (client.get, client.post):
        response = method(url)
        assert response.status_code == 404, (method.__name__, url)
        assert "Sidan finns inte" in response.content.decode()
