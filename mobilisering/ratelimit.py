"""A fixed-window rate limit kept in the shared cache (the database or Redis), so that every app
server and worker counts the same attempts."""

import hashlib
import time

from django.core.cache import cache


def hit(scope: str, key: str, *, limit: int, window_seconds: int) -> bool:
    """Count one attempt for (scope, key); True while within `limit` per window, else False.

    Each allowed attempt claims a numbered slot with the cache's atomic `add`, which only one
    caller can win, so attempts at the same moment on different workers are never counted as one
    (a read-then-write counter would lose them). A hint of the slots taken saves trying them all.
    Keys are hashed so that email addresses are not kept readable in the cache.
    """
    digest = hashlib.sha256(f"{scope}:{key}".lower().encode()).hexdigest()
    window = int(time.time() // window_seconds)
    prefix = f"ratelimit:{scope}:{digest}:{window}"
    taken = cache.get(f"{prefix}:taken", 0)
    for slot in range(taken + 1, limit + 1):
        if cache.add(f"{prefix}:{slot}", 1, timeout=window_seconds):
            cache.set(f"{prefix}:taken", slot, timeout=window_seconds)
            return True
    if taken < limit:
        cache.set(f"{prefix}:taken", limit, timeout=window_seconds)
    return False
