"""The search interface both backends implement, and the query/result types they share."""

import re
import unicodedata
from dataclasses import dataclass, field

from storefront.text import fold

SORTS = ("relevance", "price_asc", "price_desc", "newest", "stars")
FACETS = ("stars", "group", "category", "province", "kind", "standard", "price", "in_stock")
MAX_QUERY_LENGTH = 200
MAX_TERMS = 8
STAR_LEVELS = (3, 4, 5)


def terms(text):
    """Lower-cased words of a query, at most MAX_TERMS: punctuation never reaches an engine.
    NFC first: text in decomposed form (some phones, pasted text) was split at its accents,
    "Nấm" -> "na", "m" (issue 15, item 12)."""
    text = unicodedata.normalize("NFC", (text or "")[:MAX_QUERY_LENGTH])
    return re.findall(r"\w+", text.lower())[:MAX_TERMS]


@dataclass
class SearchQuery:
    text: str = ""
    stars: int | None = None
    group: int | None = None  # category id of a group (depth 1)
    category: int | None = None  # any node of the tree
    province: int | None = None  # province code
    kind: str | None = None
    standard: str | None = None
    price: str | None = None  # a key of documents.PRICE_RANGES
    in_stock: bool = False
    producer: int | None = None
    sort: str = "relevance"
    page: int = 1
    per_page: int = 24

    @property
    def terms(self):
        return terms(self.text)

    @property
    def folded_terms(self):
        return [fold(t) for t in self.terms]

    @property
    def offset(self):
        return (self.page - 1) * self.per_page

    def filters(self):
        """The active filters as (facet name, value) pairs."""
        pairs = [
            ("stars", self.stars),
            ("group", self.group),
            ("category", self.category),
            ("province", self.province),
            ("kind", self.kind),
            ("standard", self.standard),
            ("price", self.price),
            ("in_stock", True if self.in_stock else None),
            ("producer", self.producer),
        ]
        return [(k, v) for k, v in pairs if v not in (None, "")]


@dataclass
class FacetValue:
    value: object
    count: int


@dataclass
class SearchResult:
    product_ids: list[int]
    total: int
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    # More products match than `total` (Elasticsearch counts up to its result window).
    more: bool = False
    # The words typed found nothing: these results are for the corrected text instead.
    corrected_text: str | None = None
    # A spelling that finds something (where these results are few or none): "did you mean".
    suggested_text: str | None = None


class SearchBackend:
    """A search engine for products. Both implementations pass tests/search/contract."""

    name = "base"

    def search(self, query: SearchQuery) -> SearchResult:
        raise NotImplementedError

    def suggest_products(self, text: str, limit: int) -> list[tuple[int, str]]:
        """(product id, title) of products with a word starting with each typed word, in
        the title, producer, province or categories ("dua" finds "Kẹo dừa")."""
        raise NotImplementedError

    def index(self, documents) -> int:
        """Add or replace documents; returns how many were written."""
        raise NotImplementedError

    def remove(self, product_ids) -> None:
        raise NotImplementedError

    def rebuild(self, documents, progress=None) -> int:
        """Replace the whole index. Searches must keep working while it runs."""
        raise NotImplementedError

    def clear(self) -> None:
        raise NotImplementedError
