"""The public and group-facing pages of cities: the home page, the hubs, the group directory,
profiles, registration, editing, members and invitations, and the contact relay. Thin: fetch
through a permission-scoped helper, call a service, render. (The staff workspace is in
staff_views.py.)"""

import copy

from allauth.account.adapter import get_adapter
from allauth.account.models import EmailAddress
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import SimpleLazyObject
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cities import permissions, selectors, services
from cities.forms import (
    ContactForm,
    DirectoryFilterForm,
    GroupForm,
    InvitationForm,
    RoleForm,
)
from cities.models import City, GroupInvitation, GroupMembership, LocalGroup
from cities.signals import INVITATION_SESSION_KEY
from mobilisering import fragments, ratelimit
from mobilisering.errors import add_to_form
from mobilisering.http import client_ip
from mobilisering.pagination import paginate_by_key
from mobilisering.privacy import private_page

PAGE_SIZE = 20
# The contact relay: at most this many messages an hour from one address, and to one group.
CONTACT_LIMIT = 5
CONTACT_WINDOW = 60 * 60
# Invitations a group may send in an hour, so the members page cannot be used to spam.
INVITATION_LIMIT = 20


# --- City hubs ------------------------------------------------------------------------------


def home(request: HttpRequest) -> HttpResponse:
    """Anyone: the programme, the hubs and what the apps add (latest stories, trainings)."""
    cities = City.objects.order_by("ordering", "slug")
    return render(request, "home.html", {"cities": cities})


def city_list(request: HttpRequest) -> HttpResponse:
    """Anyone: the city hubs, with how many approved groups each has."""
    cities = City.objects.annotate(
        group_count=Count("groups", filter=Q(groups__status=LocalGroup.Status.APPROVED))
    ).order_by("ordering", "slug")
    return render(request, "cities/city_list.html", {"cities": cities})


def city_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """Anyone: a hub with its groups, themes and what the other apps add."""
    # The hub's city is the same for everyone: kept. Its groups and themes are read only when
    # the hub's fragment is rendered.
    city = fragments.kept(
        "city", ("cities",), [slug], request, lambda: get_object_or_404(City, slug=slug)
    )
    context = {
        "city": city,
        # The first groups by name; the directory, filtered by the city, lists them all.
        "groups": SimpleLazyObject(
            lambda: selectors.public_groups().filter(city=city)[: selectors.HUB_GROUPS_SHOWN]
        ),
        "themes": SimpleLazyObject(lambda: selectors.hub_themes(city)),
    }
    return render(request, "cities/city_detail.html", context)


# --- The group directory and profiles -------------------------------------------------------


def _get_group_for_viewer(request: HttpRequest, slug: str) -> LocalGroup:
    """The group, if the person may see it; a hidden group is simply not found."""
    group = get_object_or_404(
        LocalGroup.objects.select_related("city").prefetch_related("themes"), slug=slug
    )
    if not permissions.can_view_group(request.user, group):
        raise Http404
    return group


def _get_group_for_admin(request: HttpRequest, slug: str) -> LocalGroup:
    """The group, if the person may edit its profile."""
    group = _get_group_for_viewer(request, slug)
    if not permissions.can_edit(request.user, group):
        raise PermissionDenied
    return group


def _get_group_for_member_admin(request: HttpRequest, slug: str) -> LocalGroup:
    """The group, if the person may manage its members (invite, change roles, remove)."""
    group = _get_group_for_viewer(request, slug)
    if not permissions.can_manage_members(request.user, group):
        raise PermissionDenied
    return group


def group_list(request: HttpRequest) -> HttpResponse:
    """Anyone: the directory of approved groups, filtered by city, theme and text."""
    form = DirectoryFilterForm(request.GET or None)

    def filters():
        return form.cleaned_data if form.is_valid() else {}

    def page():
        chosen = filters()
        groups = selectors.directory_groups(
            q=(chosen.get("q") or "").strip(), city=chosen.get("city"), theme=chosen.get("theme")
        )
        return paginate_by_key(groups, request.GET.get("page"), PAGE_SIZE)

    # Lazy: the list is read only when its fragment is rendered, not when it is kept.
    page_obj = SimpleLazyObject(page)
    context = {
        "form": form,
        "page_obj": page_obj,
        "groups": SimpleLazyObject(lambda: page_obj.object_list),
        "filtered": SimpleLazyObject(lambda: bool(filters())),
    }
    return render(request, "cities/group_list.html", context)


def group_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """Anyone for an approved group; its members and its city's staff before that."""
    if request.user.is_authenticated:
        context = _group_page(request, _get_group_for_viewer(request, slug))
        context["heading"] = context["group"]
    else:
        # Everyone who is not logged in gets the same page: the group (with its themes) is
        # kept, and its similar groups are read only when the page's fragment is rendered.
        heading = fragments.kept(
            "group-heading",
            ("cities",),
            [slug],
            request,
            lambda: _get_group_for_viewer(request, slug),
            visitors=True,
        )
        context = fragments.lazy_context(lambda: _group_page(request, heading), GROUP_PAGE_NAMES)
        context["heading"] = heading
    return render(request, "cities/group_detail.html", context)


GROUP_PAGE_NAMES = ("group", "similar", "can_edit", "can_leave", "can_decide", "can_contact")


def _group_page(request: HttpRequest, group: LocalGroup) -> dict:
    user = request.user
    return {
        "group": group,
        # Lazy: read only when its fragment is rendered, not when it is kept.
        "similar": SimpleLazyObject(
            lambda: selectors.similar_groups(group) if group.is_public else []
        ),
        "can_edit": permissions.can_edit(user, group),
        "can_leave": permissions.can_leave(user, group),
        "can_decide": permissions.can_decide(user, group),
        "can_contact": permissions.can_contact(user, group),
    }


@login_required
def group_create(request: HttpRequest) -> HttpResponse:
    """A signed-in person: register a group, pending approval."""
    if request.method == "POST":
        form = GroupForm(request.POST, request.FILES, user=request.user)
        if form.is_valid():
            data = form.cleaned_data
            try:
                group = services.register_group(
                    actor=request.user,
                    name=data["name"],
                    city=data["city"],
                    kind=data["kind"],
                    description=data["description"],
                    themes=data["themes"],
                    rights_gaps=data["rights_gaps"],
                    website=data["website"],
                    contact_email=data["contact_email"],
                    open_to_cooperation=data["open_to_cooperation"],
                    founded_year=data["founded_year"],
                    logo=data.get("logo") or None,
                    language=translation.get_language(),
                    form_key=data["form_key"],
                )
            except services.GroupError as error:
                add_to_form(form, error)
            else:
                messages.success(
                    request,
                    _(
                        "Thank you! %(name)s is registered. Staff in %(city)s will review it and "
                        "email you when it is approved."
                    )
                    % {"name": group.name, "city": group.city.name},
                )
                return redirect(group)
    else:
        form = GroupForm(initial={"contact_email": request.user.email})
    return render(request, "cities/group_form.html", {"form": form, "creating": True})


@login_required
def group_edit(request: HttpRequest, slug: str) -> HttpResponse:
    """The group's admins: edit its profile."""
    group = _get_group_for_admin(request, slug)
    if request.method == "POST":
        # The form writes its input onto its instance; a copy keeps the page's own name intact.
        form = GroupForm(request.POST, request.FILES, instance=copy.copy(group), editing=True)
        if form.is_valid():
            changes = {
                field: value
                for field, value in form.cleaned_data.items()
                if field not in {"themes", "logo", "form_key"}
            }
            logo = form.cleaned_data.get("logo")
            if logo is False:
                changes["logo"] = ""
            elif isinstance(logo, ContentFile):
                # A new logo, checked and re-encoded by images.clean_picture.
                changes["logo"] = logo
            try:
                group = services.update_group(
                    group=group,
                    actor=request.user,
                    changes=changes,
                    themes=form.cleaned_data["themes"],
                )
            except services.GroupError as error:
                add_to_form(form, error)
            else:
                messages.success(request, _("The profile is saved."))
                return redirect(group)
    else:
        form = GroupForm(instance=group, editing=True)
    return render(request, "cities/group_form.html", {"form": form, "group": group})


def group_contact(request: HttpRequest, slug: str) -> HttpResponse:
    """Anyone, for an approved group: write to it through the relay."""
    group = _get_group_for_viewer(request, slug)
    if not permissions.can_contact(request.user, group):
        raise Http404
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        # Every check counts (a list, not a short-circuit), so neither one address nor many
        # can flood a group.
        keys = {
            "group-contact-sender": data["email"],
            "group-contact-ip": client_ip(request),
            "group-contact-group": str(group.pk),
        }
        allowed = [
            ratelimit.hit(scope, key, limit=CONTACT_LIMIT, window_seconds=CONTACT_WINDOW)
            for scope, key in keys.items()
        ]
        if not all(allowed):
            form.add_error(
                None,
                _(
                    "Too many messages have been sent in a short time. Please wait an hour and "
                    "try again."
                ),
            )
        else:
            services.send_contact_message(
                group=group, name=data["name"], email=data["email"], message=data["message"]
            )
            messages.success(
                request,
                _("Your message has been sent to %(name)s. They will reply to your email.")
                % {"name": group.name},
            )
            return redirect(group)
    return render(request, "cities/group_contact.html", {"group": group, "form": form})


@login_required
@require_POST
def group_leave(request: HttpRequest, slug: str) -> HttpResponse:
    """A member of the group: leave it (not its last admin)."""
    group = _get_group_for_viewer(request, slug)
    if not permissions.can_leave(request.user, group):
        raise PermissionDenied
    try:
        services.leave_group(group=group, actor=request.user)
    except services.GroupError as error:
        messages.error(request, error.message)
        return redirect(group)
    messages.success(request, _("You have left %(name)s.") % {"name": group.name})
    return redirect("my")


# --- Members and invitations ----------------------------------------------------------------


@login_required
def group_members(request: HttpRequest, slug: str) -> HttpResponse:
    """The group's admins: its members and invitations, and a form to invite."""
    group = _get_group_for_member_admin(request, slug)
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        within_limit = ratelimit.hit(
            "group-invitations", str(group.pk), limit=INVITATION_LIMIT, window_seconds=60 * 60
        )
        if not within_limit:
            form.add_error(
                "email",
                _("The group has sent many invitations this hour. Please try again later."),
            )
        else:
            try:
                invitation = services.invite_member(
                    group=group,
                    actor=request.user,
                    email=form.cleaned_data["email"],
                    role=form.cleaned_data["role"],
                    language=translation.get_language(),
                )
            except services.GroupError as error:
                add_to_form(form, error)
            else:
                messages.success(
                    request,
                    _("An invitation is on its way to %(email)s.") % {"email": invitation.email},
                )
                return redirect("cities:group_members", slug=group.slug)
    memberships = group.memberships.select_related("user").order_by("-role", "created_at")
    page = Paginator(memberships, 50).get_page(request.GET.get("page"))
    invitations = group.invitations.filter(
        accepted_at__isnull=True, expires_at__gt=timezone.now()
    ).order_by("-created_at")[:50]
    context = {
        "group": group,
        "form": form,
        "page_obj": page,
        "memberships": page.object_list,
        "invitations": invitations,
        "roles": GroupMembership.Role.choices,
    }
    return render(request, "cities/group_members.html", context)


@login_required
@require_POST
def member_role(request: HttpRequest, slug: str, membership_id: int) -> HttpResponse:
    """The group's admins: give a member another role."""
    group = _get_group_for_member_admin(request, slug)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a role."))
    else:
        try:
            services.change_member_role(
                group=group,
                actor=request.user,
                membership_id=membership_id,
                role=form.cleaned_data["role"],
            )
        except services.GroupError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The role is changed."))
    return redirect("cities:group_members", slug=group.slug)


@login_required
@require_POST
def member_remove(request: HttpRequest, slug: str, membership_id: int) -> HttpResponse:
    """The group's admins: remove a member (or leave, for themselves)."""
    group = _get_group_for_member_admin(request, slug)
    try:
        removed = services.remove_member(
            group=group, actor=request.user, membership_id=membership_id
        )
    except services.GroupError as error:
        messages.error(request, error.message)
    else:
        if removed.user_id == request.user.pk:
            messages.success(request, _("You have left %(name)s.") % {"name": group.name})
            return redirect("my")
        messages.success(request, _("The person is removed from the group."))
    return redirect("cities:group_members", slug=group.slug)


@login_required
@require_POST
def invitation_revoke(request: HttpRequest, slug: str, invitation_id: int) -> HttpResponse:
    """The group's admins: withdraw an invitation not yet accepted."""
    group = _get_group_for_member_admin(request, slug)
    try:
        services.revoke_invitation(group=group, actor=request.user, invitation_id=invitation_id)
    except services.GroupError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The invitation is withdrawn."))
    return redirect("cities:group_members", slug=group.slug)


@private_page
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """Anyone with the link: the invitation, to accept, or to sign up or log in first."""
    found = GroupInvitation.objects.select_related("group", "invited_by").filter(token=token)
    invitation = found.first()
    if invitation is None or not invitation.is_usable:
        status = 404 if invitation is None else 200
        return render(
            request, "cities/invitation_invalid.html", {"invitation": invitation}, status=status
        )
    if request.method == "POST":
        choice = request.POST.get("choice")
        if request.user.is_authenticated and choice == "accept":
            return _accept(request, token)
        if not request.user.is_authenticated and choice in {"signup", "login"}:
            # Accepted once the person has signed up or logged in (see cities.signals).
            request.session[INVITATION_SESSION_KEY] = token
            next_url = invitation.group.get_absolute_url()
            if choice == "login":
                return redirect(f"{reverse('account_login')}?{urlencode({'next': next_url})}")
            # The link reached this address, so it counts as verified, unless it already
            # belongs to an account (whose owner should log in instead).
            if not EmailAddress.objects.filter(email__iexact=invitation.email).exists():
                get_adapter(request).stash_verified_email(request, invitation.email)
            query = urlencode({"email": invitation.email, "next": next_url})
            return redirect(f"{reverse('account_signup')}?{query}")
    return render(request, "cities/invitation.html", {"invitation": invitation})


def _accept(request: HttpRequest, token: str) -> HttpResponse:
    try:
        accepted = services.accept_invitation(token=token, actor=request.user)
    except services.GroupError as error:
        return render(request, "cities/invitation_invalid.html", {"reason": error.message})
    messages.success(request, _("Welcome to %(name)s!") % {"name": accepted.group.name})
    return redirect(accepted.group)
