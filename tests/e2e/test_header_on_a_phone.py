"""Issue 11: on a 390 px phone every link of the header's menu is on screen, whole: the row
was cut off mid-word with no sign that it scrolled."""

import pytest

from tests.factories import ProductFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_every_menu_link_is_on_screen(live_server, phone):
    ProductFactory()
    phone.goto(f"{live_server.url}/shop/catalogue/")
    links = phone.locator(".main-nav a")
    assert links.count() >= 5
    for i in range(links.count()):
        box = links.nth(i).bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390, (
            links.nth(i).inner_text(),
            box,
        )
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
