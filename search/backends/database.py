"""The embedded default: search in the site's own database.

Filters and facets run on `ProductDocument` (one row per product). Words are matched by
SQLite FTS5 (`search_fts`) or PostgreSQL full-text (`exact_vector`, `folded_vector`), holding the text
twice: as written (accents kept) and folded (no accents, đ -> d). A query is matched both
ways, and the as-written column weighs more, so exact accented matches rank first.
"""

from django.db import connection, transaction
from django.db.models import Case, Count, F, IntegerField, Q, Value, When
from django.db.models.expressions import RawSQL
from django.utils import timezone

from search.backends.base import (
    STAR_LEVELS,
    FacetValue,
    SearchBackend,
    SearchQuery,
    SearchResult,
)
from search.documents import PRICE_RANGES
from search.models import ProductDocument

PRICE_BOUNDS = {key: (low, high) for key, low, high in PRICE_RANGES}
# (facet name, annotation or field to group by)
GROUPED_FACETS = ("stars", "group", "category", "province", "kind", "price", "in_stock")
FACET_FIELDS = {
    "stars": "valid_stars",
    "group": "group_id",
    "category": "category_id",
    "province": "province_code",
    "kind": "producer_kind",
    "price": "price_range",
    "in_stock": "in_stock",
}
STANDARD_CODES = ("vietgap", "globalgap", "organic", "haccp", "iso22000", "gi")
EXACT_WEIGHT = 4.0


def _fts_expression(terms):
    quoted = [f'"{t}"' for t in terms]
    quoted[-1] += "*"  # the last word may be half typed
    return " AND ".join(quoted)


def _tsquery(terms):
    """'nấm & rơm:*': every word, the last one possibly half typed."""
    return " & ".join(terms[:-1] + [f"{terms[-1]}:*"])


class DatabaseBackend(SearchBackend):
    name = "database"

    @property
    def vendor(self):
        return connection.vendor

    # --- querying ---------------------------------------------------------------------------

    def _text_filter(self, query: SearchQuery):
        """(WHERE fragment on product_id, params) for the words, or None without words."""
        terms, folded = query.terms, query.folded_terms
        if not terms:
            return None
        if self.vendor == "postgresql":
            sql = (
                "SELECT product_id FROM search_productdocument "
                "WHERE exact_vector @@ to_tsquery('simple', %s) "
                "OR folded_vector @@ to_tsquery('simple', %s)"
            )
            return sql, [_tsquery(terms), _tsquery(folded)]
        expr = _fts_expression(terms)
        if folded != terms:
            expr = f"({expr}) OR ({_fts_expression(folded)})"
        return "SELECT rowid FROM search_fts WHERE search_fts MATCH %s", [expr]

    def _annotated(self, today):
        valid = Q(certified_until__gt=today, stars__in=STAR_LEVELS)
        price_cases = [
            When(price__gte=low, price__lt=high, then=Value(key))
            if high is not None
            else When(price__gte=low, then=Value(key))
            for key, low, high in PRICE_RANGES
        ]
        return ProductDocument.objects.filter(is_public=True).annotate(
            valid_stars=Case(When(valid, then=F("stars")), default=None, output_field=IntegerField()),
            price_range=Case(*price_cases, default=Value("")),
        )

    def _apply(self, qs, query, today, skip=None):
        for name, value in query.filters():
            if name == skip:
                continue
            if name == "stars":
                qs = qs.filter(stars=value, certified_until__gt=today)
            elif name == "group":
                qs = qs.filter(group_id=value)
            elif name == "category":
                qs = qs.filter(category_ids__contains=f",{value},")
            elif name == "province":
                qs = qs.filter(province_code=value)
            elif name == "kind":
                qs = qs.filter(producer_kind=value)
            elif name == "standard":
                qs = qs.filter(standards__contains=f",{value},")
            elif name == "price" and value in PRICE_BOUNDS:
                low, high = PRICE_BOUNDS[value]
                qs = qs.filter(price__gte=low)
                if high is not None:
                    qs = qs.filter(price__lt=high)
            elif name == "in_stock":
                qs = qs.filter(in_stock=True)
            elif name == "producer":
                qs = qs.filter(producer_id=value)
        return qs

    def search(self, query: SearchQuery, facets=True) -> SearchResult:
        today = timezone.localdate()
        base = self._annotated(today)
        text = self._text_filter(query)
        if text:
            base = base.filter(product_id__in=RawSQL(*text))
        filtered = self._apply(base, query, today)
        if facets:
            facet_counts, total = self._facets(base, filtered, query, today)
        else:
            facet_counts, total = {}, filtered.count()
        ids = self._page_ids(filtered, query, text) if total > query.offset else []
        return SearchResult(product_ids=ids, total=total, facets=facet_counts)

    def _page_ids(self, filtered, query, text):
        start, stop = query.offset, query.offset + query.per_page
        if query.sort == "relevance" and text:
            if self.vendor == "postgresql":
                rank = RawSQL(
                    f"{EXACT_WEIGHT} * ts_rank(exact_vector, to_tsquery('simple', %s)) "
                    "+ ts_rank(folded_vector, to_tsquery('simple', %s))",
                    text[1],
                )
                ordered = filtered.annotate(rank=rank).order_by("-rank", "-date_created")
                return list(ordered.values_list("product_id", flat=True)[start:stop])
            inner, params = filtered.values("product_id").query.sql_with_params()
            sql = (
                f"SELECT rowid FROM search_fts WHERE search_fts MATCH %s AND rowid IN ({inner}) "
                f"ORDER BY bm25(search_fts, {EXACT_WEIGHT}, 1.0), rowid DESC LIMIT %s OFFSET %s"
            )
            with connection.cursor() as cursor:
                cursor.execute(sql, [*text[1], *params, query.per_page, query.offset])
                return [row[0] for row in cursor.fetchall()]
        order = {
            "price_asc": [F("price").asc(nulls_last=True), "-product_id"],
            "price_desc": [F("price").desc(nulls_last=True), "-product_id"],
            "stars": [F("valid_stars").desc(nulls_last=True), "-date_created", "-product_id"],
        }.get(query.sort, ["-date_created", "-product_id"])
        return list(filtered.order_by(*order).values_list("product_id", flat=True)[start:stop])

    def _facets(self, base, filtered, query, today):
        """Counts per facet value. A facet with a chosen value is counted without its own
        filter, so the other values stay visible (and countable) for switching."""
        active = {name for name, _ in query.filters()}
        counts = {name: {} for name in (*GROUPED_FACETS, "standard")}
        fields = [FACET_FIELDS[n] for n in GROUPED_FACETS]
        standard_counts = {
            f"std_{code}": Count("product_id", filter=Q(standards__contains=f",{code},"))
            for code in STANDARD_CODES
        }
        total = 0
        rows = filtered.values(*fields).annotate(n=Count("product_id"), **standard_counts)
        for row in rows.order_by():
            total += row["n"]
            for code in STANDARD_CODES:
                if row[f"std_{code}"] and "standard" not in active:
                    counts["standard"][code] = counts["standard"].get(code, 0) + row[f"std_{code}"]
            for name in GROUPED_FACETS:
                if name in active:
                    continue
                value = row[FACET_FIELDS[name]]
                if value not in (None, ""):
                    counts[name][value] = counts[name].get(value, 0) + row["n"]
        for name in GROUPED_FACETS:
            if name in active:
                field = FACET_FIELDS[name]
                rows = self._apply(base, query, today, skip=name).values(field)
                for row in rows.annotate(n=Count("product_id")).order_by():
                    if row[field] not in (None, ""):
                        counts[name][row[field]] = row["n"]
        if "standard" in active:
            source = self._apply(base, query, today, skip="standard")
            totals = source.aggregate(**standard_counts)
            counts["standard"] = {k[4:]: n for k, n in totals.items() if n}
        counts["in_stock"] = {True: counts["in_stock"].get(True, 0)}
        facets = {
            name: sorted(
                (FacetValue(value, n) for value, n in values.items()),
                key=lambda fv: (-fv.count, str(fv.value)),
            )
            for name, values in counts.items()
        }
        return facets, total

    def suggest_products(self, text, limit):
        result = self.search(SearchQuery(text=text, per_page=limit), facets=False)
        titles = dict(
            ProductDocument.objects.filter(product_id__in=result.product_ids).values_list(
                "product_id", "title"
            )
        )
        return [(pid, titles[pid]) for pid in result.product_ids if pid in titles]

    # --- indexing ---------------------------------------------------------------------------

    def index(self, documents, batch=1000):
        written = 0
        chunk = []
        for doc in documents:
            chunk.append(doc)
            if len(chunk) >= batch:
                written += self._write(chunk)
                chunk = []
        if chunk:
            written += self._write(chunk)
        return written

    @transaction.atomic
    def _write(self, docs):
        ids = [d["product_id"] for d in docs]
        self._delete(ids)
        ProductDocument.objects.bulk_create(ProductDocument(**d) for d in docs)
        with connection.cursor() as cursor:
            if self.vendor == "postgresql":
                cursor.execute(
                    "UPDATE search_productdocument SET "
                    "exact_vector = to_tsvector('simple', exact), "
                    "folded_vector = to_tsvector('simple', folded) "
                    "WHERE product_id = ANY(%s)",
                    [ids],
                )
            else:
                cursor.executemany(
                    "INSERT INTO search_fts(rowid, exact, folded) VALUES (%s, %s, %s)",
                    [(d["product_id"], d["exact"], d["folded"]) for d in docs],
                )
        return len(docs)

    def _delete(self, ids):
        ProductDocument.objects.filter(product_id__in=ids).delete()
        if self.vendor != "postgresql" and ids:
            with connection.cursor() as cursor:
                marks = ",".join(["%s"] * len(ids))
                cursor.execute(f"DELETE FROM search_fts WHERE rowid IN ({marks})", ids)

    def remove(self, product_ids):
        with transaction.atomic():
            self._delete(list(product_ids))

    def clear(self):
        with transaction.atomic():
            ProductDocument.objects.all().delete()
            if self.vendor != "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("DELETE FROM search_fts")

    def rebuild(self, documents, progress=None):
        """One transaction: readers keep seeing the old index until the new one commits."""
        with transaction.atomic():
            self.clear()
            written = 0
            chunk = []
            for doc in documents:
                chunk.append(doc)
                if len(chunk) >= 1000:
                    written += self._write(chunk)
                    chunk = []
                    if progress:
                        progress(written)
            if chunk:
                written += self._write(chunk)
                if progress:
                    progress(written)
        return written
