"""Login throttling with django-axes (issue 9, item 8): the glue axes asks for.

Every login form (the shop's, Oscar's dashboard, Wagtail's /cms/, Django's admin) goes
through `django.contrib.auth.authenticate(request, ...)`, where axes' backend (first in
AUTHENTICATION_BACKENDS) counts failures and refuses a locked-out client; its middleware
then answers with `lockout_response` below. Limits are in settings (AXES_*).
"""

import datetime

from axes.backends import AxesStandaloneBackend
from axes.handlers.database import AxesDatabaseHandler
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.shortcuts import render
from django.utils import timezone


class AxesBackend(AxesStandaloneBackend):
    """Axes' backend, except that an `authenticate()` without a request is let through to
    the next backends instead of raising: Oscar's registration signs the new buyer in with
    `authenticate(username=..., password=...)` (no request), which axes turns into a 500.
    Every login form passes the request, so every login form is still throttled."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


class AxesHandler(AxesDatabaseHandler):
    """Axes' database handler (AXES_LOCKOUT_PARAMETERS: account + address), plus a wider
    cap per address: OCOP_LOGIN_FAILURES_PER_ADDRESS failures within the cool-off, over
    any accounts, lock that address out too (one client trying many accounts). Set high
    enough that buyers behind one carrier address are not caught by each other's typos."""

    def get_failures(self, request, credentials=None):
        failures = super().get_failures(request, credentials)
        address = getattr(request, "axes_ip_address", None)
        if address and failures < settings.AXES_FAILURE_LIMIT:
            since = timezone.now() - datetime.timedelta(hours=settings.AXES_COOLOFF_TIME)
            from_address = AccessAttempt.objects.filter(
                ip_address=address, attempt_time__gte=since
            ).aggregate(n=Sum("failures_since_start"))["n"]
            if (from_address or 0) >= settings.OCOP_LOGIN_FAILURES_PER_ADDRESS:
                return settings.AXES_FAILURE_LIMIT
        return failures


def username(request, credentials):
    """One counter per account whatever the case or spaces: Oscar's e-mail backend finds
    "Lan@X.vn " and "lan@x.vn" alike, so the throttle must count them together."""
    value = (credentials or {}).get("username")
    if value is None and request is not None:
        post = getattr(request, "POST", {})
        value = post.get("username") or post.get("login-username")
    return (value or "").strip().lower() or None


def lockout_response(request, original_response=None, credentials=None):
    """A page in the site's theme, in the visitor's language, with 429 Too Many Requests."""
    minutes = int(settings.AXES_COOLOFF_TIME * 60)
    return render(
        request,
        "login_locked.html",
        {"minutes": minutes, "failure_limit": settings.AXES_FAILURE_LIMIT},
        status=429,
    )
