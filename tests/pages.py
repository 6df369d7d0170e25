"""Reading our pages in tests."""

import re
from html import unescape

PART = re.compile(r'<div class="producer-more" data-more="([^"]+)" data-except="(\d+)"')


def producer_part(html):
    """(URL, the product it leaves out) of a product page's producer part: the producer's
    fair booth, stories and other products, which the page loads from its own URL as
    site.js does (catalogue.views.ProducerMoreView)."""
    found = PART.search(html)
    assert found, "the product page has no producer part"
    return unescape(found[1]), int(found[2])


def cards(html):
    """The products of a page's cards, in their order (product_card.html)."""
    return [int(pk) for pk in re.findall(r'<article class="card" data-product="(\d+)"', html)]
