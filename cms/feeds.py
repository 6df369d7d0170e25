"""RSS 2.0 and Atom feeds of a news index (Django's syndication framework)."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

FEED_ITEMS = 20


class NewsRssFeed(Feed):
    feed_type = Rss201rev2Feed

    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return f"{settings.OSCAR_SHOP_NAME}: {self.index_page.title}"

    # Absolute links from the request: Django would otherwise prefix the django.contrib.sites
    # domain ("example.com" unless edited).
    def link(self):
        return self.request.build_absolute_uri(self.index_page.get_url(self.request))

    def description(self):
        return self.title()

    def feed_url(self):
        return self.request.build_absolute_uri()

    def items(self):
        return self.index_page.articles()[:FEED_ITEMS]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.lead

    def item_link(self, item):
        return self.request.build_absolute_uri(item.get_url(self.request))

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_author_name(self, item):
        return item.author

    def item_categories(self, item):
        return [item.get_category_display()]


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed
    subtitle = NewsRssFeed.description
