"""Nothing personal is kept by a browser or a proxy: `Cache-Control: no-store, private` by rule.

Every response to a signed-in person carries it (their pages name them, and a shared computer's
browser must not keep them), so does every response under a private prefix (/staff/, /my/,
/accounts/, /admin/: the login and password-reset pages included), and every view marked with
`@private_page` (pages reached by a secret link without an account: a training registration, a
group invitation). Public pages for anonymous visitors stay cacheable.

tests/mobilisering/test_no_store.py walks every URL pattern and fails for a route that is neither
covered here nor listed as public, so a new view cannot forget it.
"""

from functools import wraps

from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language_from_path

# Paths (after the language prefix) whose every response is personal or staff-only.
PRIVATE_PREFIXES = ("staff/", "my/", "accounts/", "admin/")


def private_page(view):
    """Mark a view whose pages are personal even for a visitor without an account."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        return view(request, *args, **kwargs)

    wrapper.private_page = True
    return wrapper


def is_private_path(path: str) -> bool:
    path = path.lstrip("/")
    language = get_language_from_path("/" + path)
    if language and path.startswith(f"{language}/"):
        path = path[len(language) + 1 :]
    return path.startswith(PRIVATE_PREFIXES)


def make_private(response) -> None:
    """`no-store, private` (with no-cache and max-age=0 for old proxies): kept by no browser
    and no proxy. A response its view declared `public` (a public picture, the same for
    everyone) keeps its own header."""
    if "public" in response.get("Cache-Control", ""):
        return
    if "Cache-Control" in response:
        del response["Cache-Control"]
    add_never_cache_headers(response)


class NoStoreMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        match = getattr(request, "resolver_match", None)
        if (
            (user is not None and user.is_authenticated)
            or getattr(getattr(match, "func", None), "private_page", False)
            or is_private_path(request.path_info)
        ):
            make_private(response)
        return response
