from django.conf import settings
from django.http import Http404
from django.utils import translation

from mobilisering.models import AccountPreference

SESSION_KEY = "_saved_language"


class RememberLanguageMiddleware:
    """Remember the language a signed-in person reads the portal in, for the emails they get.

    Only pages under a language prefix count, and the session remembers what was saved, so
    this writes once per session and language change, not on every request.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            language = translation.get_language_from_path(request.path_info)
            if language and request.session.get(SESSION_KEY) != language:
                AccountPreference.objects.update_or_create(
                    user=user, defaults={"language": language}
                )
                request.session[SESSION_KEY] = language
        return response


class PermissionsPolicyMiddleware:
    """Send `Permissions-Policy` (settings.PERMISSIONS_POLICY) on every response.

    Each feature maps to the origins allowed to use it; an empty list denies it everywhere.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(
            f"{feature}=({' '.join(origins)})"
            for feature, origins in settings.PERMISSIONS_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        if self.header:
            response.headers.setdefault("Permissions-Policy", self.header)
        return response


class RefuseNulMiddleware:
    """A path with a NUL byte (`%00`) is not found: no view sees it, so none can pass it on to
    PostgreSQL, which refuses NUL in text and would make the request fail with a 500 (a token
    or key from another library's routes, such as allauth's, included)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path:
            raise Http404
        return self.get_response(request)
