"""Pick the search backend from settings.SEARCH_BACKEND ("database" or "elasticsearch")."""

from functools import lru_cache

from django.conf import settings

from search.backends.base import SearchBackend, SearchQuery, SearchResult  # noqa: F401


@lru_cache(maxsize=4)
def _backend(name, url):
    if name == "elasticsearch":
        from search.backends.elasticsearch import ElasticsearchBackend

        return ElasticsearchBackend(url)
    from search.backends.database import DatabaseBackend

    return DatabaseBackend()


def get_backend() -> SearchBackend:
    return _backend(settings.SEARCH_BACKEND, settings.ELASTICSEARCH_URL)
