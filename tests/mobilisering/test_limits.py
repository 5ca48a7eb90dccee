"""Rate limits that hold across workers and behind proxies, and answers that do not tell by
their work whether an account exists."""

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.core.cache.backends.locmem import LocMemCache
from django.test import RequestFactory

from mobilisering import ratelimit
from mobilisering.http import client_ip
from mobilisering.models import OutgoingEmail
from tests.conftest import PASSWORD, make_user
from tests.trainings.conftest import make_session, signup_data
from trainings.views import SIGNUPS_PER_CLIENT

# --- client_ip -------------------------------------------------------------------------------


def request_from(remote: str, forwarded: str | None = None):
    headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **headers)


def test_it_ignores_x_forwarded_for_when_no_proxy_is_trusted(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request_from("203.0.113.7", "198.51.100.1")) == "203.0.113.7"


def test_it_takes_the_address_the_trusted_proxy_saw(settings):
    """Behind one proxy, the right-most entry is the one the proxy wrote; the client's own
    entries to its left are not believed."""
    settings.TRUSTED_PROXY_COUNT = 1
    spoofed = request_from("10.0.0.2", "1.2.3.4, 198.51.100.23")
    assert client_ip(spoofed) == "198.51.100.23"


def test_it_counts_from_the_right_behind_two_proxies(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    request = request_from("10.0.0.2", "9.9.9.9, 198.51.100.23, 10.0.0.1")
    assert client_ip(request) == "198.51.100.23"


@pytest.mark.parametrize("forwarded", [None, "", "not-an-address"])
def test_it_falls_back_to_the_proxy_when_the_header_is_missing_or_broken(settings, forwarded):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request_from("10.0.0.2", forwarded)) == "10.0.0.2"


def test_allauth_counts_the_same_client(settings):
    from allauth.account.adapter import get_adapter

    settings.TRUSTED_PROXY_COUNT = 1
    assert get_adapter().get_client_ip(request_from("10.0.0.2", "1.2.3.4, 198.51.100.9")) == (
        "198.51.100.9"
    )


# --- limits across workers -------------------------------------------------------------------


def test_the_default_cache_is_the_database_not_a_workers_memory():
    assert isinstance(caches["default"], DatabaseCache)
    assert isinstance(caches["local"], LocMemCache)


@pytest.fixture
def two_workers(monkeypatch):
    """Two app servers: each with its own cache connection, as separate processes have."""
    first = DatabaseCache("mobilisering_cache", {})
    second = DatabaseCache("mobilisering_cache", {})
    workers = iter([first, second] * 50)
    monkeypatch.setattr(ratelimit, "cache", _Alternating(workers))
    return first, second


class _Alternating:
    """Each call goes to the next worker in turn."""

    def __init__(self, workers):
        self.workers = workers

    def __getattr__(self, name):
        return getattr(next(self.workers), name)


@pytest.mark.django_db
def test_a_limit_holds_across_workers(two_workers):
    results = [ratelimit.hit("test", "one key", limit=5, window_seconds=3600) for _ in range(15)]
    assert results == [True] * 5 + [False] * 10


@pytest.mark.django_db
def test_simultaneous_hits_are_not_counted_as_one(monkeypatch):
    """Workers that all read the same count at once (the race of read-then-write) still let
    only `limit` attempts through: each must win a slot of its own."""
    from django.core.cache import cache

    stale = _StaleCount(cache)
    monkeypatch.setattr(ratelimit, "cache", stale)
    results = [ratelimit.hit("test", "raced", limit=5, window_seconds=3600) for _ in range(15)]
    assert results.count(True) == 5


class _StaleCount:
    """A cache whose count of slots taken is always read as it was before any hit."""

    def __init__(self, cache):
        self.cache = cache

    def get(self, key, default=None):
        return default

    def incr(self, key, delta=1):
        # Read-then-write, as the database cache increments, from the stale read.
        value = self.get(key)
        if value is None:
            raise ValueError(f"Key {key!r} not found")
        self.cache.set(key, value + delta)
        return value + delta

    def __getattr__(self, name):
        return getattr(self.cache, name)


@pytest.mark.django_db
def test_training_signups_from_one_proxy_are_counted_per_client(client, settings, city_malmo):
    """Behind the proxy every request comes from its address; the limit counts each client."""
    settings.TRUSTED_PROXY_COUNT = 1
    session = make_session(city_malmo, capacity=100)
    url = f"/en/trainings/sessions/{session.pk}/"
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    for number in range(SIGNUPS_PER_CLIENT):
        response = client.post(
            url,
            signup_data(email=f"p{number}@example.org"),
            HTTP_X_FORWARDED_FOR=f"1.1.1.{number}, 198.51.100.1",
            **proxy,
        )
        assert response.status_code == 302
    over = client.post(
        url, signup_data(email="late@example.org"), HTTP_X_FORWARDED_FOR="198.51.100.1", **proxy
    )
    assert over.status_code == 429
    other = client.post(
        url, signup_data(email="other@example.org"), HTTP_X_FORWARDED_FOR="198.51.100.2", **proxy
    )
    assert other.status_code == 302


@pytest.mark.django_db
def test_a_forged_header_does_not_escape_the_limit_without_a_trusted_proxy(client, city_malmo):
    """With no proxy trusted (the default), a client that writes a new X-Forwarded-For on each
    request is still counted as the one address it connects from."""
    session = make_session(city_malmo, capacity=100)
    url = f"/en/trainings/sessions/{session.pk}/"
    statuses = [
        client.post(
            url,
            signup_data(email=f"p{number}@example.org"),
            HTTP_X_FORWARDED_FOR=f"203.0.113.{number}",
            REMOTE_ADDR="198.51.100.50",
        ).status_code
        for number in range(SIGNUPS_PER_CLIENT + 1)
    ]
    assert statuses == [302] * SIGNUPS_PER_CLIENT + [429]


@pytest.mark.django_db
def test_a_login_with_a_short_forwarded_header_is_answered_not_crashed(client, settings):
    """allauth alone raises ImproperlyConfigured (a 500) when the header has fewer entries than
    proxies trusted; through our client_ip it answers."""
    settings.TRUSTED_PROXY_COUNT = settings.ALLAUTH_TRUSTED_PROXY_COUNT = 2
    response = client.post(
        "/en/accounts/login/",
        {"login": "nobody@example.org", "password": "wrong"},
        HTTP_X_FORWARDED_FOR="203.0.113.9",
    )
    assert response.status_code == 200


@pytest.mark.django_db
def test_the_login_lockout_is_kept_in_the_shared_cache(client):
    """allauth's failed-login limit lives in the database cache that every worker reads."""
    make_user("maria@example.org")
    for _attempt in range(6):
        client.post("/en/accounts/login/", {"login": "maria@example.org", "password": "wrong"})
    locked = client.post(
        "/en/accounts/login/", {"login": "maria@example.org", "password": PASSWORD}
    )
    assert locked.status_code in {200, 429}
    assert "_auth_user_id" not in client.session
    # A fresh connection to the cache, as another worker has, sees the count.
    fresh = DatabaseCache("mobilisering_cache", {})
    keys = [key for key in _cache_keys() if "login_failed" in key]
    assert keys and fresh.get(keys[0].split(":", 2)[2]) is not None


def _cache_keys() -> list[str]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT cache_key FROM mobilisering_cache")
        return [row[0] for row in cursor.fetchall()]


# --- the same work whether or not an account exists ------------------------------------------


class CountingHasher(MD5PasswordHasher):
    """Counts the hashing work (verifying a password hashes it too, through encode)."""

    algorithm = "counting-md5"
    calls = 0

    def encode(self, password, salt):
        CountingHasher.calls += 1
        return super().encode(password, salt)


@pytest.fixture
def counting_hasher(settings):
    settings.PASSWORD_HASHERS = [
        "tests.mobilisering.test_limits.CountingHasher",
        "django.contrib.auth.hashers.MD5PasswordHasher",
    ]
    CountingHasher.calls = 0
    return CountingHasher


def hashes(counting_hasher, action) -> int:
    counting_hasher.calls = 0
    action()
    return counting_hasher.calls


@pytest.mark.django_db
def test_a_login_hashes_once_whether_or_not_the_account_exists(client, counting_hasher):
    make_user("maria@example.org")

    def attempt(email):
        return lambda: client.post("/en/accounts/login/", {"login": email, "password": "wrong"})

    existing = hashes(counting_hasher, attempt("maria@example.org"))
    missing = hashes(counting_hasher, attempt("nobody@example.org"))
    assert existing == missing >= 1


@pytest.mark.django_db
def test_a_sign_up_hashes_and_mails_alike_for_a_taken_and_a_new_address(
    client, counting_hasher, settings
):
    settings.MAILERS = {
        "default": {"BACKEND": "mobilisering.email.OutboxBackend"},
        "delivery": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"},
    }
    make_user("taken@example.org")

    def sign_up(email):
        data = {"email": email, "password1": PASSWORD, "password2": PASSWORD}
        return lambda: client.post("/en/accounts/signup/", data)

    taken = hashes(counting_hasher, sign_up("taken@example.org"))
    taken_mails = OutgoingEmail.objects.count()
    client.logout()
    new = hashes(counting_hasher, sign_up("new@example.org"))
    assert taken == new >= 1
    assert taken_mails == 1
    assert OutgoingEmail.objects.count() == 2  # one each, queued, neither sent in the request


@pytest.mark.django_db
def test_a_password_reset_queues_one_email_whether_or_not_the_account_exists(
    client, counting_hasher, settings
):
    settings.MAILERS = {
        "default": {"BACKEND": "mobilisering.email.OutboxBackend"},
        "delivery": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"},
    }
    make_user("maria@example.org")

    def reset(email):
        return lambda: client.post("/en/accounts/password/reset/", {"email": email})

    existing = hashes(counting_hasher, reset("maria@example.org"))
    assert OutgoingEmail.objects.count() == 1
    missing = hashes(counting_hasher, reset("nobody@example.org"))
    assert OutgoingEmail.objects.count() == 2
    assert existing == missing
