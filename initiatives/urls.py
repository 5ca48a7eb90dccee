from initiatives.staff_urls import urlpatterns as staff_urlpatterns

app_name = "initiatives"

urlpatterns: list = []
# The staff workspace (/staff/, /staff/initiatives/<id>/) lives in staff_urls.py.
urlpatterns += staff_urlpatterns
