"""Settings of the portal under benchmark: production's, plus the ceiling view.

`make bench` serves the portal with DJANGO_SETTINGS_MODULE=tests.benchmarks.settings, so the
ceiling exists only there and never in a deployed portal."""

from mobilisering.settings import *  # noqa: F403

ROOT_URLCONF = "tests.benchmarks.urls"
