"""A person's permissions in one query.

Django's ModelBackend reads the permissions a person holds directly and those of their groups
in two queries, and every staff page asks (its menu shows the handbook to editors). Listed
before it, `PermissionsBackend` reads both in one query into the same per-request cache
(`_perm_cache`), which ModelBackend and allauth's backend then use instead of reading again.
It authenticates nobody and loads no one's session (it has no `get_user`, so neither sign-in
nor the sessions that name a backend nor the test client's force_login ever pick it).
"""

from django.contrib.auth.models import Permission
from django.db.models import Q


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
            if user_obj.is_superuser:
                held = Permission.objects.all()
            else:
                held = Permission.objects.filter(Q(user=user_obj) | Q(group__user=user_obj))
            names = held.values_list("content_type__app_label", "codename").order_by()
            user_obj._perm_cache = {f"{app_label}.{codename}" for app_label, codename in names}
        return user_obj._perm_cache
