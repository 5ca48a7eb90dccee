from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.static import serve

from mobilisering import staff_views, views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
]

urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("privacy/", views.privacy, name="privacy"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("my/", views.my_page, name="my"),
    path("staff/", staff_views.staff_home, name="staff_home"),
    path("staff/stats/", staff_views.stats, name="staff_stats"),
    path("staff/stats/<slug:table>.csv", staff_views.stats_csv, name="staff_stats_csv"),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("", include("cities.urls")),
    path("", include("initiatives.urls")),
    path("", include("trainings.urls")),
    path("", include("handbook.urls")),
)

if settings.DEBUG:
    urlpatterns += [path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT})]
