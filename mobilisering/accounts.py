"""The portal's allauth adapter: one notion of the client's address, no account revealed by how
much work an answer takes, and staff landing on their start page."""

from allauth.account.adapter import DefaultAccountAdapter
from django.contrib.auth.hashers import make_password
from django.urls import reverse
from django.utils.crypto import get_random_string

from mobilisering.http import client_ip
from mobilisering.permissions import is_programme_staff


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request) -> str:
        """allauth's rate limits (login lockout among them) count per client as ours do."""
        return client_ip(request) or super().get_client_ip(request)

    def get_login_redirect_url(self, request) -> str:
        """City staff (and the administrator) start on what needs their attention; everyone
        else on their own page. A `next` given with the login still wins (allauth asks this
        only without one)."""
        if is_programme_staff(request.user):
            return reverse("staff_home")
        return super().get_login_redirect_url(request)

    def send_account_already_exists_mail(self, email: str) -> None:
        # A sign-up with a new address hashes its password; one with a taken address would not,
        # and the quicker answer would tell that the account exists. Hash a throwaway password
        # so both take the same time (the email itself only goes into the outbox, in both).
        make_password(get_random_string(32))
        super().send_account_already_exists_mail(email)
