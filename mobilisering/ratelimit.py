"""A small fixed-window rate limit kept in the cache (shared by all app servers in production)."""

import hashlib

from django.core.cache import cache


def hit(scope: str, key: str, *, limit: int, window_seconds: int) -> bool:
    """Count one attempt for (scope, key); True while within `limit` per window, else False.

    Keys are hashed so that email addresses are not kept readable in the cache.
    """
    digest = hashlib.sha256(f"{scope}:{key}".lower().encode()).hexdigest()
    cache_key = f"ratelimit:{scope}:{digest}"
    if cache.add(cache_key, 1, timeout=window_seconds):
        return True
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.add(cache_key, 1, timeout=window_seconds)
        return True
    return count <= limit
