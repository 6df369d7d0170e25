"""factory_boy factories for the catalogue. Places and the category tree come from the
data migrations, so factories pick existing rows instead of inventing them."""

import datetime
import io
from decimal import Decimal

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from oscar.apps.partner.models import StockRecord
from PIL import Image

from catalogue.models import (
    Category,
    Certificate,
    Producer,
    Product,
    ProductCategory,
    ProductClass,
)
from storefront.places.models import Province, Ward


def jpeg_upload(name="photo.jpg", size=(64, 64), colour=(200, 120, 40)):
    buf = io.BytesIO()
    Image.new("RGB", size, colour).save(buf, "JPEG")
    return SimpleUploadedFile(name, buf.getvalue(), content_type="image/jpeg")


def province(code=75):
    return Province.objects.get(code=code)


def first_ward(prov):
    return Ward.objects.filter(province=prov).order_by("code").first()


class ProducerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Producer

    name = factory.Sequence(lambda n: f"HTX Nông sản Đồng Nai số {n}")
    kind = Producer.Kind.COOPERATIVE
    province = factory.LazyFunction(lambda: province(75))
    ward = factory.LazyAttribute(lambda o: first_ward(o.province))
    street = "Ấp 1"
    phone = "0912345678"
    verified = True


class ProductClassFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProductClass
        django_get_or_create = ("name",)

    name = "Sản phẩm OCOP"
    track_stock = True


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Product
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Nấm rơm sạch Đồng Nai {n}")
    product_class = factory.SubFactory(ProductClassFactory)
    producer = factory.SubFactory(ProducerFactory)
    is_public = True
    listing_state = Product.ListingState.LIVE

    @factory.post_generation
    def stock(obj, create, extracted, **kwargs):
        if not create:
            return
        price = extracted if extracted is not None else Decimal("150000")
        StockRecord.objects.create(
            product=obj,
            partner=obj.producer.partner,
            partner_sku=f"sku-{obj.pk}",
            price=price,
            price_currency="VND",
            num_in_stock=kwargs.get("num_in_stock", 10),
        )

    @factory.post_generation
    def category(obj, create, extracted, **kwargs):
        if create:
            cat = extracted or Category.objects.get(code="I.1.a")
            ProductCategory.objects.create(product=obj, category=cat)


class CertificateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Certificate

    product = factory.SubFactory(ProductFactory)
    producer = factory.LazyAttribute(lambda o: o.product.producer)
    stars = 4
    score = None
    decision_number = factory.Sequence(lambda n: f"{4000 + n}/QĐ-UBND")
    decision_date = factory.LazyFunction(
        lambda: timezone.localdate() - datetime.timedelta(days=100)
    )
    issuer = "UBND tỉnh Đồng Nai"
    issuer_level = Certificate.IssuerLevel.PROVINCE
    review_state = Certificate.ReviewState.VERIFIED
