"""Producer stories: articles about one producer, shown on its page and its products'."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from cms.news import NewsCategory, NewsPage
from cms.visibility import public_q


class ProducerStoryPage(NewsPage):
    producer = models.ForeignKey(
        "catalogue.Producer",
        verbose_name=_("producer"),
        on_delete=models.PROTECT,
        related_name="stories",
    )

    content_panels = (
        NewsPage.content_panels[:1] + [FieldPanel("producer")] + (NewsPage.content_panels[1:])
    )
    parent_page_types = ["cms.NewsIndexPage"]
    subpage_types = []
    template = "cms/news_page.html"

    class Meta:
        verbose_name = _("producer story")
        verbose_name_plural = _("producer stories")

    def save(self, *args, **kwargs):
        self.category = NewsCategory.PRODUCER_STORY
        super().save(*args, **kwargs)


def stories_of(producer, limit=3):
    """Live stories about a producer, newest first (for the producer and product pages):
    one query, the view restrictions a condition of it."""
    return list(
        ProducerStoryPage.objects.live()
        .filter(public_q(), producer=producer, locale__language_code=get_language())
        .select_related("lead_image")
        .order_by("-date")[:limit]
    )
