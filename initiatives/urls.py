from django.urls import path

from initiatives import views
from initiatives.feeds import NewInitiativesFeed
from initiatives.staff_urls import urlpatterns as staff_urlpatterns

app_name = "initiatives"

urlpatterns = [
    path("initiatives/", views.initiative_list, name="list"),
    path("initiatives/new/", views.create, name="create"),
    path("initiatives/feed/", NewInitiativesFeed(), name="feed"),
    path("initiatives/<int:pk>/", views.detail, name="detail"),
    path("initiatives/<int:pk>/edit/", views.edit, name="edit"),
    path("initiatives/<int:pk>/reports/new/", views.report_create, name="report_create"),
    path("initiatives/<int:pk>/actions/<slug:name>/", views.group_action, name="group_action"),
    path("initiatives/<int:pk>/messages/", views.message, name="message"),
    path("initiatives/<int:pk>/files/", views.upload, name="upload"),
    path("initiatives/<int:pk>/files/<int:attachment_pk>/", views.attachment, name="attachment"),
    path(
        "initiatives/<int:pk>/consent/withdraw/",
        views.withdraw_consent,
        name="withdraw_consent",
    ),
    path(
        "initiatives/<int:pk>/partners/<int:group_pk>/confirm/",
        views.confirm_partner,
        name="confirm_partner",
    ),
]
# The staff workspace (/staff/initiatives/…) lives in staff_urls.py.
urlpatterns += staff_urlpatterns
