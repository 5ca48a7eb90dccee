"""A person's permissions in one query.

Django's ModelBackend reads the permissions a person holds directly and those of their groups
in two queries, and every staff page asks (its menu shows the handbook to editors). Listed
before it, `PermissionsBackend` reads both in one query into the same per-request cache
(`_perm_cache`), which ModelBackend and allauth's backend then use instead of reading again.
It authenticates nobody and loads no one's session (it has no `get_user`, so neither sign-in
nor the sessions that name a backend nor the test client's force_login ever pick it).

`permission_names` and `remember_permissions` let an app read the permissions in a query it
runs anyway (cities reads them with the person's cities) and fill the same cache.
"""

from django.contrib.auth.models import Permission
from django.db.models import Q, QuerySet


def permission_names(user_obj) -> QuerySet:
    """(app_label, codename) of each permission `user_obj` holds, directly or through a group,
    or of every permission for a superuser: unordered, to run alone or in a union."""
    if user_obj.is_superuser:
        held = Permission.objects.all()
    else:
        held = Permission.objects.filter(Q(user=user_obj) | Q(group__user=user_obj))
    return held.values_list("content_type__app_label", "codename").order_by()


def remember_permissions(user_obj, names) -> None:
    """Keep `names` [(app_label, codename), …] as the person's permissions for the request."""
    user_obj._perm_cache = {f"{app_label}.{codename}" for app_label, codename in names}


class PermissionsBackend:
    def authenticate(self, request, **credentials):
        return None

    def has_perm(self, user_obj, perm: str, obj=None) -> bool:
        return perm in self.get_all_permissions(user_obj, obj)

    def has_module_perms(self, user_obj, app_label: str) -> bool:
        return any(name.startswith(f"{app_label}.") for name in self.get_all_permissions(user_obj))

    def get_all_permissions(self, user_obj, obj=None) -> set[str]:
        # The same answer as ModelBackend.get_all_permissions, cached where it caches it.
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            remember_permissions(user_obj, permission_names(user_obj))
        return user_obj._perm_cache
