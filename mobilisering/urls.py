from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from mobilisering import views
from mobilisering.sitemaps import collect as collect_sitemaps

# Django's own 400 view renders its template without the request, so without the language
# links, the account menu or the CSP nonce; this one renders the whole page.
handler400 = "mobilisering.views.bad_request"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, {"sitemaps": collect_sitemaps()}, name="sitemap"),
]

urlpatterns += i18n_patterns(
    path("", include("cities.site_urls")),
    path("privacy/", views.privacy, name="privacy"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("search/", views.search, name="search"),
    path("my/", views.my_page, name="my"),
    path("my/export/", views.my_export, name="my_export"),
    path("my/delete/", views.my_delete, name="my_delete"),
    path("staff/outbox/", views.staff_outbox, name="staff_outbox"),
    path("staff/outbox/<int:pk>/resend/", views.staff_outbox_resend, name="staff_outbox_resend"),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("", include("cities.urls")),
    path("", include("initiatives.urls")),
    path("", include("trainings.urls")),
    path("", include("handbook.urls")),
)

if settings.SERVE_MEDIA:
    # Public pictures, from the media storage, with DEBUG on or off (see mobilisering.views.media).
    urlpatterns += [path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", views.media, name="media")]
