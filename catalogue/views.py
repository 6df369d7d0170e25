"""Consumer pages of the catalogue.

Listings go through the search backend (search/views.py) and `product_cards`, which
prefetches what a card shows; tests/integration/test_query_counts.py pins the number of
queries per page.
"""

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q, prefetch_related_objects
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView, TemplateView

from catalogue.listing import category_trail, product_cards, product_trail
from catalogue.models import Category, Certificate, Producer, Product
from cms.stories import stories_of
from fairs.models import next_appearance
from search.views import ProductSearchMixin, query_without, remove_url
from storefront.pagecache import deferred
from storefront.places.loader import PROVINCES_BY_CODE, PROVINCES_BY_SLUG
from storefront.places.models import Province

STAR_LEVELS = (5, 4, 3)


class BrowseView(ProductSearchMixin, TemplateView):
    """All public products, through the search backend with no words: the same filters,
    facets, sorting and paging as the search page."""

    template_name = "catalogue/browse.html"

    def fixed(self):
        """Filters fixed by the URL path (category, province, stars)."""
        return {}

    def get_context_data(self, **kwargs):
        self.fixed_filters = {**self.storefront_filters(), **self.fixed()}
        ctx = super().get_context_data(**kwargs)
        ctx.update(self.run_query(**self.fixed_filters))
        ctx["groups"] = self.groups
        # The category tree is the sidebar's way through groups: a "group" facet beside it
        # said "Nhóm sản phẩm" a second time.
        ctx["facets"] = [f for f in ctx["facets"] if f["name"] != "group"]
        ctx["selected_filters"] = [f for f in ctx["selected_filters"] if f["name"] != "group"]
        group = ctx["query"].group
        if group:
            # A group chosen by ?group= (the home page's tiles, old links): the heading says
            # which, instead of "all products".
            ctx["selected_group"] = group
            names = {g.pk: g.display_name for g in self.groups}
            ctx.setdefault("heading", names.get(group))
            ctx["selected_filters"].insert(
                0,
                {
                    "name": "group",
                    "label": names.get(group, ""),
                    "remove_url": remove_url(self.request, "group"),
                },
            )
        if not ctx.get("heading") and "province" in self.fixed_filters:
            ctx["heading"] = province_heading(self.fixed_filters["province"])
        if not ctx.get("heading"):
            ctx["heading"] = _("All OCOP products")
        return ctx


def province_heading(code):
    row = PROVINCES_BY_CODE.get(code, {})
    english = (get_language() or "vi").startswith("en")
    return _("OCOP products of %(province)s") % {
        "province": row.get("name_en" if english else "name", "")
    }


class CatalogueView(BrowseView):
    pass


class ProductCategoryView(BrowseView):
    """A group, sub-group or category of the Decision 148 tree, with its descendants."""

    def get(self, request, *args, **kwargs):
        self.category = get_object_or_404(Category, pk=kwargs["pk"], is_public=True)
        return super().get(request, *args, **kwargs)

    def fixed(self):
        return {"category": self.category.pk}

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(heading=self.category.display_name, **kwargs)
        ctx["category"] = self.category
        ctx["ancestors"] = category_trail(self.category)[:-1]
        return ctx


class ProvinceView(BrowseView):
    def get(self, request, *args, **kwargs):
        self.province = PROVINCES_BY_SLUG.get(kwargs["slug"])
        if self.province is None:
            raise Http404
        return super().get(request, *args, **kwargs)

    def fixed(self):
        return {"province": self.province["code"]}

    def get_context_data(self, **kwargs):
        return super().get_context_data(heading=province_heading(self.province["code"]), **kwargs)


class StarsView(BrowseView):
    def get(self, request, *args, **kwargs):
        if kwargs["stars"] not in STAR_LEVELS:
            raise Http404
        return super().get(request, *args, **kwargs)

    def fixed(self):
        return {"stars": self.kwargs["stars"]}

    def get_context_data(self, **kwargs):
        heading = _("%(stars)s-star OCOP products") % {"stars": self.kwargs["stars"]}
        return super().get_context_data(heading=heading, **kwargs)


class ProductDetailView(DetailView):
    template_name = "catalogue/detail.html"
    context_object_name = "product"

    def get_object(self, queryset=None):
        qs = Product.objects.browsable().select_related(
            "producer__province", "producer__ward", "product_class"
        )
        product = get_object_or_404(qs, pk=self.kwargs["pk"])
        if product.is_parent:
            # Its options with their stock, once, for the price box and the choices.
            options = Product.objects.public().prefetch_related("stockrecords").order_by("pk")
            prefetch_related_objects(
                [product],
                Prefetch("children", queryset=options, to_attr="_prefetched_public_children"),
            )
        else:
            product._prefetched_public_children = []  # a product without options: no query
        return product

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        # An old or mistyped slug still finds the product; send the buyer to the real URL.
        if self.kwargs.get("product_slug") != self.object.slug:
            return redirect(self.object.get_absolute_url(), permanent=True)
        return self.render_to_response(self.get_context_data(object=self.object))

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        product = self.object
        ctx["images"] = list(product.images.filter(approved=True).order_by("display_order", "id"))
        # Once, for the price box and the JSON-LD offer in the page head.
        strategy = self.request.strategy
        ctx["purchase_info"] = (
            strategy.fetch_for_parent(product)
            if product.is_parent
            else strategy.fetch_for_product(product)
        )
        if product.is_parent:
            # Options (hũ 250 g / 500 g) each with its own price and stock.
            options = [
                (child, strategy.fetch_for_product(child))
                for child in product.get_public_children()
            ]
            first = next((c for c, i in options if i.availability.is_available_to_buy), None)
            ctx["options"] = [(c, i, c is first) for c, i in options]
        # The certificate box, the JSON-LD, the breadcrumbs and the reviews link are cached
        # fragments (catalogue/detail.html): their data is computed only when one is
        # rendered, so a page whose fragments are at hand costs three queries.
        certificates = deferred(
            lambda: list(product.certificates.filter(review_state=Certificate.ReviewState.VERIFIED))
        )
        ctx["certificate"] = deferred(lambda: (certificates() or [None])[0])
        ctx["certificate_history"] = deferred(lambda: certificates()[1:])
        ctx["standards"] = deferred(lambda: list(product.standards.all()))
        ctx["categories"] = deferred(lambda: product_trail(product))
        # Oscar keeps `rating` (the approved reviews' mean) on every review's save and
        # delete: without one there is nothing to count.
        ctx["review_count"] = deferred(
            lambda: product.num_approved_reviews if product.rating is not None else 0
        )
        # Only buyers who received it may review it (catalogue/reviews.py); no query for
        # anonymous visitors.
        user = self.request.user
        ctx["may_review"] = user.is_authenticated and product.is_review_permitted(user)
        return ctx


class ProducerMoreView(DetailView):
    """The producer's part of its product pages: the fair booth, stories and other
    products. One fragment per producer, fetched by the product page when the buyer scrolls
    near it (site.js, `data-more`) without cookies, so every product of the producer and
    every visitor share one cached copy and a product page renders only the product. It
    carries `more_count` + 1 cards: the page drops its own product, or the last card."""

    template_name = "catalogue/partials/producer_more.html"
    context_object_name = "producer"
    more_count = 8

    def get_queryset(self):
        return Producer.objects.select_related("province")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        producer = self.object
        # Computed only when the fragment is rendered (FRAGMENT_CACHE: a signed-in buyer
        # without the page cache).
        ctx["fair_booth"] = deferred(lambda: next_appearance(producer.pk))
        ctx["stories"] = deferred(lambda: stories_of(producer, limit=2))
        ctx["products"] = deferred(
            lambda: list(
                product_cards(Product.objects.browsable().filter(producer=producer))[
                    : self.more_count + 1
                ]
            )
        )
        return ctx

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        response["X-Robots-Tag"] = "noindex"  # a part of pages, not a page of its own
        return response


def paginate(request, items, per_page):
    """(paginator, page) for `?page=`: a "number" that is not one shows the first page, a
    number out of range the last (Django's `get_page`), never an error."""
    paginator = Paginator(items, per_page)
    return paginator, paginator.get_page(request.GET.get("page"))


class ProducerListView(ListView):
    template_name = "catalogue/producer_list.html"
    context_object_name = "producers"
    paginate_by = 30

    def get_queryset(self):
        qs = Producer.objects.select_related("province").annotate(
            product_count=Count("products", filter=Q(products__is_public=True))
        )
        kind = self.request.GET.get("kind")
        if kind in Producer.Kind.values:
            qs = qs.filter(kind=kind)
        province = self.request.GET.get("province")
        if getattr(self.request, "storefront_province", None):
            # A provincial storefront lists its own province's producers, as its catalogue.
            qs = qs.filter(province_id=self.request.storefront_province)
        elif province:
            qs = qs.filter(province__slug=province[:64])
        return qs.order_by("name")

    def paginate_queryset(self, queryset, page_size):
        paginator, page_obj = paginate(self.request, queryset, page_size)
        return paginator, page_obj, page_obj.object_list, page_obj.has_other_pages()

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["kinds"] = Producer.Kind.choices
        ctx["provinces"] = sorted(
            Province.objects.filter(producers__isnull=False).distinct(),
            key=lambda province: province.sort_key,
        )
        ctx["query_without_page"] = query_without(self.request, "page")
        return ctx


class ProducerDetailView(DetailView):
    """A producer and all of its products, `paginate_by` to a page in listing order
    (`paginate`, as the producer list)."""

    template_name = "catalogue/producer_detail.html"
    context_object_name = "producer"
    paginate_by = 24

    def get_queryset(self):
        return Producer.objects.select_related("province", "ward").prefetch_related("photos")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        products = product_cards(Product.objects.browsable().filter(producer=self.object))
        paginator, page = paginate(self.request, products, self.paginate_by)
        ctx.update(paginator=paginator, page_obj=page, is_paginated=page.has_other_pages())
        ctx["products"] = page.object_list
        ctx["stories"] = stories_of(self.object)
        ctx["fair_booth"] = next_appearance(self.object.pk)
        return ctx
