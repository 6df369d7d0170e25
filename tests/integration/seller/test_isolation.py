"""Producer A against producer B, over every seller-centre URL in the URL map (issue 10).

Every route under `ban-hang/kenh/` with an id is requested by A with B's object of that
kind, by GET and by POST: each answer is 404 (or 405 for a POST-only route's GET), and
nothing of B's changes. Every route without an id is opened by A and must not show B's
products, options, certificates, parcels or lines — including those of an order that
holds goods of both. A new route with a parameter the test does not know fails it.
The staff areas (Oscar's dashboard, /cms/, /django-admin/) refusing producers on every
route are in tests/integration/hardening/test_permission_matrix.py.
"""

from decimal import Decimal

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from catalogue.models import Certificate, Product, ProductImage
from fairs import applications as fairs
from fairs.models import BoothApplication
from storefront.order import services
from storefront.order.models import Parcel
from storefront.seller import operations
from storefront.seller.models import AuditEntry
from tests.factories import CertificateFactory, ProductFactory
from tests.integration.checkout.conftest import basket_with, buyer
from tests.integration.fairs.conftest import index_page, make_fair
from tests.integration.seller.conftest import jpeg, pdf, seller_user

pytestmark = pytest.mark.django_db

# Which of B's objects fills the id of a route, by the route's text before the id.
KINDS = {
    "ban-hang/kenh/san-pham/<int:pk>/": "product",
    "ban-hang/kenh/phan-loai/<int:pk>/": "option",
    "ban-hang/kenh/anh/<int:pk>/": "image",
    "ban-hang/kenh/chung-nhan/<int:pk>/": "certificate",
    "ban-hang/kenh/don-hang/<int:pk>/": "parcel",
    "ban-hang/kenh/hoi-cho/don/<int:pk>/": "fair_application",  # issue 12
}


def seller_routes():
    def walk(patterns, text):
        for p in patterns:
            if isinstance(p, URLResolver):
                yield from walk(p.url_patterns, text + str(p.pattern))
            elif isinstance(p, URLPattern):
                yield text + str(p.pattern)

    return [r for r in walk(get_resolver().url_patterns, "") if r.startswith("ban-hang/kenh/")]


@pytest.fixture
def b_world(producer_a, producer_b):
    """B's things, with names that must never appear on A's pages, and an order that holds
    goods of both."""
    b_product = ProductFactory(producer=producer_b, title="Nước mắm BÍ-MẬT-B")
    boxed = ProductFactory(producer=producer_b, title="Mắm tôm BÍ-MẬT-B")
    b_option = operations.add_option(boxed, None, "Hũ BÍ-MẬT-B", Decimal("90000"), 4)
    b_image = ProductImage.objects.create(product=b_product, original=jpeg(), display_order=0)
    b_certificate = CertificateFactory(product=b_product, decision_number="777/BÍ-MẬT-B")
    a_product = ProductFactory(producer=producer_a, title="Mật ong của A")
    order = services.place_order(basket_with((a_product, 1), (b_product, 1)), buyer(), "cod")
    services.confirm(order)
    # Both parcels delivered, so A's statement and sales pages hold the shared order.
    for parcel in Parcel.objects.filter(order=order):
        services.ship_parcel(parcel, "T1", "GHN")
        services.deliver_parcel(parcel)
    # A booth application of B's (issue 12): its note and products are B's alone.
    fair = make_fair(index_page(), "Hội chợ OCOP mùa xuân")
    b_application = fairs.apply(
        fair,
        producer_b,
        zone=fair.zones.first(),
        products=[b_product],
        note="Ghi chú BÍ-MẬT-B",
        document=pdf(),
    )
    return {
        "fair_application": b_application,
        "product": b_product,
        "option": b_option,
        "image": b_image,
        "certificate": b_certificate,
        "parcel": Parcel.objects.get(order=order, producer=producer_b),
        "a_parcel": Parcel.objects.get(order=order, producer=producer_a),
    }


def snapshot(w):
    record = w["product"].stockrecords.get()
    return (
        list(
            Product.objects.filter(producer=w["product"].producer).values_list(
                "pk", "title", "listing_state"
            )
        ),
        (record.price, record.num_in_stock),
        list(w["option"].parent.children.values_list("pk", "title")),
        list(ProductImage.objects.filter(product=w["product"]).values_list("pk", "display_order")),
        list(
            Certificate.objects.filter(pk=w["certificate"].pk).values_list(
                "review_state", "decision_number"
            )
        ),
        list(Parcel.objects.filter(pk=w["parcel"].pk).values_list("status", "tracking_code")),
        list(
            BoothApplication.objects.filter(pk=w["fair_application"].pk).values_list(
                "state", "booth", "note"
            )
        ),
    )


def test_every_seller_route_is_known():
    unknown = [r for r in seller_routes() if "<" in r and not any(r.startswith(k) for k in KINDS)]
    assert unknown == [], "a seller route with an id: add the kind of object it takes to KINDS"


def test_producer_a_gets_404_for_every_object_of_producer_b(
    client, producer_a, producer_b, b_world
):
    client.raise_request_exception = False
    client.force_login(seller_user(producer_a, "a@a.vn"))
    before = snapshot(b_world)
    checked, wrong = 0, []
    for route in seller_routes():
        if "<" not in route:
            continue
        kind = next(v for k, v in KINDS.items() if route.startswith(k))
        path = "/" + route.replace("<int:pk>", str(b_world[kind].pk))
        payloads = {
            "to": "paused",
            "action": "delete",
            "price": "1000",
            "num_in_stock": "0",
            "new-label": "x",
            "new-price": "1000",
            "new-num_in_stock": "1",
            "label": "x",
            "carrier": "GHN",
            "tracking_code": "X",
        }
        for method in ("get", "post"):
            response = getattr(client, method)(path, payloads if method == "post" else None)
            checked += 1
            if response.status_code not in (403, 404) and not (
                method == "get" and response.status_code == 405
            ):
                wrong.append(f"{method.upper()} {path}: {response.status_code}")
        for action in ("confirm", "ship", "deliver", "return", "main", "up", "down"):
            client.post(path, {**payloads, "action": action})
    assert checked >= 2 * len(KINDS)
    assert not wrong, "\n".join(wrong)
    assert snapshot(b_world) == before
    assert not AuditEntry.objects.filter(producer=producer_b).exclude(actor=None).exists()


def test_producer_as_pages_never_show_producer_bs_things(client, producer_a, b_world):
    client.raise_request_exception = False
    client.force_login(seller_user(producer_a, "a@a.vn"))
    pages = ["/" + r for r in seller_routes() if "<" not in r]
    pages += [
        f"/ban-hang/kenh/don-hang/?show={s}" for s in ("to-ship", "shipped", "done", "waiting")
    ]
    pages += [f"/ban-hang/kenh/don-hang/{b_world['a_parcel'].pk}/"]
    assert len(pages) > 10
    for path in pages:
        response = client.get(path)
        assert response.status_code < 500, path
        body = response.content.decode("utf-8", "replace")
        assert "BÍ-MẬT-B" not in body, path
        assert "Nước mắm" not in body, path
    statement = client.get("/ban-hang/kenh/sao-ke/").content.decode()
    assert str(b_world["a_parcel"].order.number) in statement  # the shared order is there
