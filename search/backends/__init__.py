"""Pick the search backend from settings.SEARCH_BACKEND ("database" or "elasticsearch").

Elasticsearch comes wrapped in the database backend (`search.backends.fallback`): a
cluster that is down, hangs or has no alias yet never takes a page down.
"""

from functools import lru_cache

from django.conf import settings

from search.backends.base import SearchBackend, SearchQuery, SearchResult  # noqa: F401


@lru_cache(maxsize=4)
def _backend(name, config):
    if name == "elasticsearch":
        from search.backends.elasticsearch import ElasticsearchBackend
        from search.backends.fallback import FallbackBackend

        return FallbackBackend(ElasticsearchBackend(**dict(config)))
    from search.backends.database import DatabaseBackend

    return DatabaseBackend()


def elasticsearch_config():
    """The client's settings, as a hashable key (a changed setting makes a new client)."""
    return (
        ("url", settings.ELASTICSEARCH_URL),
        ("alias", settings.ELASTICSEARCH_INDEX),
        ("api_key", settings.ELASTICSEARCH_API_KEY or None),
        ("ca_certs", settings.ELASTICSEARCH_CA_CERTS or None),
        ("timeout", settings.ELASTICSEARCH_TIMEOUT),
        ("replicas", settings.ELASTICSEARCH_REPLICAS),
    )


def get_backend() -> SearchBackend:
    if settings.SEARCH_BACKEND == "elasticsearch":
        return _backend("elasticsearch", elasticsearch_config())
    return _backend("database", ())
