"""Accept an invitation kept in the session once its person has signed up or logged in.

The invitation page keeps the token in the session and sends a new person to sign up (or an
existing one to log in); these receivers finish the one flow by calling the service.
"""

from allauth.account.signals import user_signed_up
from django.contrib import messages
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.utils.translation import gettext as _

from cities import services

INVITATION_SESSION_KEY = "cities_invitation_token"


@receiver(user_signed_up, dispatch_uid="cities_accept_invitation_on_signup")
@receiver(user_logged_in, dispatch_uid="cities_accept_invitation_on_login")
def accept_invitation_from_session(sender, request=None, user=None, **kwargs) -> None:
    if request is None or not hasattr(request, "session"):
        return
    token = request.session.pop(INVITATION_SESSION_KEY, None)
    if not token:
        return
    try:
        invitation = services.accept_invitation(token=token, actor=user)
    except services.GroupError as error:
        messages.warning(request, error.message)
    else:
        messages.success(request, _("Welcome to %(name)s!") % {"name": invitation.group.name})
