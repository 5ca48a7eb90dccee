from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from cities.models import City


def city_list(request: HttpRequest) -> HttpResponse:
    return render(request, "cities/city_list.html", {"cities": City.objects.all()})


def city_detail(request: HttpRequest, slug: str) -> HttpResponse:
    city = get_object_or_404(City, slug=slug)
    return render(request, "cities/city_detail.html", {"city": city})
