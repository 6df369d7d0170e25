"""The home page: blocks staff arrange (cms/blocks.py), resolved here in a fixed number of
queries for a given arrangement, whatever the size of the catalogue."""

from django.db.models import Exists, OuterRef
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from cms.blocks import HomeBlocks, ProductRowBlock
from cms.seo import SeoMixin
from cms.slugs import AsciiSlugMixin


class HomePage(AsciiSlugMixin, SeoMixin, Page):
    body = StreamField(HomeBlocks(), verbose_name=_("content"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("body")]
    subpage_types = [
        "cms.NewsIndexPage",
        "cms.ProgrammePage",
        "cms.PolicyPage",
        "fairs.FairIndexPage",
    ]
    og_type = "website"

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = self.sections()
        if not context["sections"]:
            context.update(self.fallback())
        return context

    def sections(self):
        """(block, data) for each block, with products, news and fairs fetched."""
        from catalogue.listing import in_stock_first, product_cards, valid_ocop
        from catalogue.models import Product, ProductCategory
        from cms.news import NewsPage
        from fairs.models import upcoming_fairs
        from storefront.pagecache import deferred
        from storefront.themes import current_province

        featured_ids = [
            product.pk
            for block in self.body
            if block.block_type == "featured_products"
            for product in block.value["products"]
            if product is not None
        ]
        featured = deferred(
            lambda: {
                p.pk: p
                for p in product_cards(Product.objects.browsable().filter(pk__in=featured_ids))
            }
        )
        province = current_province.get()

        def featured_products(value):
            found = featured()
            return in_stock_first([found[p.pk] for p in value["products"] if p and p.pk in found])

        def product_row(value):
            products = product_cards(Product.objects.browsable())
            rule = value["rule"]
            if rule == ProductRowBlock.Rule.NEWEST_FIVE_STAR:
                products = valid_ocop(products, stars=5)
            elif rule == ProductRowBlock.Rule.PROVINCE:
                products = products.filter(producer__province_id=value["province"])
            elif rule == ProductRowBlock.Rule.GROUP:
                # EXISTS, not a join and DISTINCT: the newest few come straight off the
                # date index (34 ms -> 0.2 ms on PostgreSQL at 100,000 products).
                in_group = ProductCategory.objects.filter(
                    product=OuterRef("pk"),
                    category__path__startswith=_group_path(value["group"]),
                )
                products = products.filter(Exists(in_group))
            return in_stock_first(products.order_by("-date_created", "-id")[: value["count"]])

        def latest_news(value):
            news = (
                NewsPage.objects.live()
                .public()
                .filter(locale__language_code=get_language())
                .select_related("lead_image")
            )
            if value["category"]:
                news = news.filter(category=value["category"])
            return list(news.order_by("-date", "-pk")[: value["count"]])

        def fairs(value):
            # A provincial storefront's home lists its province's fairs.
            return upcoming_fairs(value["count"], province=province)

        data_for = {
            "featured_products": featured_products,
            "product_row": product_row,
            "latest_news": latest_news,
            "upcoming_fairs": fairs,
        }
        # Each block's data is fetched when the block is rendered: a block served from
        # the fragment cache (cms/home_page.html) costs no query.
        sections = []
        for block in self.body:
            compute = data_for.get(block.block_type)
            data = deferred(lambda c=compute, v=block.value: c(v)) if compute else None
            sections.append((block, data))
        return sections

    def fallback(self):
        """Before staff arrange the page: product groups, top 5★ and newest products."""
        from catalogue.listing import category_tree, product_cards, valid_ocop
        from catalogue.models import Product

        return {
            "groups": category_tree(),
            "top_products": product_cards(valid_ocop(Product.objects.browsable(), stars=5))[:8],
            "new_products": product_cards(Product.objects.browsable())[:8],
        }

    def json_ld(self, request):
        from django.conf import settings
        from django.templatetags.static import static

        root = request.build_absolute_uri("/")
        return {
            "@context": "https://schema.org",
            "@type": "Organization",
            "name": settings.OSCAR_SHOP_NAME,
            "url": root,
            "logo": request.build_absolute_uri(static("img/logo.svg")),
            "contactPoint": {
                "@type": "ContactPoint",
                "contactType": "customer service",
                "telephone": settings.OCOP_OPERATOR["phone"],
                "email": settings.OCOP_OPERATOR["email"],
                "areaServed": "VN",
                "availableLanguage": ["vi", "en"],
            },
        }


def _group_path(code):
    from catalogue.models import Category

    return Category.objects.filter(code=code, depth=1).values_list("path", flat=True).first() or (
        "-"
    )
