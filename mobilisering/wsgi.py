import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mobilisering.settings")
application = get_wsgi_application()

# What the worker loaded to start (Django, the apps, the translations) lives as long as the
# worker: frozen, the garbage collector no longer walks it in its full collections, which
# otherwise paused a worker for tens of milliseconds now and then.
gc.freeze()
