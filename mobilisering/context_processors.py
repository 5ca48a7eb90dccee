from django.conf import settings
from django.urls import translate_url

from cities.permissions import is_city_staff


def site(request):
    """The language switcher's links (the same page in each language) and site-wide facts."""
    path = request.get_full_path()
    return {
        "language_links": [
            {"code": code, "name": name, "url": translate_url(path, code)}
            for code, name in settings.LANGUAGES
        ],
        "contact_email": settings.CONTACT_EMAIL,
        # A callable, so the query runs only on pages that ask.
        "is_city_staff": lambda: is_city_staff(request.user),
    }
