from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse

from cities.permissions import is_city_staff


class AccountAdapter(DefaultAccountAdapter):
    def get_login_redirect_url(self, request) -> str:
        """City staff (and the administrator) start on what needs their attention; everyone
        else on their own page. A `next` given with the login still wins (allauth asks this
        only without one)."""
        if is_city_staff(request.user):
            return reverse("staff_home")
        return super().get_login_redirect_url(request)
