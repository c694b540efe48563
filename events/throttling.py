"""Rate limits keyed on the real client address, counted in the shared cache.

The address is REMOTE_ADDR, or, behind `TRUSTED_PROXY_COUNT` proxies (DRF's NUM_PROXIES), the one
the nearest trusted proxy wrote into X-Forwarded-For; what a client writes there itself is never
believed. The counts live in the "default" cache, which is Redis when REDIS_URL is set, so every
web process and machine counts the same requests.

- `ClientRateThrottle`: the API's anonymous limit (ANON_THROTTLE_RATE).
- `login_throttled`: the admin login, which allows CHRONICLE_LOGIN_ATTEMPTS failures per client in
  CHRONICLE_LOGIN_WINDOW seconds and then answers 429 until the window has passed.
"""
from __future__ import annotations

import functools

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.cache import cache
from django.dispatch import receiver
from django.http import HttpResponse
from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, BaseThrottle


def client_address(request) -> str:
    """The client's address as the trusted proxies saw it (see the module's docstring)."""
    return BaseThrottle().get_ident(request)


class ClientRateThrottle(AnonRateThrottle):
    """DRF's anonymous throttle, reading its rate when asked (so a changed setting applies)."""

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


def _login_key(address: str) -> str:
    return f"chronicle:login-failures:{address}"


def login_throttled(view):
    """Wrap the admin's login view: a client past its failed attempts gets 429 before any check."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method == "POST" and cache.get(_login_key(client_address(request)), 0) >= (
            settings.CHRONICLE_LOGIN_ATTEMPTS
        ):
            minutes = max(1, settings.CHRONICLE_LOGIN_WINDOW // 60)
            message = f"登录失败次数过多，请 {minutes} 分钟后再试。"
            response = HttpResponse(message, status=429, content_type="text/plain; charset=utf-8")
            response["Retry-After"] = str(settings.CHRONICLE_LOGIN_WINDOW)
            return response
        return view(request, *args, **kwargs)

    return wrapped


@receiver(user_login_failed, dispatch_uid="chronicle.login_failed")
def _count_failure(sender, credentials, request=None, **kwargs):
    if request is None:
        return
    key = _login_key(client_address(request))
    cache.add(key, 0, timeout=settings.CHRONICLE_LOGIN_WINDOW)  # the window starts at the first failure
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=settings.CHRONICLE_LOGIN_WINDOW)


@receiver(user_logged_in, dispatch_uid="chronicle.logged_in")
def _forget_failures(sender, request=None, **kwargs):
    if request is not None:
        cache.delete(_login_key(client_address(request)))
