"""Request hygiene (issue 9, item 20) and the staff-only dashboard (issue 14)."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import render

FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _has_nul(querydict):
    return any(
        "\x00" in key or any("\x00" in v for v in values) for key, values in querydict.lists()
    )


class RejectNulMiddleware:
    """Answer 400 to a path or query string with a NUL character; take NULs out of the
    values of a posted form, so the form is checked as usual and nothing else typed is lost.

    No page has a use for one, and PostgreSQL refuses NUL in text ("A string literal cannot
    contain NUL"), so any filter that reached the database with one was a 500. One check
    here covers every view, ours and Oscar's and Wagtail's.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self.has_nul(request):
            return render(request, "400.html", status=400)
        if self.is_form(request) and _has_nul(request.POST):
            cleaned = request.POST.copy()
            for key, values in request.POST.lists():
                cleaned.setlist(key, [v.replace("\x00", "") for v in values])
            cleaned._mutable = False
            request.POST = cleaned
        return self.get_response(request)

    @staticmethod
    def is_form(request):
        content_type = request.META.get("CONTENT_TYPE", "")
        return request.method == "POST" and content_type.startswith(FORM_TYPES)

    @classmethod
    def has_nul(cls, request):
        """A NUL where no cleaning can help: the path, the query string, a form's keys."""
        if "\x00" in request.path_info or _has_nul(request.GET):
            return True
        if cls.is_form(request):
            return any("\x00" in key for key in request.POST)
        return False


class StaffOnlyDashboardMiddleware:
    """Oscar's dashboard is for staff only. Oscar also lets in a partner's users with the
    `partner.dashboard_access` permission, and its order screens then show every line of
    an order that holds one of theirs (other producers' lines and prices) and cancel the
    whole order. Producers get their own screens in the seller centre (issue 10)."""

    OPEN = {"login", "logout"}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if not match or match.namespaces[:1] != ["dashboard"] or match.url_name in self.OPEN:
            return None
        if request.user.is_authenticated and request.user.is_staff:
            return None
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise PermissionDenied


class SameOriginBasketMiddleware:
    """The add-to-basket forms carry no CSRF token, so that a product card or page is the
    same for every visitor and an anonymous page can be cached without a `csrftoken`
    cookie (issue 13). `basket:add` is protected by the browser's own word instead: the
    Fetch Metadata header `Sec-Fetch-Site` (every current browser sends it), or else the
    `Origin` header, must say the form came from this site. A request with neither falls
    back to Django's token check, which a token-less form fails: nothing is weaker than
    before. Goes before CsrfViewMiddleware."""

    TOKENLESS_VIEWS = {"basket:add"}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if request.method == "POST" and match and match.view_name in self.TOKENLESS_VIEWS:
            if self.same_origin(request):
                request._dont_enforce_csrf_checks = True
        return None

    @staticmethod
    def same_origin(request) -> bool:
        site = request.headers.get("Sec-Fetch-Site")
        if site is not None:
            return site in ("same-origin", "none")
        origin = request.headers.get("Origin")
        if origin is None or origin == "null":
            return False
        from django.conf import settings

        scheme = "https" if request.is_secure() else "http"
        return origin == f"{scheme}://{request.get_host()}" or origin in set(
            settings.CSRF_TRUSTED_ORIGINS
        )
