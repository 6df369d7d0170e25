import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count

from catalogue.listing import valid_ocop
from catalogue.models import Category, Certificate, Producer, Product, ProductImage
from cms.models import HomePage, NewsPage, PolicyPage, ProducerStoryPage

pytestmark = pytest.mark.django_db


def test_demo_catalogue_looks_like_a_real_ocop_shop():
    call_command("load_demo", seed=7, verbosity=0)
    assert Producer.objects.count() >= 15
    assert set(Producer.objects.values_list("kind", flat=True)) == set(Producer.Kind.values)
    provinces = set(Producer.objects.values_list("province__code", flat=True))
    assert len(provinces) >= 5 and {75, 86} <= provinces
    assert Product.objects.count() >= 80
    groups = {
        Category.objects.get(path=path[:4]).code
        for path in Product.objects.values_list("categories__path", flat=True)
    }
    assert groups == {"I", "II", "III", "IV", "V", "VI"}
    assert set(valid_ocop(Product.objects.all()).values_list("certified_stars", flat=True)) == {
        3,
        4,
        5,
    }
    expired = [p for p in Product.objects.exclude(certified_until=None) if p.ocop_expired]
    assert expired
    assert Product.objects.filter(certificates=None).exists()
    assert Product.objects.annotate(n=Count("certificates")).filter(n__gt=1).exists()
    assert ProductImage.objects.count() >= Product.objects.count()
    assert not Product.objects.filter(title__icontains="product").exists()
    # every certificate is valid by our own rules
    for cert in Certificate.objects.select_related("product"):
        cert.full_clean()

    # Content written for the site: a home page of blocks, 12+ articles, the policies.
    home = HomePage.objects.get(locale__language_code="vi")
    assert {b.block_type for b in home.body} >= {
        "hero",
        "featured_products",
        "product_row",
        "latest_news",
        "upcoming_fairs",
        "producer_spotlight",
    }
    assert NewsPage.objects.filter(locale__language_code="vi").count() >= 12
    assert ProducerStoryPage.objects.count() >= 2
    assert set(PolicyPage.objects.values_list("kind", flat=True)) >= {
        "rules",
        "inspection",
        "returns",
        "delivery",
        "payment",
        "privacy",
    }
    assert HomePage.objects.filter(locale__language_code="en", live=True).exists()

    before = Product.objects.count()
    call_command("load_demo", seed=7, verbosity=0)
    assert Product.objects.count() == before  # repeatable, adds nothing the second time

    call_command("load_demo", products=before + 250, verbosity=0)
    assert Product.objects.count() == before + 250
    grown = Product.objects.order_by("-id").first()
    assert grown.stockrecords.exists() and grown.categories.exists() and grown.images.exists()


def test_same_seed_same_catalogue():
    call_command("load_demo", seed=3, verbosity=0)
    first = list(Product.objects.order_by("id").values_list("title", "certified_stars"))
    prices = list(Product.objects.order_by("id").values_list("stockrecords__price", flat=True))
    for story in ProducerStoryPage.objects.all():
        story.delete()  # stories protect their producers
    Certificate.objects.all().delete()
    Product.objects.all().delete()
    Producer.objects.all().delete()
    call_command("load_demo", seed=3, verbosity=0)
    assert list(Product.objects.order_by("id").values_list("title", "certified_stars")) == first
    assert (
        list(Product.objects.order_by("id").values_list("stockrecords__price", flat=True)) == prices
    )


def test_negative_product_count_is_a_clear_error():
    with pytest.raises(CommandError, match="không âm"):
        call_command("load_demo", products=-5)
