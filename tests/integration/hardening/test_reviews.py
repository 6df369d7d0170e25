"""Issue 9, item 11: only signed-in buyers who received a product can review it; reviews
wait for moderation before they show, and each account writes only a few a day."""

import pytest
from django.contrib.auth import get_user_model
from oscar.core.loading import get_model

from storefront.order import services, statuses
from tests.factories import CertificateFactory
from tests.integration.checkout.conftest import basket_with, buyer

pytestmark = pytest.mark.django_db

ProductReview = get_model("reviews", "ProductReview")
REVIEW = {"title": "Nấm rất tươi", "score": 5, "body": "Giao nhanh, nấm thơm, sẽ mua lại."}


def product():
    return CertificateFactory(stars=4).product


def reviews_url(p):
    return f"/shop/catalogue/{p.slug}_{p.pk}/reviews/"


def order_for(user, *products, delivered=True):
    order = services.place_order(
        basket_with(*[(p, 1) for p in products], owner=user), buyer(), "cod", user=user
    )
    if order.status == statuses.AWAITING_CONFIRMATION:
        assert services.confirm(order, actor=statuses.STAFF)
    for parcel in order.parcels.all():
        services.ship_parcel(parcel)
        if delivered:
            services.deliver_parcel(parcel)
    return order


@pytest.fixture
def lan(client):
    user = get_user_model().objects.create_user("lan", "lan@example.vn", "mat-khau-dai-123")
    client.force_login(user)
    return user


def test_anonymous_visitors_cannot_review(client):
    p = product()
    response = client.post(
        reviews_url(p) + "add/", {**REVIEW, "name": "Khách", "email": "khach@example.vn"}
    )
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert "chỉ người mua đã nhận hàng" in page.content.decode()
    assert client.get(reviews_url(p) + "add/").status_code == 302
    assert not ProductReview.objects.exists()


def test_a_signed_in_non_buyer_cannot_review(client, lan):
    p = product()
    assert client.post(reviews_url(p) + "add/", REVIEW).status_code == 302
    assert not ProductReview.objects.exists()


def test_a_buyer_whose_parcel_is_not_delivered_cannot_review(client, lan):
    p = product()
    order_for(lan, p, delivered=False)
    assert client.post(reviews_url(p) + "add/", REVIEW).status_code == 302
    assert not ProductReview.objects.exists()


def test_a_buyer_who_received_it_reviews_and_it_waits_for_moderation(client, lan):
    p = product()
    assert "viết đánh giá" not in client.get(p.get_absolute_url()).content.decode()
    order_for(lan, p)
    page = client.get(p.get_absolute_url()).content.decode()
    assert f'href="{reviews_url(p)}add/">Bạn đã nhận sản phẩm này: viết đánh giá' in page
    form = client.get(reviews_url(p) + "add/")
    assert form.status_code == 200
    assert 'class="site-header"' in form.content.decode()  # in the site's theme
    response = client.post(reviews_url(p) + "add/", REVIEW)
    assert response.status_code == 302
    review = ProductReview.objects.get()
    assert review.user == lan and review.status == ProductReview.FOR_MODERATION
    assert "Nấm rất tươi" not in client.get(reviews_url(p)).content.decode()

    review.status = ProductReview.APPROVED  # staff approve it in the dashboard
    review.save()
    listing = client.get(reviews_url(p))
    assert listing.status_code == 200
    assert "Nấm rất tươi" in listing.content.decode()
    page = client.get(p.get_absolute_url()).content.decode()
    assert "1 đánh giá của người mua" in page
    assert "viết đánh giá" not in page  # one review per product


def test_one_review_per_product_and_a_few_a_day(client, lan, settings):
    settings.OCOP_REVIEWS_PER_DAY = 2
    products = [product() for _ in range(3)]
    order_for(lan, *products)
    first = reviews_url(products[0]) + "add/"
    assert client.post(first, REVIEW).status_code == 302
    assert client.post(first, REVIEW).status_code == 302  # refused: already reviewed
    assert client.post(reviews_url(products[1]) + "add/", REVIEW).status_code == 302
    assert client.post(reviews_url(products[2]) + "add/", REVIEW).status_code == 302
    assert ProductReview.objects.filter(user=lan).count() == 2
