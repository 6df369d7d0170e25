"""Search and browse pages: one machinery, the configured backend (database or Elasticsearch).

Every value in the query string is checked here; anything unknown is ignored, so a bad link
gives a normal page, never an error.
"""

from django.core.paginator import Paginator
from django.http import JsonResponse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from catalogue.listing import category_tree, product_cards
from catalogue.models import Category, Producer, Product
from catalogue.taxonomy import STANDARDS
from search.backends import get_backend
from search.backends.base import MAX_QUERY_LENGTH, SORTS, STAR_LEVELS, SearchQuery
from search.documents import PRICE_RANGES
from search.spelling import spelled_as_in
from storefront.params import safe_int
from storefront.places.loader import PROVINCES_BY_CODE, PROVINCES_BY_SLUG
from storefront.text import fold, slugify

STANDARD_CODES = frozenset(code for code, _, _ in STANDARDS)
SORT_LABELS = {
    "relevance": gettext_lazy("Most relevant"),
    "newest": gettext_lazy("Newest"),
    "price_asc": gettext_lazy("Price: low to high"),
    "price_desc": gettext_lazy("Price: high to low"),
    "stars": gettext_lazy("Most stars"),
}


def _int(value):
    # ASCII digits only: "²".isdigit() is True but int("²") raises (issue 9, item 20).
    return safe_int(value)


def query_from_request(request, per_page, **fixed):
    """A SearchQuery from the query string; fixed filters (from the URL path) win."""
    get = request.GET
    stars = _int(get.get("stars"))
    province = PROVINCES_BY_SLUG.get((get.get("province") or "")[:64])
    query = SearchQuery(
        text=(get.get("q") or "")[:MAX_QUERY_LENGTH],
        stars=stars if stars in STAR_LEVELS else None,
        group=_int(get.get("group")),
        category=_int(get.get("category")),
        province=province["code"] if province else None,
        kind=get.get("kind") if get.get("kind") in Producer.Kind.values else None,
        standard=get.get("standard") if get.get("standard") in STANDARD_CODES else None,
        price=get.get("price") if get.get("price") in {k for k, _, _ in PRICE_RANGES} else None,
        in_stock=get.get("in_stock") == "1",
        sort=get.get("sort") if get.get("sort") in SORTS else "relevance",
        page=max(1, min(_int(get.get("page")) or 1, 10_000)),
        per_page=per_page,
    )
    for name, value in fixed.items():
        setattr(query, name, value)
    return query


class _Results:
    """Sequence for Django's Paginator: the backend already returned this page's items."""

    def __init__(self, total, items):
        self.total, self.items = total, items

    def __len__(self):
        return self.total

    def __getitem__(self, _slice):
        return self.items


class ProductSearchMixin:
    """Runs the query through the backend and puts products, facets and paging in context."""

    fixed_filters = {}

    def get_per_page(self):
        from django.conf import settings

        return settings.OSCAR_PRODUCTS_PER_PAGE

    def storefront_filters(self):
        """A provincial storefront (its Wagtail Site's setting) lists its province only."""
        province = getattr(self.request, "storefront_province", None)
        return {"province": province} if province else {}

    def run_query(self, **fixed):
        fixed = {**self.storefront_filters(), **fixed}
        self.fixed_filters = fixed
        query = query_from_request(self.request, self.get_per_page(), **fixed)
        result = get_backend().search(query)
        pages = max(1, -(-result.total // query.per_page))
        if query.page > pages and result.total:
            # Past the last page: show the last page rather than an empty one.
            query.page = pages
            result = get_backend().search(query)
        by_id = {p.id: p for p in product_cards(Product.objects.filter(id__in=result.product_ids))}
        products = [by_id[i] for i in result.product_ids if i in by_id]
        paginator = Paginator(_Results(result.total, products), query.per_page)
        page_obj = paginator.get_page(query.page)
        labelled = self.label_facets(result.facets, query)
        return {
            "query": query,
            "products": page_obj.object_list,
            "page_obj": page_obj,
            "paginator": paginator,
            "more_results": result.more,
            "is_paginated": page_obj.has_other_pages(),
            "facets": labelled,
            "selected_filters": self.selected_filters(labelled),
            "sorts": [(key, SORT_LABELS[key]) for key in SORTS],
            "query_without_page": query_without(self.request, "page"),
            "correction": result.corrected_text
            and spelled_as_in(result.corrected_text, [p.title for p in products]),
            "suggestion": result.suggested_text,
        }

    def selected_filters(self, facets):
        """The chosen filters as chips, each with the link that takes it off."""
        return [
            {
                "name": facet["name"],
                "label": f"{facet['title']}: {item['label']}",
                "remove_url": remove_url(self.request, facet["name"]),
            }
            for facet in facets
            for item in facet["items"]
            if item["selected"]
        ]

    def label_facets(self, facets, query):
        """Facet values with labels and links, for the sidebar."""
        nodes = list(Category.objects.filter(is_public=True).order_by("path"))
        names = {c.id: c.display_name for c in nodes}
        self.groups = category_tree([n for n in nodes if n.depth <= 2])
        kinds = dict(Producer.Kind.choices)
        english = (get_language() or "vi").startswith("en")
        standards = standard_names()
        prices = {
            "0-100000": _("Under 100.000 ₫"),
            "100000-200000": _("100.000 – 200.000 ₫"),
            "200000-500000": _("200.000 – 500.000 ₫"),
            "500000-1000000": _("500.000 – 1.000.000 ₫"),
            "1000000-": _("Over 1.000.000 ₫"),
        }

        def label(name, value):
            if name == "stars":
                return f"{value}★"
            if name in ("group", "category"):
                return names.get(value, "")
            if name == "province":
                row = PROVINCES_BY_CODE.get(value, {})
                return row.get("name_en" if english else "name", "")
            if name == "kind":
                return kinds.get(value, value)
            if name == "standard":
                return standards.get(value, value)
            if name == "price":
                return prices.get(value, value)
            if name == "in_stock":
                return _("In stock only")
            return str(value)

        def param(name, value):
            if name == "province":
                return PROVINCES_BY_CODE.get(value, {}).get("slug", "")
            if name == "in_stock":
                return "1"
            return str(value)

        current = dict(query.filters())
        out = []
        titles = {
            "stars": _("OCOP stars"),
            "group": _("Product groups"),
            "category": _("Categories"),
            "province": _("Province"),
            "kind": _("Producer kind"),
            "standard": _("Quality standards"),
            "price": _("Price"),
            "in_stock": _("Stock"),
        }
        for name in (
            "stars",
            "group",
            "category",
            "province",
            "kind",
            "standard",
            "price",
            "in_stock",
        ):
            values = facets.get(name, [])
            if name == "stars":
                values = sorted(values, key=lambda fv: -fv.value)
            items = [
                {
                    "label": label(name, fv.value),
                    "count": fv.count,
                    "param": param(name, fv.value),
                    "selected": current.get(name) == fv.value,
                }
                for fv in values
                if fv.count or current.get(name) == fv.value
            ]
            if items and name not in self.fixed_filters:
                selected = any(item["selected"] for item in items)
                out.append(
                    {"name": name, "title": titles[name], "items": items, "selected": selected}
                )
        return out


def standard_names():
    """{code: name} of the quality standards in the current language (no query)."""
    english = (get_language() or "vi").startswith("en")
    return {code: name_en if english else name for code, name, name_en in STANDARDS}


def remove_url(request, name):
    """The current listing without one filter (and back to its first page)."""
    encoded = query_without(request, name, "page")
    return f"?{encoded}" if encoded else request.path


def query_without(request, *names):
    params = request.GET.copy()
    for name in names:
        params.pop(name, None)
    return params.urlencode()


class SearchView(ProductSearchMixin, TemplateView):
    template_name = "search/results.html"
    pages_per_tab = 10

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(self.run_query())
        ctx["groups"] = self.groups
        q = ctx["query"].text.strip()
        ctx["q"] = q
        ctx["tab"] = "pages" if self.request.GET.get("tab") == "pages" else "products"
        ctx["pages"] = search_pages(q, self.pages_per_tab) if q else []
        if ctx["suggestion"]:
            # Only the words: the filters may be what excluded the suggestion's products.
            ctx["suggestion_link"] = format_html(
                '<a href="?{}">{}</a>', urlencode({"q": ctx["suggestion"]}), ctx["suggestion"]
            )
        if q:
            ctx["heading"] = _("Results for “%(q)s”") % {"q": q}
        else:
            ctx["heading"] = _("All OCOP products")
        return ctx


def search_pages(text, limit):
    """News, programme and fair pages (Wagtail's own search) for the pages tab."""
    from wagtail.models import Page

    terms = " ".join(text.split()[:8])
    try:
        return list(Page.objects.live().public().filter(depth__gt=1).search(terms)[:limit])
    except Exception:  # a malformed query for the page index is not worth a 500
        return []


def autocomplete(request):
    """JSON suggestions for the search box: products, producers and categories."""
    text = (request.GET.get("q") or "").strip()[:100]
    if len(fold(text)) < 2:
        return JsonResponse({"query": text, "suggestions": []})
    folded = fold(text).lower()
    products = get_backend().suggest_products(text, 6)
    suggestions = [
        {
            "kind": "product",
            "label": title,
            "url": Product(id=pid, slug=slugify(title)).get_absolute_url(),
        }
        for pid, title in products
    ]
    # Producer slugs are the folded names, so the database does the matching.
    slug = slugify(text)
    if slug:  # punctuation only would match every producer
        producers = Producer.objects.filter(slug__contains=slug).only("name", "slug")
        for producer in producers.order_by("name")[:3]:
            suggestions.append(
                {"kind": "producer", "label": producer.name, "url": producer.get_absolute_url()}
            )
    cats = Category.objects.filter(is_public=True).order_by("path")
    nodes = list(cats)
    for group in category_tree(nodes):
        for node in [group, *group.children_list]:
            if folded in fold(node.display_name).lower():
                suggestions.append(
                    {"kind": "category", "label": node.display_name, "url": node.url}
                )
    return JsonResponse({"query": text, "suggestions": suggestions[:12]})
