from django.urls import path
from oscar.apps.search import apps


class SearchConfig(apps.SearchConfig):
    """Replaces Oscar's search app (label "search"): our backends, our views."""

    name = "search"

    def ready(self):
        from search import receivers  # noqa: F401

    def get_urls(self):
        from search import views

        urls = [
            path("", views.SearchView.as_view(), name="search"),
            path("autocomplete/", views.autocomplete, name="autocomplete"),
        ]
        return self.post_process_urls(urls)
