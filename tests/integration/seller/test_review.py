"""Staff review in Wagtail's admin: who may see and decide, what each decision does to
the item, the producer's notice and e-mail, and the audit trail (issue 10)."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from catalogue.models import Category, Certificate, Producer, Product, ProductImage
from catalogue.producers import ProducerDocument
from cms.roles import EDITORS, MODERATORS, ensure_editorial_roles
from storefront.seller.models import AuditEntry, ListingChange, Notice, ProfileChange
from storefront.seller.review import services
from tests.factories import CertificateFactory, ProducerFactory, ProductFactory, jpeg_upload
from tests.integration.seller.conftest import pdf, seller_user

pytestmark = pytest.mark.django_db
State = Product.ListingState
QUEUE = "/cms/duyet-nguoi-ban/"


def staff(email, group):
    ensure_editorial_roles()
    user = get_user_model().objects.create_user(
        username=email, email=email, password="mat-khau-dai-123"
    )
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def moderator(client):
    user = staff("kiemduyet@ocop.vn", MODERATORS)
    client.force_login(user)
    return user


def decide(client, kind, pk, action, reason=None):
    data = {} if reason is None else {"reason": reason}
    return client.post(f"{QUEUE}{kind}/{pk}/{action}/", data)


def new_producer(**kwargs):
    producer = ProducerFactory(verified=False, email="htx@moi.vn", **kwargs)
    ProducerDocument.objects.create(
        producer=producer, kind=ProducerDocument.Kind.REGISTRATION, file=pdf()
    )
    return producer


def listing_change(product):
    return ListingChange.objects.create(
        product=product,
        data={
            "title": "Nấm rơm sấy khô Tân Phú",
            "description": "Mới: sấy lạnh.",
            "category": Category.objects.get(code="I.3.c").pk,
            "standards": [],
            "weight_grams": 250,
        },
    )


def waiting_photo(product):
    return ProductImage.objects.create(product=product, original=jpeg_upload(), approved=False)


def one_of_each():
    """One waiting item of every kind; returns {kind: pk}."""
    product = ProductFactory()
    return {
        "producer": new_producer().pk,
        "listing": ProductFactory(listing_state=State.PENDING).pk,
        "change": listing_change(product).pk,
        "photo": waiting_photo(product).pk,
        "certificate": CertificateFactory(review_state=Certificate.ReviewState.PENDING).pk,
        "profile": ProfileChange.objects.create(
            producer=product.producer, data={"story": "Câu chuyện mới."}
        ).pk,
    }


def is_waiting(kind, pk):
    return {
        "producer": lambda: Producer.objects.filter(pk=pk, verified=False).exists(),
        "listing": lambda: Product.objects.filter(pk=pk, listing_state=State.PENDING).exists(),
        "change": lambda: ListingChange.objects.filter(pk=pk, state="pending").exists(),
        "photo": lambda: ProductImage.objects.filter(pk=pk, approved=False).exists(),
        "certificate": lambda: Certificate.objects.filter(pk=pk, review_state="pending").exists(),
        "profile": lambda: ProfileChange.objects.filter(pk=pk, state="pending").exists(),
    }[kind]()


# --- Who may ------------------------------------------------------------------------------


def _refused(response):
    """403, the login page, or Wagtail's answer to PermissionDenied in its admin: back to
    the dashboard with "Sorry, you do not have permission"."""
    return response.status_code == 403 or (
        response.status_code == 302
        and ("/login/" in response["Location"] or response["Location"] == "/cms/")
    )


@pytest.mark.parametrize("who", ["anonymous", "editor", "producer"])
def test_it_refuses_everyone_but_reviewers_on_every_url(client, who):
    items = one_of_each()
    if who == "editor":
        client.force_login(staff("bientap@ocop.vn", EDITORS))
    elif who == "producer":
        producer = Producer.objects.get(pk=items["producer"])
        client.force_login(seller_user(producer, "chu@htx.vn"))
    document = ProducerDocument.objects.first()
    for url in (
        QUEUE,
        f"{QUEUE}nhat-ky/",
        f"{QUEUE}tai-lieu/{document.pk}/",
        f"{QUEUE}ban-quet/{items['certificate']}/",
    ):
        assert _refused(client.get(url)), url
        assert _refused(client.post(url)), url
    for kind, pk in items.items():
        for action in ("approve", "reject"):
            response = decide(client, kind, pk, action, reason="Thiếu giấy tờ")
            assert _refused(response), (kind, action)
            assert is_waiting(kind, pk), (kind, action)
    assert not Notice.objects.exists()


def test_the_menu_shows_the_queue_to_moderators_only(client, moderator):
    assert QUEUE.encode() in client.get("/cms/").content
    client.force_login(staff("bientap@ocop.vn", EDITORS))
    assert QUEUE.encode() not in client.get("/cms/").content


def test_a_user_given_the_permission_is_a_reviewer(client):
    user = staff("nguoiduyet@ocop.vn", EDITORS)
    user.user_permissions.add(Permission.objects.get(codename="review_sellers"))
    client.force_login(user)
    assert client.get(QUEUE).status_code == 200


def test_a_reviewer_acting_for_the_producer_may_not_decide(client, moderator):
    product = ProductFactory(listing_state=State.PENDING)
    product.producer.partner.users.add(moderator)
    assert _refused(decide(client, "listing", product.pk, "approve"))
    assert Product.objects.get(pk=product.pk).listing_state == State.PENDING


# --- The queue page -----------------------------------------------------------------------


def test_the_queue_lists_every_kind_with_what_a_reviewer_needs(client, moderator):
    items = one_of_each()
    CertificateFactory(
        review_state=Certificate.ReviewState.PENDING, stars=5, score=60, decision_number="77/QĐ"
    )
    page = client.get(QUEUE).content.decode()
    for kind, pk in items.items():
        assert f'action="{QUEUE}{kind}/{pk}/approve/"' in page, kind
        assert f'action="{QUEUE}{kind}/{pk}/reject/"' in page, kind
    document = ProducerDocument.objects.get(producer_id=items["producer"])
    assert f"{QUEUE}tai-lieu/{document.pk}/" in page
    assert "Nấm rơm sấy khô Tân Phú" in page and "Mới: sấy lạnh." in page  # the proposed text
    assert "Câu chuyện mới." in page
    assert "77/QĐ" in page


def test_documents_download_to_reviewers_only_as_attachments(client, moderator):
    producer = new_producer()
    document = producer.documents.get()
    response = client.get(f"{QUEUE}tai-lieu/{document.pk}/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_the_queue_costs_the_same_queries_with_more_items(client, moderator):
    one_of_each()
    client.get(QUEUE)  # warm: the host's storefront (theme) is looked up once, then cached
    with CaptureQueriesContext(connection) as few:
        assert client.get(QUEUE).status_code == 200
    for _ in range(3):
        one_of_each()
    client.get(QUEUE)  # after a write the storefront is looked up once again
    with CaptureQueriesContext(connection) as many:
        assert client.get(QUEUE).status_code == 200
    assert len(many) == len(few)


# --- Producers ----------------------------------------------------------------------------


def test_approving_a_producer_verifies_it_and_tells_it(
    client, moderator, mailoutbox, django_capture_on_commit_callbacks
):
    producer = new_producer()
    product = ProductFactory(producer=producer)
    assert not Product.objects.for_sale().filter(pk=product.pk).exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = decide(client, "producer", producer.pk, "approve")
    assert response.status_code == 302
    producer.refresh_from_db()
    assert producer.verified and producer.rejection_reason == ""
    assert Product.objects.for_sale().filter(pk=product.pk).exists()
    notice = producer.notices.get()
    assert "đã được xác minh" in notice.message and notice.link == reverse("seller:home")
    assert [m.to for m in mailoutbox] == [["htx@moi.vn"]]
    assert "đã được xác minh" in mailoutbox[0].body
    assert AuditEntry.objects.filter(
        producer=producer, field="verified", new="True", actor=moderator
    ).exists()


def test_rejecting_a_producer_keeps_it_off_sale_with_the_reason(
    client, moderator, mailoutbox, django_capture_on_commit_callbacks
):
    producer = new_producer()
    with django_capture_on_commit_callbacks(execute=True):
        decide(client, "producer", producer.pk, "reject", reason="Giấy phép đã hết hạn")
    producer.refresh_from_db()
    assert not producer.verified and producer.rejection_reason == "Giấy phép đã hết hạn"
    assert "Giấy phép đã hết hạn" in producer.notices.get().message
    assert "Giấy phép đã hết hạn" in mailoutbox[0].body
    assert AuditEntry.objects.filter(producer=producer, field="rejection_reason").exists()
    assert f"{QUEUE}producer/{producer.pk}/" not in client.get(QUEUE).content.decode()


# --- Listings -----------------------------------------------------------------------------


def test_an_approved_listing_goes_on_sale(
    client, moderator, mailoutbox, django_capture_on_commit_callbacks
):
    product = ProductFactory(listing_state=State.PENDING, producer__email="ban@htx.vn")
    with django_capture_on_commit_callbacks(execute=True):
        decide(client, "listing", product.pk, "approve")
    assert Product.objects.for_sale().filter(pk=product.pk).exists()
    notice = product.producer.notices.get()
    assert product.title in notice.message
    assert notice.link == reverse("seller:product", kwargs={"pk": product.pk})
    assert len(mailoutbox) == 1 and product.title in mailoutbox[0].subject
    assert AuditEntry.objects.filter(
        object_id=product.pk, field="listing_state", old="pending", new="live"
    ).exists()


def test_a_rejected_listing_stays_off_sale_with_the_reason(
    client, moderator, mailoutbox, django_capture_on_commit_callbacks
):
    product = ProductFactory(listing_state=State.PENDING, producer__email="ban@htx.vn")
    with django_capture_on_commit_callbacks(execute=True):
        decide(client, "listing", product.pk, "reject", reason="Ảnh mờ")
    product.refresh_from_db()
    assert product.listing_state == State.REJECTED and product.rejection_reason == "Ảnh mờ"
    assert not Product.objects.for_sale().filter(pk=product.pk).exists()
    assert "Ảnh mờ" in product.producer.notices.get().message
    assert "Ảnh mờ" in mailoutbox[0].body


def test_the_second_decision_on_a_listing_does_nothing_and_says_so(client, moderator):
    product = ProductFactory(listing_state=State.PENDING)
    decide(client, "listing", product.pk, "reject", reason="Ảnh mờ")
    response = decide(client, "listing", product.pk, "approve")
    assert response.status_code == 302
    product.refresh_from_db()
    assert product.listing_state == State.REJECTED
    assert product.producer.notices.count() == 1
    page = client.get(response["Location"]).content.decode()
    assert "không còn chờ duyệt" in page
    with pytest.raises(services.AlreadyDecided):
        services.approve_listing(product, moderator)


@pytest.mark.parametrize("reason", ["", "   \n  "])
def test_a_blank_reason_is_refused_and_the_text_kept(client, moderator, reason):
    product = ProductFactory(listing_state=State.PENDING)
    response = decide(client, "listing", product.pk, "reject", reason=reason)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Hãy ghi lý do" in page
    assert f">\n{reason}</textarea>" in page
    assert Product.objects.get(pk=product.pk).listing_state == State.PENDING
    assert not Notice.objects.exists()


def test_only_the_refused_item_shows_the_error(client, moderator):
    refused, other = ProductFactory.create_batch(2, listing_state=State.PENDING)
    page = decide(client, "listing", refused.pk, "reject", reason=" ").content.decode()
    assert f'aria-describedby="reason-error-listing-{refused.pk}"' in page
    assert f'aria-describedby="reason-error-listing-{other.pk}"' not in page
    assert page.count('aria-invalid="true"') == 1


@pytest.mark.parametrize("kind", ["producer", "change", "photo", "certificate", "profile"])
def test_every_rejection_needs_a_reason(client, moderator, kind):
    pk = one_of_each()[kind]
    assert decide(client, kind, pk, "reject", reason=" ").status_code == 400
    assert is_waiting(kind, pk)


# --- Changes to live listings -------------------------------------------------------------


def test_an_approved_change_replaces_the_live_text(
    client, moderator, mailoutbox, django_capture_on_commit_callbacks
):
    product = ProductFactory(title="Nấm rơm cũ", producer__email="ban@htx.vn")
    change = listing_change(product)
    with django_capture_on_commit_callbacks(execute=True):
        decide(client, "change", change.pk, "approve")
    product.refresh_from_db()
    assert product.title == "Nấm rơm sấy khô Tân Phú"
    assert product.description == "Mới: sấy lạnh." and product.weight_grams == 250
    assert list(product.categories.values_list("code", flat=True)) == ["I.3.c"]
    change.refresh_from_db()
    assert change.state == "approved" and change.reviewed_by == moderator
    assert AuditEntry.objects.filter(
        object_id=product.pk, field="title", old="Nấm rơm cũ", new="Nấm rơm sấy khô Tân Phú"
    ).exists()
    assert len(mailoutbox) == 1 and product.producer.notices.count() == 1
    assert decide(client, "change", change.pk, "approve").status_code == 302
    assert product.producer.notices.count() == 1


def test_a_rejected_change_leaves_the_live_text(
    client, moderator, mailoutbox, django_capture_on_commit_callbacks
):
    product = ProductFactory(title="Nấm rơm cũ", producer__email="ban@htx.vn")
    change = listing_change(product)
    with django_capture_on_commit_callbacks(execute=True):
        decide(client, "change", change.pk, "reject", reason="Mô tả sai sự thật")
    product.refresh_from_db()
    change.refresh_from_db()
    assert product.title == "Nấm rơm cũ"
    assert change.state == "rejected" and change.rejection_reason == "Mô tả sai sự thật"
    assert "Mô tả sai sự thật" in product.producer.notices.get().message
    assert "Mô tả sai sự thật" in mailoutbox[0].body


# --- Profile changes ----------------------------------------------------------------------


def test_profile_changes_are_approved_or_rejected(
    client, moderator, mailoutbox, django_capture_on_commit_callbacks
):
    producer = ProducerFactory(story="Cũ", email="htx@htx.vn")
    change = ProfileChange.objects.create(producer=producer, data={"story": "Mới"})
    with django_capture_on_commit_callbacks(execute=True):
        decide(client, "profile", change.pk, "approve")
    producer.refresh_from_db()
    assert producer.story == "Mới"
    assert AuditEntry.objects.filter(producer=producer, field="story", old="Cũ", new="Mới")
    other = ProfileChange.objects.create(producer=producer, data={"story": "Quảng cáo"})
    with django_capture_on_commit_callbacks(execute=True):
        decide(client, "profile", other.pk, "reject", reason="Không quảng cáo")
    producer.refresh_from_db()
    other.refresh_from_db()
    assert producer.story == "Mới" and other.state == "rejected"
    assert producer.notices.count() == 2 and len(mailoutbox) == 2
    assert "Không quảng cáo" in producer.notices.first().message


# --- Photos -------------------------------------------------------------------------------


def test_an_approved_photo_is_shown(
    client, moderator, mailoutbox, django_capture_on_commit_callbacks
):
    product = ProductFactory(producer__email="ban@htx.vn")
    image = waiting_photo(product)
    assert list(product.get_all_images()) == []
    with django_capture_on_commit_callbacks(execute=True):
        decide(client, "photo", image.pk, "approve")
    assert list(product.get_all_images()) == [image]
    assert product.producer.notices.get().link == reverse(
        "seller:photos", kwargs={"pk": product.pk}
    )
    assert len(mailoutbox) == 1
    assert AuditEntry.objects.filter(subject="photo", object_id=image.pk, new="True").exists()
    response = decide(client, "photo", image.pk, "approve")
    assert "đã được duyệt" in client.get(response["Location"]).content.decode()
    assert product.producer.notices.count() == 1


def test_a_rejected_photo_is_removed_with_the_reason(
    client, moderator, mailoutbox, django_capture_on_commit_callbacks
):
    product = ProductFactory(producer__email="ban@htx.vn")
    image = waiting_photo(product)
    storage, name = image.original.storage, image.original.name
    with django_capture_on_commit_callbacks(execute=True):
        decide(client, "photo", image.pk, "reject", reason="Ảnh có logo người khác")
    assert not ProductImage.objects.filter(pk=image.pk).exists()
    assert not storage.exists(name)
    assert "Ảnh có logo người khác" in product.producer.notices.get().message
    assert "Ảnh có logo người khác" in mailoutbox[0].body
    response = decide(client, "photo", image.pk, "approve")
    assert "không còn chờ duyệt" in client.get(response["Location"]).content.decode()


# --- Certificates -------------------------------------------------------------------------


def test_a_verified_certificate_gives_the_badge(
    client, moderator, mailoutbox, django_capture_on_commit_callbacks
):
    certificate = CertificateFactory(review_state=Certificate.ReviewState.PENDING, stars=4)
    product = certificate.product
    assert Product.objects.get(pk=product.pk).certified_stars is None
    with django_capture_on_commit_callbacks(execute=True):
        decide(client, "certificate", certificate.pk, "approve")
    certificate.refresh_from_db()
    assert certificate.review_state == "verified" and certificate.reviewed_by == moderator
    assert certificate.reviewed_at is not None
    product.refresh_from_db()
    assert product.certified_stars == 4 and product.ocop_valid
    assert product.producer.notices.get().link == reverse(
        "seller:certificate", kwargs={"pk": certificate.pk}
    )
    assert AuditEntry.objects.filter(subject="certificate", new="verified").exists()


def test_a_rejected_certificate_gives_no_badge(
    client, moderator, mailoutbox, django_capture_on_commit_callbacks
):
    certificate = CertificateFactory(
        review_state=Certificate.ReviewState.PENDING, product__producer__email="ban@htx.vn"
    )
    with django_capture_on_commit_callbacks(execute=True):
        decide(client, "certificate", certificate.pk, "reject", reason="Số quyết định không khớp")
    certificate.refresh_from_db()
    assert certificate.review_state == "rejected"
    assert certificate.rejection_reason == "Số quyết định không khớp"
    assert Product.objects.get(pk=certificate.product_id).certified_stars is None
    assert "Số quyết định không khớp" in mailoutbox[0].body
    decide(client, "certificate", certificate.pk, "approve")
    assert Product.objects.get(pk=certificate.product_id).certified_stars is None


def test_the_queue_shows_the_certificate_models_own_warnings(client, moderator):
    certificate = CertificateFactory(
        review_state=Certificate.ReviewState.PENDING,
        stars=5,
        score=60,
        decision_date=datetime.date(2025, 8, 1),
        issuer_level=Certificate.IssuerLevel.FORMER_DISTRICT,
    )
    page = client.get(QUEUE).content.decode()
    assert certificate.decision_number in page
    assert "Điểm 60 tương ứng 3 sao, không phải 5 sao." in page
    assert "Cấp huyện" in page or "huyện" in page


# --- Audit trail --------------------------------------------------------------------------


def test_the_audit_trail_filters_by_producer_and_subject_and_pages(client, moderator):
    mine = ProductFactory(listing_state=State.PENDING)
    other = ProductFactory(listing_state=State.PENDING)
    decide(client, "listing", mine.pk, "approve")
    decide(client, "listing", other.pk, "reject", reason="Ảnh mờ")
    client.get(QUEUE)  # shows (and so clears) the "approved" messages
    page = client.get(f"{QUEUE}nhat-ky/?producer={mine.producer_id}").content.decode()
    assert mine.title in page and other.title not in page
    page = client.get(f"{QUEUE}nhat-ky/?subject=product&producer=x").content.decode()
    assert mine.title in page and other.title in page
    page = client.get(f"{QUEUE}nhat-ky/?subject=certificate").content.decode()
    assert "Chưa có ghi nhận nào." in page and mine.title not in page
    for n in range(60):
        AuditEntry.objects.create(
            producer=mine.producer,
            subject="stock",
            object_id=n,
            object_repr=f"SP{n}",
            field="price",
        )
    first = client.get(f"{QUEUE}nhat-ky/?subject=stock").content.decode()
    assert "SP59" in first and "SP0<" not in first and "p=2" in first
    second = client.get(f"{QUEUE}nhat-ky/?subject=stock&p=2").content.decode()
    assert "SP0<" in second
    assert client.get(f"{QUEUE}nhat-ky/?p=²").status_code == 200


# --- Two reviewers at once (PostgreSQL's real locks) ------------------------------------------


@pytest.mark.postgres
def test_two_reviewers_deciding_at_once_decide_once(reference_data, mailoutbox):
    from tests.integration.checkout.conftest import run_together

    first = staff("a@ocop.vn", MODERATORS)
    second = staff("b@ocop.vn", MODERATORS)
    products = [ProductFactory(listing_state=State.PENDING) for _ in range(5)]

    def attempt(call):
        def run():
            try:
                call()
                return "decided"
            except services.AlreadyDecided:
                return "late"

        return run

    for product in products:
        outcomes = run_together(
            [
                attempt(lambda p=product: services.approve_listing(p, first)),
                attempt(lambda p=product: services.reject_listing(p, second, "Ảnh mờ")),
            ]
        )
        assert sorted(outcomes) == ["decided", "late"], outcomes
        product.refresh_from_db()
        assert product.listing_state in (State.LIVE, State.REJECTED)
        assert (product.rejection_reason == "Ảnh mờ") == (product.listing_state == State.REJECTED)
        assert product.producer.notices.count() == 1
        assert AuditEntry.objects.filter(object_id=product.pk, field="listing_state").count() == 1
