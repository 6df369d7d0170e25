"""News: an index (paginated, filtered by category or tag, with RSS and Atom feeds) and
articles. Producer stories are articles tied to a producer (see stories.py)."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.blocks import ArticleBlocks
from cms.choosers import ProductChooserBlock
from cms.seo import SeoMixin
from cms.slugs import AsciiSlugMixin

NEWS_PER_PAGE = 10


class NewsCategory(models.TextChoices):
    PROGRAMME = "programme", _("Programme news")
    POLICY = "policy", _("Policy")
    MARKET = "market", _("Market")
    PRODUCER_STORY = "producer-story", _("Producer story")


class NewsIndexPage(AsciiSlugMixin, RoutablePageMixin, SeoMixin, Page):
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["cms.NewsPage", "cms.ProducerStoryPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("news index")

    def articles(self):
        return (
            NewsPage.objects.live()
            .public()
            .descendant_of(self)
            .select_related("lead_image")
            .order_by("-date", "-pk")
        )

    @path("")
    def listing(self, request):
        articles = self.articles()
        category = request.GET.get("category", "")
        if category in NewsCategory.values:
            articles = articles.filter(category=category)
        else:
            category = ""
        tag = request.GET.get("tag", "")[:100]
        if tag:
            articles = articles.filter(tags__name=tag)
        paginator = Paginator(articles, NEWS_PER_PAGE)
        try:
            page = paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            page = paginator.page(1)
        except EmptyPage:
            page = paginator.page(paginator.num_pages)
        return self.render(
            request,
            context_overrides={
                "articles": page,
                "categories": NewsCategory.choices,
                "category": category,
                "tag": tag,
            },
        )

    @path("rss/", name="rss")
    def rss(self, request):
        from cms.feeds import NewsRssFeed

        return NewsRssFeed(self)(request)

    @path("atom/", name="atom")
    def atom(self, request):
        from cms.feeds import NewsAtomFeed

        return NewsAtomFeed(self)(request)


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "cms.NewsPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class NewsPage(AsciiSlugMixin, SeoMixin, Page):
    date = models.DateField(_("date"), default=timezone.localdate)
    author = models.CharField(_("author"), max_length=120)
    category = models.CharField(
        _("category"), max_length=24, choices=NewsCategory.choices, default=NewsCategory.PROGRAMME
    )
    lead = models.TextField(_("lead"), max_length=400, help_text=_("One or two sentences."))
    lead_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("lead image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(ArticleBlocks(), verbose_name=_("body"))
    tags = ClusterTaggableManager(through=NewsPageTag, blank=True, verbose_name=_("tags"))
    related_products = StreamField(
        [("product", ProductChooserBlock())],
        verbose_name=_("related products"),
        blank=True,
        max_num=8,
    )

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("date"), FieldPanel("author"), FieldPanel("category")]),
        FieldPanel("lead"),
        FieldPanel("lead_image"),
        FieldPanel("body"),
        MultiFieldPanel([FieldPanel("tags"), FieldPanel("related_products")], _("Links")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("lead"),
        index.SearchField("body"),
        index.FilterField("category"),
        index.FilterField("date"),
    ]
    parent_page_types = ["cms.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("news article")
        verbose_name_plural = _("news articles")

    def get_context(self, request, *args, **kwargs):
        from catalogue.listing import product_cards
        from catalogue.models import Product

        context = super().get_context(request, *args, **kwargs)
        # The stored ids: reading the blocks' values would fetch the products a first time.
        ids = [item["value"] for item in self.related_products.raw_data if item["value"]]
        cards = {p.pk: p for p in product_cards(Product.objects.browsable().filter(pk__in=ids))}
        context["products"] = [cards[pk] for pk in ids if pk in cards]
        return context

    def seo_description(self):
        return self.search_description or self.lead

    def seo_image(self):
        return self.lead_image

    def json_ld(self, request):
        data = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": self.title[:110],
            "description": self.lead,
            "datePublished": self.date.isoformat(),
            "dateModified": (self.last_published_at or timezone.now()).isoformat(),
            "author": {"@type": "Person", "name": self.author},
            "inLanguage": self.locale.language_code,
            "mainEntityOfPage": self.get_full_url(request),
        }
        image = self.seo_image_url(request)
        if image:
            data["image"] = [image]
        return data
