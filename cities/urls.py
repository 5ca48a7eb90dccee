from django.urls import path

from cities import views
from cities.staff_urls import urlpatterns as staff_urlpatterns

app_name = "cities"

urlpatterns = [
    path("cities/", views.city_list, name="list"),
    path("cities/<slug:slug>/", views.city_detail, name="detail"),
    path("groups/", views.group_list, name="group_list"),
    path("groups/new/", views.group_create, name="group_create"),
    path("groups/invitations/<token:token>/", views.invitation, name="invitation"),
    path("groups/<slug:slug>/", views.group_detail, name="group_detail"),
    path("groups/<slug:slug>/edit/", views.group_edit, name="group_edit"),
    path("groups/<slug:slug>/contact/", views.group_contact, name="group_contact"),
    path("groups/<slug:slug>/leave/", views.group_leave, name="group_leave"),
    path("groups/<slug:slug>/members/", views.group_members, name="group_members"),
    path(
        "groups/<slug:slug>/members/<int:membership_id>/role/",
        views.member_role,
        name="member_role",
    ),
    path(
        "groups/<slug:slug>/members/<int:membership_id>/remove/",
        views.member_remove,
        name="member_remove",
    ),
    path(
        "groups/<slug:slug>/invitations/<int:invitation_id>/revoke/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
    *staff_urlpatterns,
]
