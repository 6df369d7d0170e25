"""The seller centre as a producer uses it: apply, invite, list products with options and
photos, change price and stock, send for review, ship parcels (issue 10)."""

import datetime
import io
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from oscar.apps.partner.models import StockRecord
from PIL import Image

from catalogue.models import Category, Certificate, Producer, Product, ProductImage
from catalogue.producers import ProducerDocument
from storefront.order import services, statuses
from storefront.order.models import Parcel
from storefront.partner.strategy import Selector
from storefront.seller import operations
from storefront.seller.models import AuditEntry, Invitation, ListingChange
from storefront.seller.operations import ListingText, Refused
from tests.factories import ProductFactory
from tests.integration.checkout.conftest import basket_with, buyer, ward_of
from tests.integration.seller.conftest import jpeg, pdf, seller_user

pytestmark = pytest.mark.django_db
State = Product.ListingState


def leaf(code="I.3.c"):
    return Category.objects.get(code=code)


def listing_data(**overrides):
    data = {
        "title": "Mật ong rừng U Minh",
        "category": leaf().pk,
        "description": "Mật ong hoa tràm, khai thác tự nhiên.",
        "weight_grams": "600",
        "price": "185.000",
        "num_in_stock": "40",
    }
    data.update(overrides)
    return data


# --- The way in -------------------------------------------------------------------------


def application(**overrides):
    data = {
        "name": "HTX Nấm rơm Tân Phú",
        "kind": "cooperative",
        "registration_number": "4701234567",
        "tax_code": "3601234567",
        "province": 75,
        "ward": ward_of(75).pk,
        "street": "Ấp 3, xã Phú Lập",
        "contact_name": "Trần Văn Bình",
        "phone": "0912 345 678",
        "email": "htx@namrom.vn",
        "registration_scan": pdf(),
    }
    data.update(overrides)
    return data


def test_a_guest_is_sent_to_sign_in(client):
    response = client.get("/ban-hang/dang-ky/")
    assert response.status_code == 302 and "/shop/accounts/login/" in response["Location"]
    assert client.get("/ban-hang/").status_code == 200  # the public page


def test_a_cooperative_applies_and_waits_for_verification(
    client, django_user_model, mailoutbox, django_capture_on_commit_callbacks
):
    user = django_user_model.objects.create_user("binh@namrom.vn", "binh@namrom.vn", "x-123456789")
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/ban-hang/dang-ky/", application())
    assert response.status_code == 302, response.content.decode()[:3000]
    producer = Producer.objects.get(name="HTX Nấm rơm Tân Phú")
    assert not producer.verified
    assert list(producer.partner.users.all()) == [user]
    assert producer.documents.get().kind == ProducerDocument.Kind.REGISTRATION
    assert producer.phone == "0912345678" and producer.tax_code == "3601234567"
    assert len(mailoutbox) == 1 and "HTX Nấm rơm Tân Phú" in mailoutbox[0].subject
    home = client.get("/ban-hang/kenh/")
    assert "chờ" in home.content.decode().lower()
    # A second application from the same account goes to the centre instead.
    assert client.get("/ban-hang/dang-ky/")["Location"] == "/ban-hang/kenh/"


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("tax_code", "12345", "mã số thuế"),
        ("phone", "12345", "số điện thoại"),
        ("name", "\u200b \u200b", "bắt buộc"),
        ("name", "x" * 5000, "200"),
        ("ward", "hanoi", "không thuộc"),  # a commune of another province
        ("ward", "1", "Chọn xã/phường"),
    ],
)
def test_a_bad_application_says_what_is_wrong_and_keeps_the_text(
    client, django_user_model, field, value, message
):
    user = django_user_model.objects.create_user("x@y.vn", "x@y.vn", "x-123456789")
    client.force_login(user)
    if value == "hanoi":
        value = ward_of(1).pk
    response = client.post("/ban-hang/dang-ky/", application(**{field: value}))
    assert response.status_code == 200
    assert not Producer.objects.filter(registration_number="4701234567").exists()
    page = response.content.decode()
    assert message.lower() in page.lower(), page[:4000]
    assert "Trần Văn Bình" in page  # nothing typed is lost


def test_an_application_without_papers_or_with_an_executable_is_refused(client, django_user_model):
    user = django_user_model.objects.create_user("x@y.vn", "x@y.vn", "x-123456789")
    client.force_login(user)
    data = application()
    del data["registration_scan"]
    page = client.post("/ban-hang/dang-ky/", data).content.decode()
    assert "giấy đăng ký kinh doanh" in page.lower()
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("giay-phep.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")
    page = client.post("/ban-hang/dang-ky/", application(registration_scan=fake)).content.decode()
    assert "PDF" in page
    assert not Producer.objects.filter(registration_number="4701234567").exists()


def test_an_invitation_adds_a_second_person_once(
    client, producer_a, seller_a, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = seller_a.post(
            "/ban-hang/kenh/thanh-vien/", {"action": "invite", "email": "con@htx.vn"}
        )
    assert response.status_code == 302
    body = mailoutbox[0].body
    link = next(word for word in body.split() if "/ban-hang/loi-moi/" in word)
    path = link[link.index("/ban-hang/") :]
    invitation = Invitation.objects.get()
    assert path.rstrip("/").split("/")[-1] not in invitation.token_hash  # only the hash kept

    other = get_user_model().objects.create_user("con@htx.vn", "con@htx.vn", "x-123456789")
    seller_a.force_login(other)
    assert seller_a.get(path).status_code == 200
    assert seller_a.post(path).status_code == 302
    assert other in producer_a.partner.users.all()
    # Used once: a third person cannot reuse it.
    third = get_user_model().objects.create_user("t@x.vn", "t@x.vn", "x-123456789")
    seller_a.force_login(third)
    assert seller_a.get(path).status_code == 404
    assert seller_a.get("/ban-hang/loi-moi/khong-co/").status_code == 404


# --- Listings -----------------------------------------------------------------------------


def test_a_new_listing_is_a_draft_that_buyers_cannot_see_or_buy(seller_a, producer_a):
    response = seller_a.post("/ban-hang/kenh/san-pham/them/", listing_data())
    assert response.status_code == 302, response.content.decode()[:3000]
    product = Product.objects.get(title="Mật ong rừng U Minh")
    assert product.producer == producer_a and product.listing_state == State.DRAFT
    record = product.stockrecords.get()
    assert record.price == Decimal("185000") and record.num_in_stock == 40
    assert product.weight_grams == 600 and product.categories.get() == leaf()
    assert not Product.objects.for_sale().filter(pk=product.pk).exists()
    assert seller_a.get(product.get_absolute_url()).status_code == 404
    strategy = Selector().strategy()
    assert not strategy.fetch_for_product(product).availability.is_available_to_buy


def test_sending_for_review_needs_a_photo(seller_a, producer_a):
    seller_a.post("/ban-hang/kenh/san-pham/them/", listing_data())
    product = Product.objects.get(title="Mật ong rừng U Minh")
    page = seller_a.post(
        f"/ban-hang/kenh/san-pham/{product.pk}/trang-thai/", {"to": "pending"}, follow=True
    )
    assert "ít nhất một ảnh" in page.content.decode()
    product.refresh_from_db()
    assert product.listing_state == State.DRAFT
    seller_a.post(f"/ban-hang/kenh/san-pham/{product.pk}/anh/", {"photos": [jpeg()]})
    seller_a.post(f"/ban-hang/kenh/san-pham/{product.pk}/trang-thai/", {"to": "pending"})
    product.refresh_from_db()
    assert product.listing_state == State.PENDING
    # The producer cannot make it live itself.
    seller_a.post(f"/ban-hang/kenh/san-pham/{product.pk}/trang-thai/", {"to": "live"})
    product.refresh_from_db()
    assert product.listing_state == State.PENDING
    assert AuditEntry.objects.filter(
        object_id=product.pk, field="listing_state", new="pending"
    ).exists()


def test_a_product_with_two_options_sells_each_at_its_own_price(seller_a, producer_a):
    response = seller_a.post(
        "/ban-hang/kenh/san-pham/them/", listing_data(has_options="on", price="", num_in_stock="")
    )
    product = Product.objects.get(title="Mật ong rừng U Minh")
    assert response["Location"] == f"/ban-hang/kenh/san-pham/{product.pk}/"
    assert product.is_parent
    for label, price, stock in (("Hũ 250 g", "95000", "30"), ("Hũ 500 g", "180.000", "12")):
        r = seller_a.post(
            f"/ban-hang/kenh/san-pham/{product.pk}/phan-loai/them/",
            {"new-label": label, "new-price": price, "new-num_in_stock": stock},
        )
        assert r.status_code == 302, r.content.decode()[:3000]
    small, big = product.children.order_by("pk")
    assert small.get_title() == "Mật ong rừng U Minh – Hũ 250 g"
    assert big.stockrecords.get().price == Decimal("180000")
    # Made live by staff, both options can be bought.
    Product.objects.filter(pk=product.pk).update(listing_state=State.LIVE)
    assert set(Product.objects.for_sale(include_children=True).filter(parent=product)) == {
        small,
        big,
    }
    basket = basket_with((big, 2))
    assert basket.num_items == 2


def test_turning_a_standalone_into_options_keeps_nothing_orphaned(seller_a, producer_a):
    product = ProductFactory(producer=producer_a, stock=Decimal("50000"))
    seller_a.post(
        f"/ban-hang/kenh/san-pham/{product.pk}/phan-loai/them/",
        {"new-label": "Chai 500 ml", "new-price": "50000", "new-num_in_stock": "8"},
    )
    product.refresh_from_db()
    assert product.is_parent and not product.stockrecords.exists()
    assert product.children.get().stockrecords.get().num_in_stock == 8


@pytest.mark.parametrize(
    "price, stock, message",
    [
        ("150.000,5", "3", "đồng"),
        ("abc", "3", "đồng"),
        ("²", "3", "đồng"),
        ("150000", "-1", "âm"),
        ("150000", "²", "số nguyên"),
        ("500", "3", "1.000"),
    ],
)
def test_bad_prices_and_stock_are_refused_in_vietnamese(
    seller_a, producer_a, price, stock, message
):
    product = ProductFactory(producer=producer_a, stock=Decimal("150000"))
    response = seller_a.post(
        f"/ban-hang/kenh/san-pham/{product.pk}/gia-kho/", {"price": price, "num_in_stock": stock}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page, page[:5000]
    assert f'value="{price}"' in page  # what was typed is still there
    assert product.stockrecords.get().price == Decimal("150000")


def test_price_and_stock_of_a_live_listing_change_at_once_and_are_audited(seller_a, producer_a):
    product = ProductFactory(producer=producer_a, stock=Decimal("150000"))
    response = seller_a.post(
        f"/ban-hang/kenh/san-pham/{product.pk}/gia-kho/", {"price": "160.000", "num_in_stock": "7"}
    )
    assert response.status_code == 302
    record = product.stockrecords.get()
    assert (record.price, record.num_in_stock) == (Decimal("160000"), 7)
    entry = AuditEntry.objects.get(object_id=product.pk, field="price")
    assert (entry.old, entry.new, entry.actor.email) == ("150000.00", "160000", "a@htx-tanphu.vn")


def test_stock_cannot_go_below_what_orders_hold(seller_a, producer_a):
    product = ProductFactory(producer=producer_a, stock=Decimal("150000"))
    record = product.stockrecords.get()
    StockRecord.objects.filter(pk=record.pk).update(num_in_stock=10, num_allocated=6)
    response = seller_a.post(
        f"/ban-hang/kenh/san-pham/{product.pk}/gia-kho/", {"price": "150000", "num_in_stock": "5"}
    )
    assert response.status_code == 400
    assert "6" in response.content.decode()
    record.refresh_from_db()
    assert record.num_in_stock == 10


def test_text_changes_to_a_live_listing_wait_for_review(seller_a, producer_a):
    product = ProductFactory(producer=producer_a, title="Mật ong cũ", description="Cũ")
    operations._apply_text(product, ListingText("Mật ong cũ", "Cũ", leaf(), []))
    response = seller_a.post(
        f"/ban-hang/kenh/san-pham/{product.pk}/",
        {"title": "Mật ong mới", "category": leaf().pk, "description": "Mô tả mới"},
    )
    assert response.status_code == 302
    product.refresh_from_db()
    assert product.title == "Mật ong cũ"  # the live version keeps selling
    change = ListingChange.objects.get(product=product)
    assert change.data["title"] == "Mật ong mới"
    page = seller_a.get(f"/ban-hang/kenh/san-pham/{product.pk}/").content.decode()
    assert "Mật ong mới" in page  # the producer sees what it sent
    # Editing again updates the one pending change.
    seller_a.post(
        f"/ban-hang/kenh/san-pham/{product.pk}/",
        {"title": "Mật ong mới hơn", "category": leaf().pk, "description": "Mô tả mới"},
    )
    assert ListingChange.objects.get(product=product).data["title"] == "Mật ong mới hơn"


def test_photos_are_cleaned_of_location_and_turned_upright(seller_a, producer_a):
    product = ProductFactory(producer=producer_a, listing_state=State.DRAFT)
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise to view
    exif[0x8825] = {1: "N", 2: (10.0, 45.0, 0.0)}  # GPS
    response = seller_a.post(
        f"/ban-hang/kenh/san-pham/{product.pk}/anh/", {"photos": [jpeg(size=(64, 48), exif=exif)]}
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    image = product.images.get()
    with image.original.open("rb") as fh, Image.open(fh) as stored:
        assert stored.size == (48, 64)  # upright
        assert not stored.getexif()  # no location, no metadata at all


def test_photos_on_a_live_listing_wait_for_review_and_bad_files_are_refused(seller_a, producer_a):
    product = ProductFactory(producer=producer_a)
    seller_a.post(f"/ban-hang/kenh/san-pham/{product.pk}/anh/", {"photos": [jpeg()]})
    image = product.images.get()
    assert not image.approved
    assert image not in product.get_all_images()
    gif = io.BytesIO()
    Image.new("RGB", (8, 8)).save(gif, "GIF")
    from django.core.files.uploadedfile import SimpleUploadedFile

    bad = [
        SimpleUploadedFile("a.gif", gif.getvalue(), "image/gif"),
        SimpleUploadedFile("b.jpg", b"<svg onload=alert(1)>", "image/jpeg"),
    ]
    response = seller_a.post(f"/ban-hang/kenh/san-pham/{product.pk}/anh/", {"photos": bad})
    assert response.status_code == 400
    page = response.content.decode()
    assert "a.gif" in page and "b.jpg" in page
    assert product.images.count() == 1


def test_photos_reorder_and_a_main_photo(seller_a, producer_a):
    product = ProductFactory(producer=producer_a, listing_state=State.DRAFT)
    seller_a.post(
        f"/ban-hang/kenh/san-pham/{product.pk}/anh/",
        {"photos": [jpeg("1.jpg"), jpeg("2.jpg"), jpeg("3.jpg")]},
    )
    first, second, third = product.images.order_by("display_order")
    seller_a.post(f"/ban-hang/kenh/anh/{third.pk}/", {"action": "main"})
    assert list(product.images.order_by("display_order")) == [third, first, second]
    seller_a.post(f"/ban-hang/kenh/anh/{first.pk}/", {"action": "down"})
    assert list(product.images.order_by("display_order")) == [third, second, first]
    seller_a.post(f"/ban-hang/kenh/anh/{second.pk}/", {"action": "delete"})
    assert list(product.images.order_by("display_order")) == [third, first]


# --- Certificates ----------------------------------------------------------------------------


def test_an_uploaded_certificate_gives_no_badge_until_verified(seller_a, producer_a):
    product = ProductFactory(producer=producer_a)
    response = seller_a.post(
        "/ban-hang/kenh/chung-nhan/them/",
        {
            "product": product.pk,
            "decision_number": "4894/QĐ-UBND",
            "decision_date": "12/11/2024",
            "issuer": "UBND huyện Mỏ Cày Bắc",
            "issuer_level": "former_district",
            "stars": "3",
            "score": "62",
            "scan": pdf("qd.pdf"),
        },
    )
    assert response.status_code == 302, response.content.decode()[:4000]
    certificate = Certificate.objects.get(decision_number="4894/QĐ-UBND")
    assert certificate.review_state == Certificate.ReviewState.PENDING
    product.refresh_from_db()
    assert product.certified_stars is None and not product.ocop_valid


def test_a_certificate_for_another_producers_product_cannot_be_uploaded(seller_a, producer_b):
    other = ProductFactory(producer=producer_b)
    response = seller_a.post(
        "/ban-hang/kenh/chung-nhan/them/",
        {
            "product": other.pk,
            "decision_number": "1/QĐ-UBND",
            "decision_date": "12/11/2024",
            "issuer": "UBND tỉnh",
            "issuer_level": "province",
            "stars": "4",
            "scan": pdf(),
        },
    )
    assert response.status_code == 400
    assert not Certificate.objects.exists()


# --- Parcels --------------------------------------------------------------------------------


def shared_order(product_a, product_b, method="cod"):
    basket = basket_with((product_a, 2), (product_b, 1))
    return services.place_order(basket, buyer(), method)


def test_the_producer_ships_its_parcel_and_the_buyer_sees_the_tracking(
    seller_a, producer_a, producer_b, client
):
    mine, theirs = (
        ProductFactory(producer=producer_a),
        ProductFactory(producer=producer_b, title="Nước mắm 40 độ"),
    )
    order = shared_order(mine, theirs)
    services.confirm(order)
    parcel = Parcel.objects.get(order=order, producer=producer_a)
    page = seller_a.get(f"/ban-hang/kenh/don-hang/{parcel.pk}/").content.decode()
    assert mine.title in page and "Nước mắm 40 độ" not in page
    assert "0912345678" in page.replace(" ", "").replace("+84", "0")
    assert "345.000" in page or "300.000" in page  # the goods of this parcel
    # Shipping needs a carrier and tracking number.
    r = seller_a.post(
        f"/ban-hang/kenh/don-hang/{parcel.pk}/",
        {"action": "ship", "carrier": "", "tracking_code": ""},
    )
    assert r.status_code == 400
    seller_a.post(f"/ban-hang/kenh/don-hang/{parcel.pk}/", {"action": "confirm"})
    seller_a.post(
        f"/ban-hang/kenh/don-hang/{parcel.pk}/",
        {"action": "ship", "carrier": "Viettel Post", "tracking_code": "VTP 123 456"},
    )
    parcel.refresh_from_db()
    assert (parcel.status, parcel.carrier, parcel.tracking_code) == (
        "shipped",
        "Viettel Post",
        "VTP123456",
    )
    order.refresh_from_db()
    assert order.status == statuses.PLACED  # the other producer's parcel is not shipped
    from django.core import signing

    token = signing.dumps(order.number, salt="order-status")
    buyer_page = client.get(f"/shop/checkout/orders/{token}/").content.decode()
    assert "VTP123456" in buyer_page and "Viettel Post" in buyer_page


def test_an_unconfirmed_order_cannot_be_shipped_and_hides_the_buyers_phone(
    seller_a, producer_a, producer_b
):
    order = shared_order(ProductFactory(producer=producer_a), ProductFactory(producer=producer_b))
    parcel = Parcel.objects.get(order=order, producer=producer_a)
    page = seller_a.get(f"/ban-hang/kenh/don-hang/{parcel.pk}/").content.decode()
    assert "0912345678" not in page.replace(" ", "").replace("+84", "0")
    seller_a.post(
        f"/ban-hang/kenh/don-hang/{parcel.pk}/",
        {"action": "ship", "carrier": "GHN", "tracking_code": "X1"},
    )
    parcel.refresh_from_db()
    assert parcel.status == Parcel.Status.PREPARING


def test_delivered_and_returned(seller_a, producer_a, producer_b):
    order = shared_order(ProductFactory(producer=producer_a), ProductFactory(producer=producer_b))
    services.confirm(order)
    mine = Parcel.objects.get(order=order, producer=producer_a)
    url = f"/ban-hang/kenh/don-hang/{mine.pk}/"
    seller_a.post(url, {"action": "ship", "carrier": "GHN", "tracking_code": "GHN1"})
    seller_a.post(url, {"action": "return"})
    mine.refresh_from_db()
    assert mine.status == Parcel.Status.RETURNED and mine.returned_at
    seller_a.post(url, {"action": "deliver"})
    mine.refresh_from_db()
    assert mine.status == Parcel.Status.RETURNED  # a returned parcel is not delivered later


# --- Operations (the rules, without HTTP) -------------------------------------------------


def test_a_producer_cannot_move_its_listing_live(producer_a):
    product = ProductFactory(producer=producer_a, listing_state=State.PENDING)
    with pytest.raises(Refused):
        operations.move(product, None, State.LIVE)


def test_an_option_of_an_option_is_refused(producer_a):
    product = ProductFactory(producer=producer_a)
    option = operations.add_option(product, None, "Hũ nhỏ", Decimal("50000"), 3)
    with pytest.raises(Refused):
        operations.add_option(option, None, "x", Decimal("50000"), 1)


def test_a_second_user_of_the_same_producer_sees_the_same_centre(client, producer_a):
    one = seller_user(producer_a, "one@x.vn")
    two = seller_user(producer_a, "two@x.vn")
    product = ProductFactory(producer=producer_a)
    for user in (one, two):
        client.force_login(user)
        assert client.get(f"/ban-hang/kenh/san-pham/{product.pk}/").status_code == 200


def test_an_image_of_another_producer_is_not_found(seller_a, producer_b):
    other = ProductFactory(producer=producer_b)
    image = ProductImage.objects.create(product=other, original=jpeg(), display_order=0)
    assert seller_a.post(f"/ban-hang/kenh/anh/{image.pk}/", {"action": "delete"}).status_code == 404
    assert ProductImage.objects.filter(pk=image.pk).exists()


# --- Lists: right numbers, and a fixed number of queries ----------------------------------


def test_the_product_list_counts_stock_and_photos_without_multiplying_them(seller_a, producer_a):
    product = ProductFactory(producer=producer_a, title="Mật ong rừng")
    operations.add_option(product, None, "Hũ 250 g", Decimal("95000"), 30)
    operations.add_option(product, None, "Hũ 500 g", Decimal("180000"), 12)
    for i in range(3):
        ProductImage.objects.create(product=product, original=jpeg(f"{i}.jpg"), display_order=i)
    page = seller_a.get("/ban-hang/kenh/san-pham/").content.decode().replace("\xa0", " ")
    assert "còn 42" in page and "3 ảnh" in page
    assert "95.000 ₫ – 180.000 ₫" in page


@pytest.mark.parametrize(
    "path", ["/ban-hang/kenh/san-pham/", "/ban-hang/kenh/don-hang/?show=to-ship", "/ban-hang/kenh/"]
)
def test_seller_lists_cost_the_same_queries_for_1_or_8_rows(
    seller_a, producer_a, django_assert_max_num_queries, path
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def add_rows(n):
        for _ in range(n):
            product = ProductFactory(producer=producer_a)
            order = services.place_order(basket_with((product, 1)), buyer(), "cod")
            services.confirm(order)

    add_rows(1)
    seller_a.get(path)  # the first visit makes the basket and the session: not under test
    with CaptureQueriesContext(connection) as one:
        assert seller_a.get(path).status_code == 200
    add_rows(7)
    seller_a.get(path)  # after a write the host's storefront (theme) is looked up once again
    with CaptureQueriesContext(connection) as eight:
        assert seller_a.get(path).status_code == 200
    assert len(eight) == len(one), "\n".join(q["sql"][:120] for q in eight.captured_queries)


# --- Papers are not public files ------------------------------------------------------------


def test_papers_and_unverified_scans_are_not_served_from_media(
    seller_a, producer_a, producer_b, client, settings
):
    settings.SERVE_MEDIA = True
    product = ProductFactory(producer=producer_a)
    pending = Certificate.objects.create(
        product=product,
        producer=producer_a,
        stars=4,
        decision_number="9/QĐ-UBND",
        decision_date=datetime.date(2025, 9, 1),
        issuer="UBND tỉnh Đồng Nai",
        issuer_level="province",
        scan=pdf("qd-9.pdf"),
    )
    document = ProducerDocument.objects.create(producer=producer_a, kind="registration", file=pdf())
    for field in (pending.scan, document.file):
        assert client.get(f"/media/{field.name}").status_code == 404
    # Only the owner downloads a scan still waiting for review; the public gets a 404.
    assert client.get(f"/ban-hang/chung-nhan/{pending.pk}/ban-quet/").status_code == 404
    own = seller_a.get(f"/ban-hang/kenh/chung-nhan/{pending.pk}/ban-quet/")
    assert own.status_code == 200 and own["Content-Disposition"].startswith("attachment")
    # Once verified, the scan is the shop's public proof, linked from the product page.
    Certificate.objects.filter(pk=pending.pk).update(review_state="verified")
    product.refresh_certification()
    public = client.get(f"/ban-hang/chung-nhan/{pending.pk}/ban-quet/")
    assert public.status_code == 200 and b"".join(public.streaming_content).startswith(b"%PDF")
    page = client.get(product.get_absolute_url()).content.decode()
    assert f"/ban-hang/chung-nhan/{pending.pk}/ban-quet/" in page
    assert pending.scan.name not in page


def test_one_parcel_delivered_one_returned_collects_only_what_was_delivered(producer_a, producer_b):
    order = shared_order(ProductFactory(producer=producer_a), ProductFactory(producer=producer_b))
    services.confirm(order)
    mine = Parcel.objects.get(order=order, producer=producer_a)
    theirs = Parcel.objects.get(order=order, producer=producer_b)
    for parcel in (mine, theirs):
        assert services.ship_parcel(parcel, "X1", "GHN")
    assert services.deliver_parcel(mine)
    order.refresh_from_db()
    assert order.status == statuses.SHIPPED  # B's parcel is still on its way
    assert services.return_parcel(theirs)
    order.refresh_from_db()
    mine.refresh_from_db()
    assert order.status == statuses.DELIVERED and order.paid_at
    assert order.sources.get().amount_debited == mine.subtotal + mine.shipping_charge


# --- Found by the attack trial ---------------------------------------------------------------


def invite(seller_a, email, django_capture_on_commit_callbacks, mailoutbox):
    with django_capture_on_commit_callbacks(execute=True):
        seller_a.post("/ban-hang/kenh/thanh-vien/", {"action": "invite", "email": email})
    body = mailoutbox[-1].body
    link = next(word for word in body.split() if "/ban-hang/loi-moi/" in word)
    return link[link.index("/ban-hang/") :]


def test_an_invitation_works_only_for_the_address_it_was_sent_to(
    seller_a, producer_a, mailoutbox, django_capture_on_commit_callbacks
):
    path = invite(seller_a, "Con@HTX.vn", django_capture_on_commit_callbacks, mailoutbox)
    stranger = get_user_model().objects.create_user("la@x.vn", "la@x.vn", "x-123456789")
    seller_a.force_login(stranger)
    response = seller_a.post(path)
    assert response.status_code == 403 and "con@htx.vn" in response.content.decode().lower()
    assert stranger not in producer_a.partner.users.all()
    invited = get_user_model().objects.create_user("con@htx.vn", "con@htx.vn", "x-123456789")
    seller_a.force_login(invited)
    assert seller_a.post(path).status_code == 302
    assert invited in producer_a.partner.users.all()


def test_only_the_applicant_removes_others_and_nobody_removes_the_applicant(client, producer_a):
    founder = seller_user(producer_a, "founder@x.vn")
    member = seller_user(producer_a, "member@x.vn")
    other = seller_user(producer_a, "other@x.vn")
    client.force_login(member)
    for target in (founder, other):
        client.post("/ban-hang/kenh/thanh-vien/", {"action": "remove", "user": target.pk})
    assert set(producer_a.partner.users.all()) == {founder, member, other}
    client.force_login(founder)
    client.post("/ban-hang/kenh/thanh-vien/", {"action": "remove", "user": other.pk})
    client.post("/ban-hang/kenh/thanh-vien/", {"action": "remove", "user": founder.pk})
    assert set(producer_a.partner.users.all()) == {founder, member}
    client.force_login(member)  # anyone may leave
    client.post("/ban-hang/kenh/thanh-vien/", {"action": "remove", "user": member.pk})
    assert set(producer_a.partner.users.all()) == {founder}


def test_a_cancelled_invitation_no_longer_works(
    seller_a, producer_a, mailoutbox, django_capture_on_commit_callbacks
):
    path = invite(seller_a, "con@htx.vn", django_capture_on_commit_callbacks, mailoutbox)
    invitation = Invitation.objects.get()
    seller_a.post("/ban-hang/kenh/thanh-vien/", {"action": "cancel", "invitation": invitation.pk})
    invited = get_user_model().objects.create_user("con@htx.vn", "con@htx.vn", "x-123456789")
    seller_a.force_login(invited)
    assert seller_a.get(path).status_code == 404


def test_a_registration_number_already_selling_is_refused(client, django_user_model, producer_a):
    Producer.objects.filter(pk=producer_a.pk).update(registration_number="4701234567")
    user = django_user_model.objects.create_user("x@y.vn", "x@y.vn", "x-123456789")
    client.force_login(user)
    page = client.post("/ban-hang/dang-ky/", application(registration_number="4701 234 567"))
    assert "nhờ người quản lý cơ sở đó mời bạn" in page.content.decode()
    assert Producer.objects.filter(registration_number="4701234567").count() == 1


@pytest.mark.parametrize(
    "typed, saved", [("1.000", 1000), ("1,000", 1000), ("1000", 1000), ("1,5", None), ("1.5", None)]
)
def test_stock_is_read_as_people_write_it(seller_a, producer_a, typed, saved):
    product = ProductFactory(producer=producer_a, stock=Decimal("150000"))
    response = seller_a.post(
        f"/ban-hang/kenh/san-pham/{product.pk}/gia-kho/",
        {"price": "150.000", "num_in_stock": typed},
    )
    record = product.stockrecords.get()
    if saved is None:
        assert response.status_code == 400 and "số nguyên" in response.content.decode()
    else:
        assert response.status_code == 302 and record.num_in_stock == saved


def test_an_option_name_is_not_repeated(seller_a, producer_a):
    product = ProductFactory(producer=producer_a)
    url = f"/ban-hang/kenh/san-pham/{product.pk}/phan-loai/them/"
    data = {"new-label": "Hộp 1 kg", "new-price": "200000", "new-num_in_stock": "3"}
    assert seller_a.post(url, data).status_code == 302
    response = seller_a.post(url, {**data, "new-label": "hộp  1 KG"})
    assert response.status_code == 400 and "Hộp 1 kg" in response.content.decode()
    assert product.children.count() == 1


def test_a_decision_from_before_ocop_existed_is_refused(seller_a, producer_a):
    product = ProductFactory(producer=producer_a)
    response = seller_a.post(
        "/ban-hang/kenh/chung-nhan/them/",
        {
            "product": product.pk,
            "decision_number": "1/QĐ-UBND",
            "decision_date": "01/01/1900",
            "issuer": "UBND tỉnh",
            "issuer_level": "province",
            "stars": "4",
            "scan": pdf(),
        },
    )
    assert response.status_code == 400 and "2018" in response.content.decode()


def test_a_reason_of_invisible_characters_is_no_reason():
    from django.core.exceptions import ValidationError

    from storefront.seller.review.services import clean_reason

    with pytest.raises(ValidationError):
        clean_reason("\u200b \u200b")


def test_the_account_order_page_shows_each_parcel_with_its_tracking(
    client, producer_a, producer_b, django_user_model
):
    owner = django_user_model.objects.create_user("lan@x.vn", "lan@x.vn", "x-123456789")
    basket = basket_with(
        (ProductFactory(producer=producer_a), 1),
        (ProductFactory(producer=producer_b), 1),
        owner=owner,
    )
    order = services.place_order(basket, buyer(), "cod", user=owner)
    services.confirm(order)
    services.ship_parcel(
        Parcel.objects.get(order=order, producer=producer_a), "VTP123", "Viettel Post"
    )
    client.force_login(owner)
    page = client.get(f"/shop/accounts/orders/{order.number}/").content.decode()
    assert "VTP123" in page and "Viettel Post" in page and producer_b.name in page


def test_reading_messages_is_marked_by_the_button_not_by_opening_the_page(seller_a, producer_a):
    from storefront.seller.models import Notice

    Notice.objects.create(producer=producer_a, message="Tin đăng đã được duyệt.")
    page = seller_a.get("/ban-hang/kenh/thong-bao/").content.decode()
    assert "Tin đăng đã được duyệt." in page and "Đánh dấu đã đọc tất cả" in page
    assert Notice.objects.get().read_at is None  # a GET writes nothing
    assert seller_a.post("/ban-hang/kenh/thong-bao/").status_code == 302
    assert Notice.objects.get().read_at is not None
