"""The portal's URLs plus /bench/ceiling: the cheapest response that still passes through every
middleware, the ceiling each page's requests per second are compared with."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from mobilisering.urls import handler400, urlpatterns  # noqa: F401 - the portal's, unchanged


def ceiling(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/ceiling", ceiling, name="bench_ceiling"), *urlpatterns]
