"""Who may see a Wagtail page, as a condition of the query that lists pages."""

from django.db.models import Exists, OuterRef
from django.db.models.functions import Length, Substr
from wagtail.models import PageViewRestriction


def public_q():
    """Wagtail's `.public()` as a condition of the same query (it runs a query of its own
    for the view restrictions): no restriction on the page or an ancestor."""
    restricted = PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef("path"), 1, Length("page__path"))
    )
    return ~Exists(restricted)
