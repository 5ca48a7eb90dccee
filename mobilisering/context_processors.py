import functools

from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language

from mobilisering.permissions import is_programme_staff

# Open Graph's locale for each language.
OG_LOCALES = {"sv": "sv_SE", "en": "en_GB"}


def site(request):
    """The language switcher's links (the same page in each language, also as the absolute URLs
    that hreflang alternates need) and site-wide facts. Worked out once per request: page
    sections render with the request too."""
    known = getattr(request, "_site_context", None)
    if known is None:
        known = request._site_context = _site(request)
    return known


@functools.lru_cache(maxsize=2048)
def _translated(path: str, code: str, active: str) -> str:
    """The same page in language `code`: resolving and reversing the address cost about a
    millisecond a page, the same for every request of the same address (and language)."""
    return translate_url(path, code)


def _site(request):
    path = request.get_full_path()
    links = []
    for code, name in settings.LANGUAGES:
        url = _translated(path, code, get_language())
        links.append(
            {"code": code, "name": name, "url": url, "absolute_url": settings.SITE_URL + url}
        )
    default = next(link for link in links if link["code"] == settings.LANGUAGE_CODE)
    prefix = f"/{settings.LANGUAGE_CODE}/"
    # x-default: the address without a language, which answers in the browser's language (the
    # same choice as the sitemap's).
    x_default = settings.SITE_URL + (
        "/" + default["url"][len(prefix) :] if default["url"].startswith(prefix) else default["url"]
    )
    language = get_language()
    return {
        "language_links": links,
        "x_default_url": x_default,
        "page_url": settings.SITE_URL + request.path,
        "og_locale": OG_LOCALES.get(language, language),
        "og_locale_alternates": [
            OG_LOCALES.get(code, code) for code, _name in settings.LANGUAGES if code != language
        ],
        "contact_email": settings.CONTACT_EMAIL,
        # A callable, so the query runs only on pages that ask.
        "is_city_staff": lambda: is_programme_staff(request.user),
    }
