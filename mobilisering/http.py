"""Facts about a request that more than one app needs."""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _valid_ip(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str:
    """The address of the person making the request, for rate limits.

    Behind TRUSTED_PROXY_COUNT proxies, each of which appends the address it was reached from to
    X-Forwarded-For, the client is the entry that many places from the right; everything to its
    left was written by the client and may be forged. With no trusted proxy (the default) the
    header is ignored. A header too short or not an address falls back to REMOTE_ADDR, the
    proxy itself, rather than to anything the client chose.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    header = request.headers.get("x-forwarded-for", "")
    forwarded = header.split(",") if header else []
    if len(forwarded) < count:
        return remote
    return _valid_ip(forwarded[-count]) or remote
