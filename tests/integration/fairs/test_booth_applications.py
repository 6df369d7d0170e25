"""Booth applications (issue 12, step 2): a producer applies from the seller centre, staff
decide in Wagtail's admin, booths are numbered within capacity and quotas, withdrawals go
to the waiting list, and the producer is told at every step."""

import datetime

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from fairs import applications
from fairs.models import BoothApplication, FairProvinceQuota
from storefront.seller.models import Notice
from tests.factories import ProducerFactory, ProductFactory, first_ward, province
from tests.integration.fairs.conftest import make_fair
from tests.integration.seller.conftest import pdf, seller_user

pytestmark = pytest.mark.django_db
State = BoothApplication.State


@pytest.fixture
def producer(db):
    return ProducerFactory(name="HTX Mật ong Tân Phú", email="htx@tanphu.vn")


@pytest.fixture
def seller(client, producer):
    client.force_login(seller_user(producer, "a@tanphu.vn"))
    return client


@pytest.fixture
def honey(producer):
    return ProductFactory(producer=producer, title="Mật ong hoa cà phê")


def apply_url(fair):
    return f"/ban-hang/kenh/hoi-cho/dang-ky/?hoi-cho={fair.pk}"


def zone(fair, code):
    return fair.zones.get(code=code)


def applied(fair, producer=None, code="A", **kwargs):
    producer = producer or ProducerFactory(email="chuthe@htx.vn")
    product = ProductFactory(producer=producer)
    return applications.apply(fair, producer, zone=zone(fair, code), products=[product], **kwargs)


# Applying -------------------------------------------------------------------------------


def test_a_producer_applies_with_its_own_products_and_is_told(
    seller, fair, honey, producer, django_capture_on_commit_callbacks
):
    listing = seller.get("/ban-hang/kenh/hoi-cho/").content.decode()
    assert fair.title in listing and apply_url(fair).replace("&", "&amp;") in listing
    with django_capture_on_commit_callbacks(execute=True):
        response = seller.post(
            apply_url(fair),
            {"zone": zone(fair, "A").pk, "products": [honey.pk], "note": "Cần ổ điện"},
        )
    application = BoothApplication.objects.get(fair=fair, producer=producer)
    assert response.status_code == 302 and response["Location"].endswith(
        f"/hoi-cho/don/{application.pk}/"
    )
    assert application.state == State.PENDING and list(application.products.all()) == [honey]
    assert Notice.objects.filter(producer=producer, message__contains="Đã nhận đơn").exists()
    assert mail.outbox and "htx@tanphu.vn" in mail.outbox[0].to
    assert "Gian hàng của bạn tại" in mail.outbox[0].subject
    page = seller.get(f"/ban-hang/kenh/hoi-cho/don/{application.pk}/").content.decode()
    assert "Đang chờ xét duyệt" in page and "Mật ong hoa cà phê" in page
    # One application per producer per fair: the form now leads to the application.
    again = seller.get(apply_url(fair))
    assert again.status_code == 302 and f"/don/{application.pk}/" in again["Location"]
    with pytest.raises(applications.Refused):
        applications.apply(fair, producer, zone=None, products=[honey])


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("zone", "²", "Hãy chọn một khu của hội chợ này."),
        ("zone", "99999999999999999999", "Hãy chọn một khu của hội chợ này."),
        ("products", "²", "Chỉ chọn trong các sản phẩm của bạn."),
        ("note", "x" * 5000, "Ghi chú cần ngắn hơn 1.000 ký tự (hiện có 5000)."),
        ("note", "\u200b\u200b", None),  # invisible only: an empty note, accepted
    ],
)
def test_bad_input_is_refused_in_vietnamese_and_keeps_what_was_typed(
    seller, fair, honey, field, value, message
):
    data = {"zone": zone(fair, "B").pk, "products": [honey.pk], "note": "Ghi chú đã gõ"}
    data[field] = value
    response = seller.post(apply_url(fair), data)
    if message is None:
        assert response.status_code == 302
        assert BoothApplication.objects.get().note == ""
        return
    html = response.content.decode()
    assert response.status_code == 400 and message in html
    assert not BoothApplication.objects.exists()
    kept = value if field == "note" else "Ghi chú đã gõ"
    assert kept in html


def test_another_producers_product_is_refused(seller, fair, honey):
    theirs = ProductFactory(producer=ProducerFactory(), title="Nước mắm BÍ-MẬT-B")
    response = seller.post(
        apply_url(fair), {"zone": zone(fair, "A").pk, "products": [honey.pk, theirs.pk]}
    )
    html = response.content.decode()
    assert response.status_code == 400 and "Chỉ chọn trong các sản phẩm của bạn." in html
    assert "BÍ-MẬT-B" not in html and not BoothApplication.objects.exists()


def test_a_nul_in_the_form_is_taken_out_and_nothing_else_typed_is_lost(seller, fair, honey):
    # storefront.middleware.RejectNulMiddleware takes NULs out of posted values.
    response = seller.post(
        apply_url(fair), {"zone": zone(fair, "A").pk, "products": [honey.pk], "note": "a\x00b"}
    )
    assert response.status_code == 302 and BoothApplication.objects.get().note == "ab"


def test_a_nul_in_the_address_is_refused(seller, fair):
    assert seller.get(apply_url(fair) + "%00").status_code == 400


def test_the_form_refuses_a_nul_itself(fair, producer, honey):
    from django.utils import translation

    from fairs.forms import BoothApplicationForm

    translation.activate("vi")
    form = BoothApplicationForm(
        {"zone": zone(fair, "A").pk, "products": [honey.pk], "note": "a\x00b"},
        fair=fair,
        producer=producer,
    )
    assert not form.is_valid()
    assert form.errors["note"] == ["Nội dung có ký tự không được phép."]


def test_after_the_deadline_the_application_is_refused_and_the_form_kept(seller, fair_index, honey):
    fair = make_fair(
        fair_index, application_deadline=timezone.now() - datetime.timedelta(minutes=1)
    )
    assert fair.title not in seller.get("/ban-hang/kenh/hoi-cho/").content.decode()
    response = seller.post(
        apply_url(fair),
        {"zone": zone(fair, "A").pk, "products": [honey.pk], "note": "Xin một gian góc"},
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Hội chợ này đã hết hạn đăng ký gian hàng." in html and "Xin một gian góc" in html
    assert not BoothApplication.objects.exists()


def test_the_document_is_checked_like_the_seller_centres_uploads(seller, fair, honey):
    page = SimpleUploadedFile("x.html", b"<script>alert(1)</script>", content_type="text/html")
    data = {"zone": zone(fair, "A").pk, "products": [honey.pk]}
    response = seller.post(apply_url(fair), {**data, "document": page})
    assert response.status_code == 400
    assert "PDF" in response.content.decode() and not BoothApplication.objects.exists()
    assert seller.post(apply_url(fair), {**data, "document": pdf()}).status_code == 302
    application = BoothApplication.objects.get()
    download = seller.get(f"/ban-hang/kenh/hoi-cho/don/{application.pk}/tai-lieu/")
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")


def test_another_producer_cannot_open_or_withdraw_an_application(fair, producer):
    application = applied(fair, producer)
    other = Client()
    other.force_login(seller_user(ProducerFactory(), "b@b.vn"))
    base = f"/ban-hang/kenh/hoi-cho/don/{application.pk}/"
    assert other.get(base).status_code == 404
    assert other.post(base + "rut/").status_code == 404
    assert other.get(base + "tai-lieu/").status_code == 404
    application.refresh_from_db()
    assert application.state == State.PENDING


# Deciding -------------------------------------------------------------------------------


def decide(client, application, action, **data):
    return client.post(f"/cms/hoi-cho-gian/{application.pk}/{action}/", data)


def test_staff_approve_with_the_next_free_booth_and_the_fair_page_shows_it(
    client, fair, moderator, django_capture_on_commit_callbacks
):
    first, second = applied(fair), applied(fair)
    client.force_login(moderator)
    queue = client.get("/cms/hoi-cho-gian/").content.decode()
    assert first.producer.name in queue and second.producer.name in queue
    with django_capture_on_commit_callbacks(execute=True):
        assert decide(client, first, "approve").status_code == 302
        assert decide(client, second, "approve").status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.state, first.booth, second.booth) == (State.APPROVED, "A01", "A02")
    notice = Notice.objects.get(producer=first.producer, message__startswith="Đã duyệt")
    assert "gian A01 (Khu OCOP 5 sao)" in notice.message
    assert any("A01" in m.body for m in mail.outbox)
    html = Client().get(fair.url).content.decode()
    assert first.producer.name in html and "Gian A01" in html
    assert first.products.get().title in html


def test_a_full_zone_is_refused_and_another_zone_may_be_chosen(client, fair, moderator):
    for _ in range(2):
        applications.approve(applied(fair), moderator)
    third = applied(fair)
    client.force_login(moderator)
    response = decide(client, third, "approve")
    assert response.status_code == 400
    assert "Khu OCOP 5 sao đã hết gian." in response.content.decode()
    assert decide(client, third, "approve", zone=zone(fair, "B").pk).status_code == 302
    third.refresh_from_db()
    assert third.booth == "B01"


def test_the_fairs_booth_count_caps_every_zone(fair_index, moderator):
    fair = make_fair(fair_index, booths=1)
    applications.approve(applied(fair), moderator)
    with pytest.raises(applications.Refused, match="Hội chợ đã hết gian hàng"):
        applications.approve(applied(fair, code="B"), moderator)


def test_booths_kept_for_a_province_go_only_to_its_producers(fair_index, moderator):
    fair = make_fair(fair_index, booths=3)
    fair.province_quotas.add(FairProvinceQuota(province=province(75), booths=2))
    fair.save()
    applications.approve(applied(fair, from_hanoi()), moderator)  # 2 of 3 kept for Đồng Nai
    with pytest.raises(applications.Refused, match="dành cho chủ thể của tỉnh khác"):
        applications.approve(applied(fair, from_hanoi()), moderator)
    for _ in range(2):  # Đồng Nai's producers still get their two
        applications.approve(applied(fair, code="B"), moderator)
    assert BoothApplication.objects.filter(state=State.APPROVED).count() == 3


def from_hanoi():
    return ProducerFactory(province=province(1), ward=first_ward(province(1)))


@pytest.mark.parametrize("action", ["waitlist", "reject"])
@pytest.mark.parametrize("reason", ["", "   ", "\u200b"])
def test_waitlisting_and_rejecting_need_a_reason(client, fair, moderator, action, reason):
    application = applied(fair)
    client.force_login(moderator)
    response = decide(client, application, action, reason=reason)
    assert response.status_code == 400
    assert "Hãy ghi lý do: người bán sẽ đọc lý do này." in response.content.decode()
    application.refresh_from_db()
    assert application.state == State.PENDING


@pytest.mark.parametrize(
    "data, message",
    [
        ({"zone": "²"}, "Hãy chọn một khu của hội chợ này."),
        ({"zone": "99999999999999999999"}, "Hãy chọn một khu của hội chợ này."),
        ({"reason": "Thiếu giấy. " * 420}, "Lý do cần ngắn hơn 2.000 ký tự."),
    ],
)
def test_the_staff_form_refuses_bad_input_in_vietnamese_and_keeps_the_reason(
    client, fair, moderator, data, message
):
    application = applied(fair)
    client.force_login(moderator)
    action = "reject" if "reason" in data else "approve"
    response = decide(client, application, action, **data)
    html = response.content.decode()
    assert response.status_code == 400 and message in html
    if "reason" in data:
        assert data["reason"].strip() in html
    application.refresh_from_db()
    assert application.state == State.PENDING


def test_rejecting_tells_the_producer_why(client, fair, moderator):
    application = applied(fair)
    client.force_login(moderator)
    assert decide(client, application, "reject", reason="Thiếu giấy ATTP").status_code == 302
    application.refresh_from_db()
    assert application.state == State.REJECTED and application.reason == "Thiếu giấy ATTP"
    assert Notice.objects.filter(
        producer=application.producer, message__contains="Thiếu giấy ATTP"
    ).exists()
    # Decided once: a second decision changes nothing.
    decide(client, application, "approve")
    application.refresh_from_db()
    assert application.state == State.REJECTED and application.booth == ""


def test_withdrawing_frees_the_booth_for_the_first_on_the_waiting_list(
    seller, fair, producer, moderator
):
    mine = applied(fair, producer)
    applications.approve(mine, moderator)
    applications.approve(applied(fair), moderator)  # A02: zone A is full
    early, late = applied(fair), applied(fair)
    applications.waitlist(early, moderator, "Khu A đã kín")
    applications.waitlist(late, moderator, "Khu A đã kín")
    early.refresh_from_db()
    # The later application joined the list first: it is first in line.
    BoothApplication.objects.filter(pk=late.pk).update(
        waitlisted_at=early.waitlisted_at - datetime.timedelta(hours=1)
    )

    response = seller.post(f"/ban-hang/kenh/hoi-cho/don/{mine.pk}/rut/")
    assert response.status_code == 302
    mine.refresh_from_db()
    late.refresh_from_db()
    early.refresh_from_db()
    assert (mine.state, mine.booth) == (State.WITHDRAWN, "")
    assert (late.state, late.booth) == (State.APPROVED, "A01")
    assert early.state == State.WAITLISTED
    assert Notice.objects.filter(producer=late.producer, message__contains="gian A01").exists()
    # Withdrawn is final.
    seller.post(f"/ban-hang/kenh/hoi-cho/don/{mine.pk}/rut/")
    mine.refresh_from_db()
    assert mine.state == State.WITHDRAWN


def test_a_reviewer_acting_for_the_producer_may_not_decide(client, fair, moderator):
    application = applied(fair)
    application.producer.partner.users.add(moderator)
    client.force_login(moderator)
    response = decide(client, application, "approve")
    # Wagtail's admin turns PermissionDenied into its home page with a message.
    assert response.status_code == 403 or response["Location"] == "/cms/"
    application.refresh_from_db()
    assert application.state == State.PENDING


def test_editors_and_producers_are_refused_the_staff_screen(client, fair, producer):
    from django.contrib.auth.models import Group

    from tests.integration.seller.conftest import seller_user as make_user

    application = applied(fair)
    editor = make_user(ProducerFactory(), "editor@so.vn")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    assert client.get("/cms/hoi-cho-gian/").status_code in (302, 403)
    assert decide(client, application, "approve").status_code in (302, 403)
    application.refresh_from_db()
    assert application.state == State.PENDING
