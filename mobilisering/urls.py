from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.static import serve

from mobilisering import views
from mobilisering.sitemaps import collect as collect_sitemaps

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, {"sitemaps": collect_sitemaps()}, name="sitemap"),
]

urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("privacy/", views.privacy, name="privacy"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("search/", views.search, name="search"),
    path("my/", views.my_page, name="my"),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("", include("cities.urls")),
    path("", include("initiatives.urls")),
    path("", include("trainings.urls")),
    path("", include("handbook.urls")),
)

if settings.DEBUG:
    urlpatterns += [path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT})]
