"""StreamField blocks promotion staff arrange on the home page.

Blocks that list things (product rows, news, fairs) store a rule, not a list: the home page
stays current without an editor. Their querysets are fetched in HomePage.get_context with
a fixed number of queries, whatever the blocks (pinned by a test).
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from cms.choosers import ProductChooserBlock


def _province_choices():
    from storefront.places.loader import PROVINCES_BY_CODE

    return sorted(((str(c), p["name"]) for c, p in PROVINCES_BY_CODE.items()), key=lambda x: x[1])


def _group_choices():
    from catalogue.taxonomy import TREE

    return [(code, f"{code}. {name}") for code, name, *_rest in TREE]


def _news_categories():
    from cms.news import NewsCategory

    return NewsCategory.choices


class HeroBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=120)
    text = blocks.TextBlock(label=_("text"), required=False, max_length=400)
    image = ImageChooserBlock(label=_("image"), required=False)
    button_text = blocks.CharBlock(label=_("button text"), required=False, max_length=40)
    button_link = blocks.CharBlock(
        label=_("button link"), required=False, max_length=255, help_text=_("e.g. /shop/catalogue/")
    )

    class Meta:
        icon = "image"
        label = _("Hero")
        template = "cms/blocks/hero.html"


class FeaturedProductsBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=80)
    products = blocks.ListBlock(ProductChooserBlock(), label=_("products"), min_num=1, max_num=12)

    class Meta:
        icon = "pick"
        label = _("Featured products")
        template = "cms/blocks/product_row.html"


class ProductRowBlock(blocks.StructBlock):
    class Rule:
        NEWEST_FIVE_STAR = "newest-5"
        PROVINCE = "province"
        GROUP = "group"
        NEWEST = "newest"

    title = blocks.CharBlock(label=_("title"), max_length=80)
    rule = blocks.ChoiceBlock(
        label=_("which products"),
        choices=[
            (Rule.NEWEST_FIVE_STAR, _("Newest 5★ products")),
            (Rule.NEWEST, _("Newest products")),
            (Rule.PROVINCE, _("Products of one province")),
            (Rule.GROUP, _("Products of one group")),
        ],
    )
    province = blocks.ChoiceBlock(label=_("province"), required=False, choices=_province_choices)
    group = blocks.ChoiceBlock(label=_("group"), required=False, choices=_group_choices)
    count = blocks.IntegerBlock(label=_("how many"), default=8, min_value=2, max_value=24)

    class Meta:
        icon = "list-ul"
        label = _("Product row by rule")
        template = "cms/blocks/product_row.html"

    def clean(self, value):
        value = super().clean(value)
        needs = {self.Rule.PROVINCE: "province", self.Rule.GROUP: "group"}.get(value["rule"])
        if needs and not value.get(needs):
            raise StructBlockValidationError(
                {needs: ValidationError(_("Choose which one for this rule."))}
            )
        return value


class LatestNewsBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=80)
    category = blocks.ChoiceBlock(label=_("category"), required=False, choices=_news_categories)
    count = blocks.IntegerBlock(label=_("how many"), default=4, min_value=1, max_value=12)

    class Meta:
        icon = "doc-full"
        label = _("Latest news")
        template = "cms/blocks/latest_news.html"


class UpcomingFairsBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=80)
    count = blocks.IntegerBlock(label=_("how many"), default=3, min_value=1, max_value=12)

    class Meta:
        icon = "date"
        label = _("Upcoming trade fairs")
        template = "cms/blocks/upcoming_fairs.html"


class ProducerSpotlightBlock(blocks.StructBlock):
    producer = SnippetChooserBlock("catalogue.Producer", label=_("producer"))
    text = blocks.TextBlock(label=_("why we chose them"), max_length=500)
    image = ImageChooserBlock(label=_("photo"), required=False)

    class Meta:
        icon = "group"
        label = _("Producer spotlight")
        template = "cms/blocks/producer_spotlight.html"


class HomeBlocks(blocks.StreamBlock):
    hero = HeroBlock()
    featured_products = FeaturedProductsBlock()
    product_row = ProductRowBlock()
    latest_news = LatestNewsBlock()
    upcoming_fairs = UpcomingFairsBlock()
    producer_spotlight = ProducerSpotlightBlock()
    text = blocks.RichTextBlock(
        label=_("text"), features=["h2", "h3", "bold", "italic", "link", "ol", "ul"]
    )


class ArticleBlocks(blocks.StreamBlock):
    """The body of news, programme and policy pages."""

    paragraph = blocks.RichTextBlock(
        label=_("text"),
        features=["h2", "h3", "bold", "italic", "link", "ol", "ul", "blockquote"],
    )
    image = blocks.StructBlock(
        [
            ("image", ImageChooserBlock(label=_("image"))),
            ("caption", blocks.CharBlock(label=_("caption"), required=False, max_length=200)),
        ],
        icon="image",
        label=_("Image"),
        template="cms/blocks/figure.html",
    )
    quote = blocks.BlockQuoteBlock(label=_("quote"))
