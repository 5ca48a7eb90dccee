"""Settings for Mobilisering, read from environment variables.

One file for every environment: development, tests, CI and production differ only
in their environment (see README.md for the production variables).
"""

import os
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def envint(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def envlist(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = envbool("DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set the SECRET_KEY environment variable to a long random "
            "string (or DEBUG=true for local development)."
        )
    SECRET_KEY = "insecure-development-key-only-used-with-debug"

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")
CSRF_FAILURE_VIEW = "mobilisering.views.csrf_failure"
# The public address in emails, feeds and the sitemap. Unset, it is where `make run` serves the
# portal (scripts/serve passes its HOST and PORT on), so the links in development mail work.
SITE_URL = (
    os.environ.get("SITE_URL")
    or f"http://{os.environ.get('HOST') or '127.0.0.1'}:{os.environ.get('PORT') or '8000'}"
).rstrip("/")

INSTALLED_APPS = [
    # modeltranslation must come before the admin to patch its forms.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "crispy_forms",
    "crispy_bootstrap5",
    "bootstrap",
    "django_tasks_db",
    "mobilisering",
    "cities",
    "initiatives",
    "trainings",
    "handbook",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # HTML compressed when the client accepts it (static files come compressed from WhiteNoise,
    # above, and never reach this). Django pads each response against BREACH.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "mobilisering.middleware.RefuseNulMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "mobilisering.middleware.PermissionsPolicyMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "mobilisering.middleware.RememberLanguageMiddleware",
    "mobilisering.privacy.NoStoreMiddleware",
]

ROOT_URLCONF = "mobilisering.urls"
WSGI_APPLICATION = "mobilisering.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "mobilisering.context_processors.site",
            ],
        },
    },
]

# Database: SQLite in the project by default, PostgreSQL (or anything dj-database-url reads)
# through DATABASE_URL. IMMEDIATE transactions make SQLite take its write lock at BEGIN, so
# services that "lock, check, write" stay correct there too.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        # Production keeps each worker's connection for a minute instead of opening one per
        # request (the health check replaces a broken one); development closes it each time.
        conn_max_age=envint("CONN_MAX_AGE", 0 if DEBUG else 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20}
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    # Permissions only, in one query (see the module); the two below sign people in.
    "mobilisering.backends.PermissionsBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

# Accounts: email is the login, verified before first use; allauth's rate limits stay on.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Mobilisering] "
ACCOUNT_ADAPTER = "mobilisering.accounts.AccountAdapter"
# The account forms in the portal's words; a person shown by name or address, never username.
ACCOUNT_FORMS = {
    name: f"mobilisering.accounts.{cls}"
    for name, cls in [
        ("login", "LoginForm"),
        ("signup", "SignupForm"),
        ("add_email", "AddEmailForm"),
        ("change_password", "ChangePasswordForm"),
        ("set_password", "SetPasswordForm"),
        ("reset_password", "ResetPasswordForm"),
        ("reset_password_from_key", "ResetPasswordKeyForm"),
        ("reauthenticate", "ReauthenticateForm"),
    ]
}
ACCOUNT_USER_DISPLAY = "mobilisering.personal_data.display_name"
# Sign-up, login and password reset answer alike whether or not an account exists (the default,
# said here because the adapter keeps their work alike too).
ACCOUNT_PREVENT_ENUMERATION = True
LOGIN_URL = "account_login"
# Where people land after logging in without a `next`: staff on their start page (see
# mobilisering.accounts), everyone else on /my/.
LOGIN_REDIRECT_URL = "my"
LOGOUT_REDIRECT_URL = "home"

# Languages: Swedish first and default, English second.
LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Stockholm"
USE_TZ = True
MODELTRANSLATION_DEFAULT_LANGUAGE = "sv"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("sv",)

# Static files and media.
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Hashed, compressed files need `collectstatic`; tests and development serve from the finders.
STATIC_MANIFEST = envbool("STATIC_MANIFEST", not DEBUG)
STORAGE_BACKEND = os.environ.get("STORAGE_BACKEND", "filesystem").strip().lower()
if STORAGE_BACKEND == "filesystem":
    MEDIA_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
elif STORAGE_BACKEND == "s3":
    # S3-compatible object storage (AWS, MinIO, Scaleway, …) through django-storages. The
    # credentials come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY as boto3 reads them.
    # Names are never overwritten: a second upload of the same content gets its own name, so
    # deleting one group's logo never removes another's.
    if not os.environ.get("AWS_STORAGE_BUCKET_NAME"):
        raise ImproperlyConfigured("STORAGE_BACKEND=s3 needs AWS_STORAGE_BUCKET_NAME.")
    MEDIA_STORAGE = {
        "BACKEND": "mobilisering.storage.MediaS3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"],
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "location": os.environ.get("AWS_LOCATION", ""),
            "default_acl": None,
            "file_overwrite": False,
            "querystring_auth": True,
        },
    }
else:
    raise ImproperlyConfigured(
        f"STORAGE_BACKEND must be 'filesystem' or 's3', not {STORAGE_BACKEND!r}."
    )
# Public media (pictures in the folders mobilisering.images.upload_to names) are served by the
# portal's own view from the storage above; SERVE_MEDIA=false leaves /media/ to a proxy rule
# (see README.md). Private attachments are only ever served by their permission-checked views.
SERVE_MEDIA = envbool("SERVE_MEDIA", True)
STORAGES = {
    "default": MEDIA_STORAGE,
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if STATIC_MANIFEST
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not STATIC_MANIFEST
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# Email, from one URL: smtp://user:password@host:587/?tls=true, smtps://…, console://,
# locmem:// or dummy://. Django 6.1's MAILERS holds the result.


def mailer_from_url(url: str) -> dict:
    parts = urlsplit(url)
    backends = {
        # Printed readably (not quoted-printable), so links in development mail work.
        "console": "mobilisering.console_mail.EmailBackend",
        "locmem": "django.core.mail.backends.locmem.EmailBackend",
        "dummy": "django.core.mail.backends.dummy.EmailBackend",
        "smtp": "django.core.mail.backends.smtp.EmailBackend",
        "smtps": "django.core.mail.backends.smtp.EmailBackend",
    }
    if parts.scheme not in backends:
        raise ImproperlyConfigured(f"EMAIL_URL has an unknown scheme: {parts.scheme!r}")
    if parts.scheme not in {"smtp", "smtps"}:
        return {"BACKEND": backends[parts.scheme]}
    flags = {
        key: values[-1].lower() in {"1", "true", "yes"}
        for key, values in parse_qs(parts.query).items()
    }
    return {
        "BACKEND": backends[parts.scheme],
        "OPTIONS": {
            "host": parts.hostname or "localhost",
            "port": parts.port or (465 if parts.scheme == "smtps" else 25),
            "username": unquote(parts.username or ""),
            "password": unquote(parts.password or ""),
            "use_tls": flags.get("tls", False),
            "use_ssl": parts.scheme == "smtps" or flags.get("ssl", False),
            "timeout": 20,
        },
    }


# Nothing in a request talks to the mail server: the default mailer stores each message in the
# outbox (mobilisering.models.OutgoingEmail), whoever sends it (the portal, allauth, Django), and a
# task delivers it through the "delivery" mailer, retrying with backoff when it fails.
MAILERS = {
    "default": {"BACKEND": "mobilisering.email.OutboxBackend"},
    "delivery": mailer_from_url(os.environ.get("EMAIL_URL", "console://")),
}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Mobilisering <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
CONTACT_EMAIL = os.environ.get("CONTACT_EMAIL", "mobilisering@example.org")
# Sent and failed emails leave the outbox this many days after they were written
# (`manage.py purge_personal_data`): they hold visitors' messages and password-reset links.
OUTBOX_RETENTION_DAYS = envint("OUTBOX_RETENTION_DAYS", 30)

# Accounts whose address was never confirmed are deleted this many days after the sign-up
# (`manage.py purge_personal_data`).
UNVERIFIED_ACCOUNT_DAYS = envint("UNVERIFIED_ACCOUNT_DAYS", 30)

# Trainings: registrations are anonymised this many days after their session
# (`manage.py purge_personal_data`); access needs are deleted as soon as it ends.
TRAININGS_RETENTION_DAYS = envint("TRAININGS_RETENTION_DAYS", 180)

# Security. HTTPS is assumed whenever DEBUG is off; HTTPS=false serves plain local HTTP.
HTTPS = envbool("HTTPS", not DEBUG)
SECURE_SSL_REDIRECT = HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SECURE_HSTS_SECONDS = envint("HSTS_SECONDS", 31_536_000) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
# Preloading is hard to undo (browsers hard-code the domain for months), so it is opt-in.
SECURE_HSTS_PRELOAD = HTTPS and envbool("HSTS_PRELOAD", False)
# Not preloading is that deliberate choice, not an oversight for `check --deploy` to report.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
# __Host- cookies are only accepted by browsers when Secure, so the prefix follows HTTPS.
SESSION_COOKIE_NAME = "__Host-sessionid" if HTTPS else "sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken" if HTTPS else "csrftoken"
LANGUAGE_COOKIE_NAME = "__Host-language" if HTTPS else "django_language"
LANGUAGE_COOKIE_SECURE = HTTPS
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if HTTPS else "http"

# Permissions-Policy on every response (mobilisering.middleware.PermissionsPolicyMiddleware):
# the portal uses none of these browser features, so no page, nor anything embedded in one,
# may ask for them. (browsing-topics replaces FLoC's interest-cohort, which browsers dropped and
# now report as an unknown feature.)
PERMISSIONS_POLICY = {
    feature: []
    for feature in [
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "serial",
        "usb",
        "xr-spatial-tracking",
    ]
}

# Content-Security-Policy on every response: only the portal's own files, nothing inline.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

# Forms.
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Shared state (rate limits, allauth's login lockout) lives where every app server and worker
# sees it: the database by default (`manage.py createcachetable`), Redis when REDIS_URL (or
# CACHE_URL) names one. "local" is each process's own memory, only for what may differ between
# workers, such as memoised renderings, never for counts.
REDIS_URL = os.environ.get("REDIS_URL", "")


def cache_from_url(url: str) -> dict:
    parts = urlsplit(url)
    if parts.scheme in {"redis", "rediss"}:
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    if parts.scheme in {"", "db"}:
        # Many entries, so that culling never drops a live rate-limit count.
        return {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "mobilisering_cache",
            "OPTIONS": {"MAX_ENTRIES": 200_000},
        }
    if parts.scheme == "locmem":
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    raise ImproperlyConfigured(f"CACHE_URL has an unknown scheme: {parts.scheme!r}")


CACHES = {
    "default": cache_from_url(os.environ.get("CACHE_URL") or REDIS_URL),
    "local": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "local"},
    # Rendered parts of pages, in each worker's memory (mobilisering/fragments.py): a few
    # thousand of 5–50 KB each at most.
    "fragments": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "fragments",
        "OPTIONS": {"MAX_ENTRIES": envint("FRAGMENT_ENTRIES", 2000)},
    },
}

# Background tasks (every email): the database queue by default, its worker started beside the
# web server (`manage.py db_worker`); RQ on Redis for larger set-ups (`pip install .[redis]`,
# `manage.py rqworker --with-scheduler --job-class django_tasks_rq.Job default`, the scheduler
# for the retries); "immediate" runs each task at once, in the process that enqueued it (tests).


def tasks_from_env(backend: str, redis_url: str) -> tuple[dict, list[str], dict]:
    """(TASKS, extra INSTALLED_APPS, RQ_QUEUES) for TASKS_BACKEND=db|rq|immediate."""
    if backend == "db":
        return {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}, [], {}
    if backend == "immediate":
        return {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}, [], {}
    if backend == "rq":
        if not redis_url:
            raise ImproperlyConfigured("TASKS_BACKEND=rq needs REDIS_URL (redis://host:6379/0).")
        return (
            {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}},
            ["django_rq"],
            {"default": {"URL": redis_url, "DEFAULT_TIMEOUT": 300}},
        )
    raise ImproperlyConfigured(f"TASKS_BACKEND must be db, rq or immediate, not {backend!r}.")


TASKS, _task_apps, RQ_QUEUES = tasks_from_env(os.environ.get("TASKS_BACKEND", "db"), REDIS_URL)
INSTALLED_APPS += _task_apps

# Behind a reverse proxy (or a load balancer and a proxy), how many of them append to
# X-Forwarded-For. 0 trusts no header: the client is REMOTE_ADDR. Used by every rate limit,
# allauth's included (mobilisering.http.client_ip).
TRUSTED_PROXY_COUNT = envint("TRUSTED_PROXY_COUNT", 0)
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # Django's own loggers print through their console handler in DEBUG and then pass the line on
    # to the root's: every line twice. They pass it on only; the root prints it once.
    "loggers": {"django": {"handlers": [], "level": "INFO", "propagate": True}},
}
