"""Consumer pages of the catalogue.

Every listing goes through `BrowseView`, whose queryset prefetches what a product card
shows; tests/integration/test_query_counts.py pins the number of queries per page.
"""

from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView

from catalogue.models import Category, Producer, Product, ProductCategory, ProductImage
from storefront.places.models import Province

STAR_LEVELS = (5, 4, 3)


def product_cards(queryset):
    """Products with what a card shows, in a fixed number of queries."""
    return (
        queryset.select_related("producer__province", "product_class")
        .prefetch_related(
            Prefetch("images", queryset=ProductImage.objects.order_by("display_order", "id")),
            "stockrecords",
        )
        .order_by("-priority", "-date_created", "-id")
    )


def valid_ocop(queryset, stars=None):
    """Products whose current certificate is an OCOP one (3★+) and still valid today."""
    q = Q(certified_stars__gte=3, certified_until__gt=timezone.localdate())
    if stars:
        q &= Q(certified_stars=stars)
    return queryset.filter(q)


class BrowseView(ListView):
    """All public products, narrowed by URL and query-string filters."""

    template_name = "catalogue/browse.html"
    context_object_name = "products"
    paginate_by = 24

    def get_paginate_by(self, queryset):
        from django.conf import settings

        return settings.OSCAR_PRODUCTS_PER_PAGE

    def paginate_queryset(self, queryset, page_size):
        # An out-of-range or junk page number shows the last / first page, never a 404/500.
        page = self.request.GET.get("page") or 1
        paginator = self.get_paginator(queryset, page_size)
        page_obj = paginator.get_page(page)
        return paginator, page_obj, page_obj.object_list, page_obj.has_other_pages()

    def base_queryset(self):
        return Product.objects.browsable()

    def get_filters(self):
        """Filters from the query string; unknown values are ignored, not errors."""
        params = self.request.GET
        filters = {}
        stars = params.get("stars", "")
        if stars.isdigit() and int(stars) in STAR_LEVELS:
            filters["stars"] = int(stars)
        if params.get("province"):
            filters["province"] = params["province"][:64]
        if params.get("kind") in Producer.Kind.values:
            filters["kind"] = params["kind"]
        return filters

    def get_queryset(self):
        qs = self.base_queryset()
        self.filters = self.get_filters()
        if "stars" in self.filters:
            qs = valid_ocop(qs, self.filters["stars"])
        if "province" in self.filters:
            qs = qs.filter(producer__province__slug=self.filters["province"])
        if "kind" in self.filters:
            qs = qs.filter(producer__kind=self.filters["kind"])
        return product_cards(qs)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["groups"] = category_tree()
        ctx["provinces"] = Province.objects.filter(producers__isnull=False).distinct()
        ctx["star_levels"] = STAR_LEVELS
        ctx["kinds"] = Producer.Kind.choices
        ctx["filters"] = self.filters
        ctx["query_without_page"] = query_without(self.request, "page")
        ctx.setdefault("heading", _("All OCOP products"))
        return ctx


class CatalogueView(BrowseView):
    pass


class ProductCategoryView(BrowseView):
    """A group, sub-group or category of the Decision 148 tree, with its descendants."""

    def get(self, request, *args, **kwargs):
        self.category = get_object_or_404(Category, pk=kwargs["pk"], is_public=True)
        return super().get(request, *args, **kwargs)

    def base_queryset(self):
        # EXISTS rather than a join + DISTINCT: the database can then walk the listing
        # index and stop after one page.
        in_tree = ProductCategory.objects.filter(
            product=OuterRef("pk"), category__path__startswith=self.category.path
        )
        return Product.objects.browsable().filter(Exists(in_tree))

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(heading=self.category.display_name, **kwargs)
        ctx["category"] = self.category
        ctx["ancestors"] = category_trail(self.category)[:-1]
        return ctx


class ProvinceView(BrowseView):
    def get(self, request, *args, **kwargs):
        self.province = get_object_or_404(Province, slug=kwargs["slug"])
        return super().get(request, *args, **kwargs)

    def base_queryset(self):
        return Product.objects.browsable().filter(producer__province=self.province)

    def get_context_data(self, **kwargs):
        heading = _("OCOP products of %(province)s") % {"province": self.province.display_name}
        ctx = super().get_context_data(heading=heading, **kwargs)
        ctx["province"] = self.province
        return ctx


class StarsView(BrowseView):
    def get(self, request, *args, **kwargs):
        if kwargs["stars"] not in STAR_LEVELS:
            raise Http404
        return super().get(request, *args, **kwargs)

    def base_queryset(self):
        return valid_ocop(Product.objects.browsable(), self.kwargs["stars"])

    def get_context_data(self, **kwargs):
        heading = _("%(stars)s-star OCOP products") % {"stars": self.kwargs["stars"]}
        return super().get_context_data(heading=heading, **kwargs)


class ProductDetailView(DetailView):
    template_name = "catalogue/detail.html"
    context_object_name = "product"
    other_products_count = 8

    def get_object(self, queryset=None):
        qs = Product.objects.browsable().select_related(
            "producer__province", "producer__ward", "product_class"
        )
        product = get_object_or_404(qs, pk=self.kwargs["pk"])
        return product

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        # An old or mistyped slug still finds the product; send the buyer to the real URL.
        if self.kwargs.get("product_slug") != self.object.slug:
            from django.shortcuts import redirect

            return redirect(self.object.get_absolute_url(), permanent=True)
        return self.render_to_response(self.get_context_data(object=self.object))

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        product = self.object
        ctx["images"] = list(product.images.order_by("display_order", "id"))
        certificates = list(product.certificates.all())
        ctx["certificate"] = certificates[0] if certificates else None
        ctx["certificate_history"] = certificates[1:]
        ctx["standards"] = list(product.standards.all())
        ctx["categories"] = category_trail(product.categories.first())
        if product.producer_id:
            ctx["other_products"] = product_cards(
                Product.objects.browsable()
                .filter(producer_id=product.producer_id)
                .exclude(pk=product.pk)
            )[: self.other_products_count]
        return ctx


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
        if province:
            qs = qs.filter(province__slug=province[:64])
        return qs.order_by("name")

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size)
        page_obj = paginator.get_page(self.request.GET.get("page") or 1)
        return paginator, page_obj, page_obj.object_list, page_obj.has_other_pages()

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["kinds"] = Producer.Kind.choices
        ctx["provinces"] = Province.objects.filter(producers__isnull=False).distinct()
        ctx["query_without_page"] = query_without(self.request, "page")
        return ctx


class ProducerDetailView(DetailView):
    template_name = "catalogue/producer_detail.html"
    context_object_name = "producer"

    def get_queryset(self):
        return Producer.objects.select_related("province", "ward").prefetch_related("photos")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["products"] = product_cards(
            Product.objects.browsable().filter(producer=self.object)
        )[:48]
        return ctx


def category_tree():
    """Groups with their sub-groups and their URLs, in one query."""
    nodes = list(Category.objects.filter(depth__lte=2, is_public=True).order_by("path"))
    groups = []
    for node in nodes:
        if node.depth == 1:
            node.children_list = []
            node.url = node.get_absolute_url()
            groups.append(node)
        elif groups:
            # Passing the parent's slug spares Oscar a query for the ancestors.
            node.url = node._get_absolute_url(parent_slug=groups[-1].slug)
            groups[-1].children_list.append(node)
    return groups


def category_trail(category):
    """The category and its ancestors, root first, with URLs, in one query."""
    if category is None:
        return []
    step = Category.steplen
    paths = [category.path[: step * i] for i in range(1, category.depth + 1)]
    trail = list(Category.objects.filter(path__in=paths).order_by("depth"))
    slugs = []
    for node in trail:
        parent_slug = "/".join(slugs) if slugs else None
        node.url = node._get_absolute_url(parent_slug=parent_slug)
        slugs.append(node.slug)
    return trail


def query_without(request, *names):
    params = request.GET.copy()
    for name in names:
        params.pop(name, None)
    return params.urlencode()
