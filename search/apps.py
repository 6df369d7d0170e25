import oscar.apps.search.apps as apps


class SearchConfig(apps.SearchConfig):
    """Replaces Oscar's search app (label "search"); backends arrive with the search issue."""

    name = "search"
