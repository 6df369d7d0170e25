"""Wagtail pages: the home page, news and producer stories, programme and policy pages.

Each content type lives in its own module; Django finds the models through this one.
"""

from cms.home import HomePage
from cms.news import NewsCategory, NewsIndexPage, NewsPage, NewsPageTag
from cms.policies import PolicyAnnouncement, PolicyPage, ProgrammePage
from cms.site_settings import Storefront
from cms.stories import ProducerStoryPage

__all__ = [
    "HomePage",
    "NewsCategory",
    "NewsIndexPage",
    "NewsPage",
    "NewsPageTag",
    "PolicyAnnouncement",
    "PolicyPage",
    "ProducerStoryPage",
    "ProgrammePage",
    "Storefront",
]
