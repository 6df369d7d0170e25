"""Anonymous pages from the cache, cookie-free, and invalidated exactly (issue 13)."""

import datetime
import re
from decimal import Decimal
from unittest import mock

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from oscar.apps.partner.models import StockRecord

from catalogue.models import Product
from fairs import applications
from storefront import pagecache
from storefront.order import stock
from tests.factories import CertificateFactory, ProducerFactory, ProductFactory
from tests.integration.fairs.conftest import make_fair

pytestmark = pytest.mark.django_db
VIETNAM = datetime.timezone(datetime.timedelta(hours=7))


@pytest.fixture
def product():
    producer = ProducerFactory(name="HTX Nấm rơm Xuân Lộc")
    return CertificateFactory(
        product__title="Nấm rơm sạch Đồng Nai", product__producer=producer, stars=4
    ).product


def fetch(client, url, **headers):
    response = client.get(url, headers=headers)
    assert response.status_code == 200, url
    return response


def served(client, url):
    """The page as the next anonymous visitor gets it; asserts it came from the cache when
    nothing changed since the previous request."""
    return fetch(client, url).content.decode()


def add_to_basket(client, product):
    url = f"/shop/basket/add/{product.pk}/"
    return client.post(url, {"quantity": 1}, headers={"Sec-Fetch-Site": "same-origin"})


def producer_part(product):
    """The producer's part of the product's page (fair booth, stories, other products),
    which the page loads from its own URL (catalogue.views.ProducerMoreView)."""
    return reverse("catalogue:producer-more", kwargs={"slug": product.producer.slug})


def page_urls(product, fair):
    return [
        "/",
        "/shop/catalogue/",
        "/shop/catalogue/?stars=4&sort=price-asc",
        product.categories.first().get_absolute_url(),
        "/shop/catalogue/province/dong-nai/",
        "/shop/catalogue/stars/4/",
        product.get_absolute_url(),
        product.producer.get_absolute_url(),
        producer_part(product),
        "/shop/catalogue/producers/",
        "/shop/search/?q=nam+rom",
        "/shop/search/autocomplete/?q=nam",
        fair.url,
        fair.get_parent().url,
    ]


@pytest.fixture
def fair(product):
    from tests.integration.fairs.conftest import index_page

    return make_fair(index_page(), starts_in=5)


# Who gets a cached page ------------------------------------------------------------------


def test_anonymous_pages_come_from_the_cache_without_cookies_or_queries(product, fair):
    client = Client()
    for url in page_urls(product, fair):
        first = fetch(client, url)
        assert first["X-Page-Cache"] == "miss", url
        assert not first.cookies, (url, list(first.cookies))  # no csrftoken, no session
        with CaptureQueriesContext(connection) as queries:
            second = fetch(client, url)
        assert second["X-Page-Cache"] == "hit", url
        assert len(queries) == 0, (url, [q["sql"] for q in queries])
        assert second.content == first.content
        assert not second.cookies
        assert "public" in second["Cache-Control"] and "Cookie" in second["Vary"]
        assert second["ETag"] == first["ETag"]


def test_a_browser_revalidates_with_the_etag_and_gets_a_304(product):
    client = Client()
    url = product.get_absolute_url()
    etag = fetch(client, url)["ETag"]
    again = client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again["ETag"] == etag and not again.content
    StockRecord.objects.filter(product=product).update(price=Decimal("99000"))
    changed = client.get(url, headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed["ETag"] != etag
    assert "99.000" in changed.content.decode()


def test_campaign_tags_share_the_page_and_other_parameters_do_not(product):
    client = Client()
    fetch(client, "/shop/catalogue/")
    assert fetch(client, "/shop/catalogue/?utm_source=zalo&fbclid=x")["X-Page-Cache"] == "hit"
    assert fetch(client, "/shop/catalogue/?stars=5")["X-Page-Cache"] == "miss"


def test_visitors_with_a_session_or_a_basket_get_their_own_page(product, django_user_model):
    anonymous = Client()
    fetch(anonymous, product.get_absolute_url())
    user = django_user_model.objects.create_user("lan", "lan@example.vn", "pw-12345678")
    signed_in = Client()
    signed_in.force_login(user)
    page = fetch(signed_in, product.get_absolute_url())
    assert "X-Page-Cache" not in page
    assert "Add to wish list" in page.content.decode() or "yêu thích" in page.content.decode()
    assert "private" in page["Cache-Control"]
    # Adding to the basket gives a basket cookie: the header's count is then this visitor's.
    shopper = Client()
    fetch(shopper, product.get_absolute_url())
    add_to_basket(shopper, product)
    assert "oscar_open_basket" in shopper.cookies
    page = fetch(shopper, product.get_absolute_url())
    assert "X-Page-Cache" not in page
    assert "private" in page["Cache-Control"] and "Cookie" in page["Vary"]  # not for a CDN
    assert 'class="cart-count"' in page.content.decode() or ">1<" in page.content.decode()


def test_the_add_to_basket_form_is_the_same_for_everyone_and_needs_this_sites_origin(product):
    client = Client(enforce_csrf_checks=True)
    html = served(client, product.get_absolute_url())
    assert "csrfmiddlewaretoken" not in html
    url = f"/shop/basket/add/{product.pk}/"
    for headers in (
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site"},
        {"Origin": "https://evil.example"},
        {"Origin": "null"},
        {},  # neither header: Django's token check, which a token-less post fails
    ):
        refused = Client(enforce_csrf_checks=True).post(url, {"quantity": 1}, headers=headers)
        assert refused.status_code == 403, headers
        assert "oscar_open_basket" not in refused.cookies
    for headers in ({"Sec-Fetch-Site": "same-origin"}, {"Origin": "http://testserver"}):
        shopper = Client(enforce_csrf_checks=True)
        added = shopper.post(url, {"quantity": 1}, headers=headers)
        assert added.status_code == 302, headers
        assert "oscar_open_basket" in added.cookies


def test_other_forms_keep_their_csrf_token(product, django_user_model):
    user = django_user_model.objects.create_user("lan", "lan@example.vn", "pw-12345678")
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    response = client.post(
        f"/shop/accounts/wishlists/add/{product.pk}/", headers={"Sec-Fetch-Site": "same-origin"}
    )
    assert response.status_code == 403  # the wish list is not a token-less form


def test_a_page_that_uses_the_csp_nonce_or_sets_a_cookie_is_not_stored(product):
    client = Client()
    assert "X-Page-Cache" not in fetch(client, "/shop/accounts/login/")  # not cacheable
    html = fetch(client, "/shop/basket/")
    assert "X-Page-Cache" not in html


def test_turned_off_nothing_is_cached(product, settings):
    settings.PAGE_CACHE_ENABLED = False
    settings.FRAGMENT_CACHE_ENABLED = False
    client = Client()
    fetch(client, "/shop/catalogue/")
    assert "X-Page-Cache" not in fetch(client, "/shop/catalogue/")


# Invalidation: every change shows on the next request --------------------------------------


def warm(client, url):
    fetch(client, url)
    assert fetch(client, url)["X-Page-Cache"] == "hit"


def test_a_price_change_shows_on_the_next_request(product):
    client = Client()
    for url in (product.get_absolute_url(), "/shop/catalogue/"):
        warm(client, url)
    record = product.stockrecords.get()
    record.price = Decimal("87000")
    record.save()
    assert "87.000" in served(client, product.get_absolute_url())
    assert "87.000" in served(client, "/shop/catalogue/")


def test_stock_taken_by_an_order_shows_on_the_next_request(product):
    """Orders take stock with QuerySet.update(), which sends no signal."""
    client = Client()
    url = "/shop/catalogue/"
    warm(client, url)
    assert "Hết hàng" not in served(client, url)
    record = product.stockrecords.get()
    with transaction.atomic():
        stock.allocate({record.pk: record.num_in_stock}, {record.pk: product.title})
    assert "Hết hàng" in served(client, url)


def test_a_paused_listing_leaves_the_cached_pages(product):
    client = Client()
    for url in ("/shop/catalogue/", product.get_absolute_url()):
        warm(client, url)
    product.listing_state = Product.ListingState.PAUSED
    product.save()
    assert product.title not in served(client, "/shop/catalogue/")
    assert client.get(product.get_absolute_url()).status_code == 404


def test_a_new_certificate_shows_at_once(product):
    client = Client()
    url = product.get_absolute_url()
    warm(client, url)
    CertificateFactory(product=product, stars=5, decision_number="9999/QĐ-UBND")
    assert "9999/QĐ-UBND" in served(client, url)


def test_a_certificate_expiring_today_loses_its_badge_on_a_cached_page(product):
    certificate = product.certificates.get()
    last_day = certificate.valid_until - datetime.timedelta(days=1)
    client = Client()
    url = product.get_absolute_url()

    def at(day, hour, minute):
        moment = datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=VIETNAM)
        return mock.patch("django.utils.timezone.now", return_value=moment)

    with at(last_day, 23, 59):
        fetch(client, url)
        html = fetch(client, url)
        assert html["X-Page-Cache"] == "hit" and "★★★★<" in html.content.decode()
    with at(certificate.valid_until, 0, 0):  # nothing written: only the day changed
        html = fetch(client, url).content.decode()
    assert "★★★★<" not in html
    assert certificate.decision_number in html  # the expired certificate is still told


def test_a_published_page_shows_on_the_next_request(product, fair):
    client = Client()
    warm(client, fair.url)
    fair.venue = "Nhà Văn hóa Thanh niên"
    fair.save_revision().publish()
    assert "Nhà Văn hóa Thanh niên" in served(client, fair.url)
    warm(client, "/")
    fair.unpublish()
    assert client.get(fair.url).status_code == 404


def test_an_approved_booth_shows_on_the_cached_fair_and_product_pages(
    product, fair, django_user_model
):
    client = Client()
    for url in (fair.url, producer_part(product)):
        warm(client, url)
    staff = django_user_model.objects.create_user("staff", "s@so.vn", "pw-12345678", is_staff=True)
    application = applications.apply(
        fair, product.producer, zone=fair.zones.get(code="A"), products=[product]
    )
    applications.approve(application, staff)
    assert "Gian A01" in served(client, fair.url)
    assert "A01" in served(client, producer_part(product))


def test_signing_in_and_shopping_do_not_empty_the_cache(product, fair, django_user_model):
    client = Client()
    warm(client, fair.url)
    user = django_user_model.objects.create_user("lan", "lan@example.vn", "pw-12345678")
    shopper = Client()
    shopper.force_login(user)  # last_login, a session
    add_to_basket(shopper, product)
    assert shopper.get("/shop/basket/").context["basket"].num_items == 1
    assert fetch(client, fair.url)["X-Page-Cache"] == "hit"


def test_reading_pages_writes_nothing_that_empties_the_cache(product, fair):
    client = Client()
    urls = page_urls(product, fair)
    for url in urls:
        fetch(client, url)
    version = pagecache.current_version()
    for url in urls:
        assert fetch(client, url)["X-Page-Cache"] == "hit", url
    assert pagecache.current_version() == version


@pytest.mark.real_on_commit
@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_change_keeps_the_cache_and_a_committed_one_bumps_once(reference_data):
    product = ProductFactory(title="Kẹo dừa Bến Tre")
    version = pagecache.current_version()
    with pytest.raises(RuntimeError), transaction.atomic():
        StockRecord.objects.filter(product=product).update(price=Decimal("1000"))
        raise RuntimeError
    assert pagecache.current_version() == version
    bumps = []
    with mock.patch.object(pagecache, "bump_version", side_effect=lambda: bumps.append(1)):
        with transaction.atomic():
            for price in (1000, 2000, 3000):
                StockRecord.objects.filter(product=product).update(price=Decimal(price))
            with pytest.raises(RuntimeError), transaction.atomic():  # a savepoint undone
                Product.objects.filter(pk=product.pk).update(title="x")
                raise RuntimeError
        assert bumps == [1]


def test_the_version_is_shared_between_processes_without_redis(settings, tmp_path):
    """Without Redis every gunicorn worker has its own memory cache; the version is a file."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    settings.PAGE_CACHE_VERSION_FILE = tmp_path / "v"
    first = pagecache.current_version()
    (tmp_path / "v").write_text("written-by-another-process")
    assert pagecache.current_version() == "written-by-another-process" != first


def test_with_redis_the_version_lives_in_redis(settings):
    from django.core.cache import cache

    from storefront import deploy

    settings.CACHES = deploy.cache_settings("redis://127.0.0.1:6379/14")[0]
    if not cache.set("page-cache:probe", 1, 5) and cache.get("page-cache:probe") is None:
        pytest.skip("needs Redis on 127.0.0.1:6379")
    try:
        first = pagecache.current_version()
        assert cache.get(pagecache.VERSION_KEY) == first
        pagecache.bump_version()
        assert pagecache.current_version() not in (None, first)
    finally:
        cache.delete(pagecache.VERSION_KEY)


def test_without_a_readable_version_pages_are_rendered_not_cached(product, settings, tmp_path):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    settings.PAGE_CACHE_VERSION_FILE = tmp_path / "missing-dir-file" / "v"
    (tmp_path / "missing-dir-file").write_text("a file where the folder should be")
    client = Client()
    assert "X-Page-Cache" not in fetch(client, "/shop/catalogue/")  # rendered, 200


# Visitors with their own page: the expensive parts from fragments -------------------------


def test_a_signed_in_visitor_gets_the_product_pages_expensive_parts_from_fragments(
    product, fair, django_user_model
):
    staff = django_user_model.objects.create_user("staff", "s@so.vn", "pw-12345678", is_staff=True)
    for _ in range(3):
        ProductFactory(producer=product.producer)
    application = applications.apply(
        fair, product.producer, zone=fair.zones.get(code="A"), products=[product]
    )
    applications.approve(application, staff)
    user = django_user_model.objects.create_user("lan", "lan@example.vn", "pw-12345678")
    client = Client()
    client.force_login(user)
    for url, saved in ((product.get_absolute_url(), 5), (producer_part(product), 6)):
        with CaptureQueriesContext(connection) as cold:
            first = fetch(client, url).content.decode()
        cold = len(cold)  # now: the next request empties the log
        with CaptureQueriesContext(connection) as warm_:
            second = fetch(client, url).content.decode()
        warm_ = len(warm_)
        assert "X-Page-Cache" not in fetch(client, url)  # their own page, not the shared one

        def without_tokens(html):  # a signed-in page's forms carry a freshly masked token
            return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)

        assert without_tokens(second) == without_tokens(first)
        # The certificate box, the trail, the JSON-LD and the reviews link; the producer's
        # part (fair line, stories, other products and their images and stock): from the
        # cache.
        assert warm_ <= cold - saved, (url, cold, warm_)
    assert "A01" in second
    # And a change shows in the fragments at once.
    record = (
        ProductFactory._meta.model.objects.filter(producer=product.producer)
        .exclude(pk=product.pk)[0]
        .stockrecords.get()
    )
    record.price = Decimal("123000")
    record.save()
    assert "123.000" in fetch(client, url).content.decode()


def test_a_basket_holder_gets_a_product_page_for_three_queries_of_the_product(product):
    """The certificate box, the JSON-LD, the breadcrumbs, the reviews link and the
    producer's part come from fragments: what is left is the product, its photos and its
    stock (and the visitor's basket)."""
    from oscar.apps.catalogue.reviews.models import ProductReview

    other = ProductFactory(producer=product.producer)
    client = Client()
    client.post(f"/shop/basket/add/{other.pk}/", {"quantity": 1})
    url = product.get_absolute_url()
    fetch(client, url)
    with CaptureQueriesContext(connection) as ctx:
        html = fetch(client, url).content.decode()
    tables = {re.search(r'FROM "(\w+)"', q["sql"]).group(1) for q in ctx.captured_queries}
    assert "Nấm rơm sạch Đồng Nai" in html and "HTX Nấm rơm Xuân Lộc" in html
    # The basket's own (its lines, their offers and vouchers) aside.
    catalogue_tables = {t for t in tables if not t.startswith(("basket_", "offer_", "voucher_"))}
    assert catalogue_tables == {
        "catalogue_product",
        "catalogue_productimage",
        "partner_stockrecord",
    }, tables
    # A change in a fragment's data shows at once: an approved review, a new certificate.
    ProductReview.objects.create(
        product=product,
        title="Ngon",
        body="Nấm tươi.",
        score=5,
        name="Lan",
        email="lan@example.vn",
        status=ProductReview.APPROVED,
    )
    assert "1 đánh giá của người mua" in fetch(client, url).content.decode()
    CertificateFactory(product=product, stars=5, decision_number="99/QĐ-UBND")
    assert "99/QĐ-UBND" in fetch(client, url).content.decode()


def test_a_basket_holder_gets_the_home_blocks_from_fragments(product):
    from cms.models import HomePage

    home = HomePage.objects.get(depth=2, locale__language_code="vi")
    home.body = [
        (
            "product_row",
            {"title": "Mới", "rule": "newest", "province": "", "group": "", "count": 8},
        ),
        ("latest_news", {"title": "Tin", "category": "", "count": 3}),
    ]
    home.save_revision().publish()
    shopper = Client()
    add_to_basket(shopper, product)
    fetch(shopper, "/shop/basket/")  # shows the "added" message once
    with CaptureQueriesContext(connection) as cold:
        first = fetch(shopper, "/").content.decode()
    cold = len(cold)
    with CaptureQueriesContext(connection) as warm_:
        second = fetch(shopper, "/").content.decode()
    warm_ = len(warm_)
    assert product.title in first and second == first
    assert warm_ <= cold - 3, (cold, warm_)


def test_a_basket_holder_gets_the_listing_grid_and_filters_from_fragments(product):
    for n in range(6):
        CertificateFactory(product__title=f"Kẹo dừa {n}", stars=3 + n % 3)
    shopper = Client()
    add_to_basket(shopper, product)
    fetch(shopper, "/shop/basket/")
    urls = ("/shop/catalogue/?stars=4", "/shop/search/?q=nam+rom")
    for url in urls:
        first = fetch(shopper, url)
        assert "X-Page-Cache" not in first and "150.000" in first.content.decode()
    # A change the content version does not see (it always does; here on purpose): the
    # cards still show the old price, so they came from the fragment cache.
    with mock.patch.object(pagecache, "bump_version"):
        StockRecord.objects.filter(product=product).update(price=Decimal("45000"))
    for url in urls:
        assert "150.000" in fetch(shopper, url).content.decode(), url
    pagecache.bump_version()
    for url in urls:
        assert "45.000" in fetch(shopper, url).content.decode(), url


@pytest.mark.real_on_commit
@pytest.mark.django_db(transaction=True)
def test_a_write_committed_by_another_connection_shows_on_the_next_request(reference_data):
    """Another gunicorn thread, a Celery worker or a management command: its own database
    connection, its own commit."""
    import threading

    from django.db import connections

    product = CertificateFactory(product__title="Kẹo dừa Bến Tre", stars=4).product
    client = Client()
    warm(client, product.get_absolute_url())

    def elsewhere():
        try:
            with transaction.atomic():
                StockRecord.objects.filter(product=product).update(price=Decimal("61000"))
        finally:
            connections.close_all()

    worker = threading.Thread(target=elsewhere)
    worker.start()
    worker.join()
    assert "61.000" in served(client, product.get_absolute_url())


@pytest.mark.parametrize("q", ["mật ong²", "x" * 5000, "nấm\u0301 rơm"])
def test_odd_queries_are_answered_and_only_short_ones_kept(product, q):
    client = Client()
    first = client.get("/shop/search/", {"q": q})
    second = client.get("/shop/search/", {"q": q})
    assert first.status_code == second.status_code == 200
    assert not first.cookies
    expected = "hit" if len(q) < 500 else None
    assert second.get("X-Page-Cache") == expected


def test_facet_counts_follow_a_write_made_in_another_worker_without_redis(product, settings):
    """Each gunicorn worker has its own memory cache: the facet counts it cached must not
    outlive a write another worker made (they are cached under the shared version)."""
    from search.backends.database import index_version

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    client = Client(headers={"Cookie": "sessionid=x"})  # not the page cache: the facets
    assert "(1)" in client.get("/shop/catalogue/").content.decode()
    before = index_version()
    pagecache.bump_version()  # what another worker's commit does to the shared file
    assert index_version() != before
