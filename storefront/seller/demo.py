"""The seller centre's part of the demo (`manage.py load_demo`): a login for every demo
producer, listings in every state, certificates and photos waiting for review, a product
sold in options, and parcels to ship. Logins are written to var/seller-logins.txt (0600)
and printed; nothing here runs twice."""

import datetime
import secrets
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone
from oscar.apps.basket.models import Basket

from catalogue.models import Certificate, Producer, Product, ProductImage
from storefront.order import services
from storefront.partner.strategy import Selector
from storefront.places.models import Province, Ward
from storefront.seller import operations
from storefront.seller.models import ListingChange, Notice
from storefront.text import slugify


def logins_file():
    """`OCOP_SELLER_LOGINS_FILE`: var/seller-logins.txt (tests keep theirs elsewhere)."""
    return Path(settings.OCOP_SELLER_LOGINS_FILE)


State = Product.ListingState


def demo_email(producer):
    return f"{slugify(producer.name)[:40].strip('-')}@demo.ocop.vn"


def load(say):
    """Create what is missing; returns the lines of the logins file (or [])."""
    User = get_user_model()
    producers = list(Producer.objects.order_by("pk"))
    if producers and not producers[0].partner.users.exists():
        lines = []
        with transaction.atomic():
            for producer in producers:
                password = secrets.token_urlsafe(9)
                email = demo_email(producer)
                user = User.objects.filter(username=email).first() or User(
                    username=email, email=email, first_name=producer.name[:150]
                )
                user.set_password(password)
                user.save()
                producer.partner.users.add(user)
                lines.append(f"{email}  {password}  {producer.name}")
            _states(producers, say)
        logins = logins_file()
        logins.parent.mkdir(parents=True, exist_ok=True)
        logins.write_text("\n".join(lines) + "\n", encoding="utf-8")
        logins.chmod(0o600)
        _parcels(producers, say)
    logins = logins_file()
    return logins.read_text(encoding="utf-8").splitlines() if logins.exists() else []


def _states(producers, say):
    """On the first verified producer: one listing in each state, a change and a photo
    waiting for review, a product in two options, a certificate waiting for review."""
    producer = next(p for p in producers if p.verified)
    products = list(Product.objects.filter(producer=producer, parent=None).order_by("pk"))
    if len(products) < 4:
        return
    paused, pending, rejected, changed = products[:4]
    Product.objects.filter(pk=paused.pk).update(listing_state=State.PAUSED)
    Product.objects.filter(pk=pending.pk).update(listing_state=State.PENDING)
    Product.objects.filter(pk=rejected.pk).update(
        listing_state=State.REJECTED,
        rejection_reason="Ảnh chụp chưa rõ nhãn sản phẩm; vui lòng chụp lại mặt trước bao bì.",
    )
    ListingChange.objects.create(
        product=changed,
        data={**operations.ListingText.of(changed).as_data(), "title": changed.title + " (mới)"},
    )
    category = changed.categories.first()
    text = operations.ListingText(
        title="Quà biếu đặc sản (bản nháp)",
        description="Hộp quà gồm các sản phẩm OCOP của cơ sở.",
        category=category,
        standards=[],
    )
    operations.create_listing(producer, None, text, Decimal("350000"), 10)
    boxed = operations.create_listing(
        producer,
        None,
        operations.ListingText(
            title=f"{changed.title} – hộp quà",
            description=changed.description,
            category=category,
            standards=[],
        ),
    )
    operations.add_option(boxed, None, "Hộp nhỏ", Decimal("120000"), 15)
    operations.add_option(boxed, None, "Hộp lớn", Decimal("220000"), 6)
    for image in changed.images.all()[:1]:
        ProductImage.objects.create(
            product=boxed, original=image.original.name, caption=boxed.title, display_order=0
        )
        ProductImage.objects.create(
            product=changed,
            original=image.original.name,
            caption=changed.title,
            display_order=9,
            approved=False,
        )
    Product.objects.filter(pk=boxed.pk).update(listing_state=State.LIVE)
    today = timezone.localdate()
    Certificate.objects.create(
        product=pending,
        producer=producer,
        stars=4,
        score=75,
        decision_number="1234/QĐ-UBND",
        decision_date=today - datetime.timedelta(days=30),
        issuer=f"UBND tỉnh {producer.province.name}",
        issuer_level=Certificate.IssuerLevel.PROVINCE,
        review_state=Certificate.ReviewState.PENDING,
    )
    Notice.objects.create(
        producer=producer,
        message=f"Tin đăng “{rejected.title}” bị từ chối: ảnh chụp chưa rõ nhãn sản phẩm.",
    )
    say(f"Seller centre demo: listings in every state for {producer.name}.")


def _parcels(producers, say):
    """Two confirmed cash-on-delivery orders for the first verified producer to ship."""
    producer = next(p for p in producers if p.verified)
    sellable = [
        p
        for p in Product.objects.for_sale().filter(producer=producer, structure=Product.STANDALONE)
        if p.stockrecords.filter(num_in_stock__gte=3).exists()
    ][:2]
    hcmc = Province.objects.filter(pk=79).first()
    if not sellable or hcmc is None:
        return
    ward = Ward.objects.filter(province=hcmc).order_by("code").first()
    for i, product in enumerate(sellable):
        basket = Basket.objects.create()
        basket.strategy = Selector().strategy()
        basket.add_product(product, 1 + i)
        who = services.Buyer(
            name=["Nguyễn Thị Lan", "Trần Minh Khoa"][i],
            phone=f"+8491234567{i}",
            email=f"nguoimua{i + 1}@example.com",
            street=f"{12 + i} Lê Lợi",
            ward=ward,
            province=hcmc,
        )
        # The demo buyers' confirmation e-mails go nowhere (not into `make run`'s output).
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            order = services.place_order(basket, who, "cod")
        services.confirm(order)
    say(f"Seller centre demo: {len(sellable)} parcels to ship for {producer.name}.")
