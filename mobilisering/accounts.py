"""The portal's allauth adapter: one notion of the client's address, no account revealed by how
much work an answer takes, and staff landing on their start page."""

from allauth.account import forms
from allauth.account.adapter import DefaultAccountAdapter
from django.contrib.auth.hashers import make_password
from django.urls import reverse
from django.utils.crypto import get_random_string
from django.utils.translation import gettext_lazy as _

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


# allauth's own labels are in title case ("Remember Me", "New Password") and its Swedish says
# "epost"; the account forms take the portal's words instead. The label stays visible, so no
# placeholder repeats it.
LABELS = {
    "login": _("Email address"),
    "email": _("Email address"),
    "password": _("Password"),
    "remember": _("Remember me on this device"),
    "oldpassword": _("Current password"),
}
NEW_PASSWORD_LABELS = {"password1": _("New password"), "password2": _("New password again")}
PASSWORD_LABELS = {"password1": _("Password"), "password2": _("Password again")}


def _relabel(form, labels: dict) -> None:
    for name, label in labels.items():
        if name in form.fields:
            form.fields[name].label = label
            form.fields[name].widget.attrs.pop("placeholder", None)


class PortalLabels:
    new_password_labels = PASSWORD_LABELS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _relabel(self, LABELS | self.new_password_labels)


class LoginForm(PortalLabels, forms.LoginForm):
    pass


class SignupForm(PortalLabels, forms.SignupForm):
    pass


class AddEmailForm(PortalLabels, forms.AddEmailForm):
    pass


class ChangePasswordForm(PortalLabels, forms.ChangePasswordForm):
    new_password_labels = NEW_PASSWORD_LABELS


class SetPasswordForm(PortalLabels, forms.SetPasswordForm):
    pass


class ResetPasswordForm(PortalLabels, forms.ResetPasswordForm):
    pass


class ResetPasswordKeyForm(PortalLabels, forms.ResetPasswordKeyForm):
    new_password_labels = NEW_PASSWORD_LABELS


class ReauthenticateForm(PortalLabels, forms.ReauthenticateForm):
    pass
