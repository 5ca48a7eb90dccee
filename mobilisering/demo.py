"""Demo accounts shared by every part of the portal (see `manage.py seed_demo`)."""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

DEMO_PASSWORD = "demo-mobilisering"

ACCOUNTS = [
    "admin@example.org",
    "staff.goteborg@example.org",
    "staff.stockholm@example.org",
    "staff.linkoping@example.org",
    "staff.malmo@example.org",
    "editor@example.org",
    "group@example.org",
]
EDITORS_GROUP = "Editors"


def demo_user(email: str, *, first_name: str = "", last_name: str = "", superuser: bool = False):
    """Create (or refresh) a verified account that logs in with the demo password."""
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=email, defaults={"email": email, "first_name": first_name, "last_name": last_name}
    )
    if created or not user.check_password(DEMO_PASSWORD):
        user.set_password(DEMO_PASSWORD)
    user.email = email
    user.is_superuser = user.is_staff = superuser
    user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def seed(stdout) -> None:
    """The administrator, the editor and a person with a group; each city's staff are seeded by
    cities.demo, which runs next."""
    demo_user("admin@example.org", first_name="Ada", last_name="Admin", superuser=True)
    editor = demo_user("editor@example.org", first_name="Elin", last_name="Redaktör")
    editors, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
    # The handbook's permission exists once its models do; the group carries it from then on.
    editors.permissions.add(
        *Permission.objects.filter(content_type__app_label="handbook", codename="publish_example")
    )
    editor.groups.add(editors)
    demo_user("group@example.org", first_name="Gabriel", last_name="Gruppsson")
    stdout.write(f"Demo accounts ready: {len(ACCOUNTS)} (password {DEMO_PASSWORD!r}).")
