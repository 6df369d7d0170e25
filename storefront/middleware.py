"""Request hygiene middleware (issue 9, item 20)."""

from django.shortcuts import render

FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _has_nul(querydict):
    return any(
        "\x00" in key or any("\x00" in v for v in values) for key, values in querydict.lists()
    )


class RejectNulMiddleware:
    """Answer 400 to a path, query string or form value with a NUL character.

    No page has a use for one, and PostgreSQL refuses NUL in text ("A string literal cannot
    contain NUL"), so any filter that reached the database with one was a 500. One check
    here covers every view, ours and Oscar's and Wagtail's.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self.has_nul(request):
            return render(request, "400.html", status=400)
        return self.get_response(request)

    @staticmethod
    def has_nul(request):
        if "\x00" in request.path_info or _has_nul(request.GET):
            return True
        content_type = request.META.get("CONTENT_TYPE", "")
        if request.method == "POST" and content_type.startswith(FORM_TYPES):
            return _has_nul(request.POST)
        return False
