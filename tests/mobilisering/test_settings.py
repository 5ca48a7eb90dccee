import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_settings(env: dict, code: str = "from django.conf import settings; settings.SECRET_KEY"):
    """Load the settings in a fresh interpreter with exactly `env` (plus PATH)."""
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        env={"PATH": os.environ["PATH"], "DJANGO_SETTINGS_MODULE": "mobilisering.settings", **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def test_it_refuses_to_start_without_a_secret_key_when_debug_is_off():
    """A production server with no SECRET_KEY stops at once with a clear explanation."""
    result = run_settings({"DEBUG": "false"})
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_it_starts_without_a_secret_key_in_debug():
    result = run_settings({"DEBUG": "true"})
    assert result.returncode == 0, result.stderr


def test_it_hardens_cookies_and_transport_in_production():
    """With DEBUG off: HTTPS redirect, HSTS, secure __Host- cookies, hashed static files."""
    code = (
        "from django.conf import settings as s; "
        "print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, "
        "s.SESSION_COOKIE_NAME, s.CSRF_COOKIE_NAME, s.STORAGES['staticfiles']['BACKEND'])"
    )
    result = run_settings({"DEBUG": "false", "SECRET_KEY": "x" * 60}, code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "True",
        "31536000",
        "True",
        "__Host-sessionid",
        "__Host-csrftoken",
        "whitenoise.storage.CompressedManifestStaticFilesStorage",
    ]


def test_it_reads_the_database_and_mail_from_urls():
    code = (
        "from django.conf import settings as s; d = s.DATABASES['default']; "
        "m = s.MAILERS['delivery']['OPTIONS']; "
        "print(d['ENGINE'], d['HOST'], d['NAME'], m['host'], m['port'], m['use_tls'])"
    )
    env = {
        "DEBUG": "true",
        "DATABASE_URL": "postgres://app@%2Fvar%2Frun%2Fpostgresql/mobilisering",
        "EMAIL_URL": "smtp://mailer:pw@smtp.example.org:587/?tls=true",
    }
    result = run_settings(env, code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.db.backends.postgresql",
        "/var/run/postgresql",
        "mobilisering",
        "smtp.example.org",
        "587",
        "True",
    ]


def test_it_uses_immediate_transactions_on_sqlite():
    code = "from django.conf import settings as s; print(s.DATABASES['default']['OPTIONS'])"
    result = run_settings({"DEBUG": "true"}, code)
    assert "'transaction_mode': 'IMMEDIATE'" in result.stdout


def test_it_queues_mail_in_the_database_and_counts_limits_there_by_default():
    code = (
        "from django.conf import settings as s; "
        "print(s.TASKS['default']['BACKEND'], s.CACHES['default']['BACKEND'], "
        "s.MAILERS['default']['BACKEND'], s.TRUSTED_PROXY_COUNT, s.ALLAUTH_TRUSTED_PROXY_COUNT)"
    )
    result = run_settings({"DEBUG": "true"}, code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django_tasks_db.DatabaseBackend",
        "django.core.cache.backends.db.DatabaseCache",
        "mobilisering.email.OutboxBackend",
        "0",
        "0",
    ]


def test_it_uses_rq_and_redis_when_told_and_passes_its_checks_without_a_server():
    """TASKS_BACKEND=rq with REDIS_URL: RQ queue, Redis cache, django_rq installed; the
    configuration checks pass before any Redis answers (none runs here)."""
    env = {
        "DEBUG": "true",
        "TASKS_BACKEND": "rq",
        "REDIS_URL": "redis://127.0.0.1:6390/0",
        "TRUSTED_PROXY_COUNT": "1",
    }
    code = (
        "from django.conf import settings as s; from django.core.management import call_command; "
        "call_command('check'); "
        "print(s.TASKS['default']['BACKEND'], s.CACHES['default']['BACKEND'], "
        "s.RQ_QUEUES['default']['URL'], 'django_rq' in s.INSTALLED_APPS, "
        "s.ALLAUTH_TRUSTED_PROXY_COUNT)"
    )
    result = run_settings(env, code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-5:] == [
        "django_tasks_rq.RQBackend",
        "django.core.cache.backends.redis.RedisCache",
        "redis://127.0.0.1:6390/0",
        "True",
        "1",
    ]


def test_it_explains_a_task_queue_it_cannot_use():
    assert "needs REDIS_URL" in run_settings({"DEBUG": "true", "TASKS_BACKEND": "rq"}).stderr
    result = run_settings({"DEBUG": "true", "TASKS_BACKEND": "celery"})
    assert "TASKS_BACKEND must be db, rq or immediate" in result.stderr


def test_production_keeps_database_connections_and_caches_templates():
    """With DEBUG off a worker keeps its connection for 60 s (health-checked) unless
    CONN_MAX_AGE says otherwise; development closes it after each request. Templates are
    compiled once: with no `loaders` option Django wraps the loaders in its cached loader."""
    code = (
        "from django.conf import settings as s; from django.template import engines; "
        "db = s.DATABASES['default']; "
        "print(db['CONN_MAX_AGE'], db['CONN_HEALTH_CHECKS'], "
        "type(engines['django'].engine.template_loaders[0]).__module__)"
    )
    production = {"DEBUG": "false", "SECRET_KEY": "x" * 60}
    assert run_settings(production, code).stdout.split() == [
        "60",
        "True",
        "django.template.loaders.cached",
    ]
    told = run_settings({**production, "CONN_MAX_AGE": "5"}, code).stdout.split()
    assert told[0] == "5"
    assert run_settings({"DEBUG": "true"}, code).stdout.split()[0] == "0"


def test_a_worker_freezes_what_it_loaded_to_start():
    """The WSGI application leaves its start-up objects out of the garbage collector's walks:
    a full collection over them paused a worker for tens of milliseconds now and then."""
    code = "import gc, mobilisering.wsgi; print(gc.get_freeze_count())"
    result = run_settings({"DEBUG": "false", "SECRET_KEY": "x" * 60}, code)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) > 10_000
