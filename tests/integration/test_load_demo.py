import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count
from django.test import Client

from catalogue.listing import valid_ocop
from catalogue.management.commands import load_demo
from catalogue.models import Category, Certificate, Producer, Product, ProductImage
from cms.models import HomePage, NewsPage, PolicyPage, ProducerStoryPage
from fairs.models import BoothApplication, FairPage, FairState
from storefront.order.models import Order, Parcel

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_pictures(monkeypatch):
    """The demo's pictures drawn at 160 px instead of 800-900: the same files and renditions,
    a fraction of the encoding time."""
    import cms.demo.loader
    from catalogue.demo.images import draw_product, draw_scene

    def small(title, colours, variant=0, size=None):
        return draw_product(title, colours, variant=variant, size=160)

    monkeypatch.setattr(load_demo, "draw_product", small)
    monkeypatch.setattr(
        cms.demo.loader,
        "draw_scene",
        lambda title, colours, height: draw_scene(title, colours, 160),
    )


@pytest.mark.real_on_commit  # indexed at the commit, never reached: the catalogue is checked
def test_demo_catalogue_looks_like_a_real_ocop_shop(small_pictures):
    call_command("load_demo", seed=7, verbosity=0)
    assert Producer.objects.count() >= 15
    assert set(Producer.objects.values_list("kind", flat=True)) == set(Producer.Kind.values)
    provinces = set(Producer.objects.values_list("province__code", flat=True))
    assert len(provinces) >= 5 and {75, 86} <= provinces
    assert Product.objects.count() >= 80
    groups = {
        Category.objects.get(path=path[:4]).code
        # Options (hũ 250 g / 500 g) are filed under their product's category.
        for path in Product.objects.filter(parent=None).values_list("categories__path", flat=True)
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
    # The seller centre's demo: a login per producer, every listing state, parcels to ship.
    assert all(p.partner.users.exists() for p in Producer.objects.all())
    states = set(Product.objects.filter(parent=None).values_list("listing_state", flat=True))
    assert states == set(Product.ListingState.values)
    assert Product.objects.filter(structure=Product.PARENT, children__isnull=False).exists()
    assert Certificate.objects.filter(review_state=Certificate.ReviewState.PENDING).exists()
    assert Parcel.objects.filter(order__status="placed", status="preparing").exists()
    # every certificate is valid by our own rules
    for cert in Certificate.objects.select_related("product"):
        cert.full_clean()

    # Content written for the site: a home page of blocks, 12+ articles, the policies.
    home = HomePage.objects.get(
        locale__language_code="vi", depth=2, sites_rooted_here__is_default_site=True
    )
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

    # Trade fairs (issue 12): past, ongoing and upcoming, in several provinces, with zones,
    # side events and booth applications in every state; exhibitors on the fair pages.
    fairs = FairPage.objects.filter(locale__language_code="vi")
    assert {f.state() for f in fairs} == set(FairState.values)
    assert len({f.province_id for f in fairs}) >= 2
    assert all(f.zones.exists() and f.side_events.exists() for f in fairs)
    assert set(BoothApplication.objects.values_list("state", flat=True)) == set(
        BoothApplication.State.values
    )
    for fair in fairs:
        approved = BoothApplication.objects.filter(fair=fair, state="approved")
        assert approved.exists(), fair
        html = Client().get(fair.url).content.decode()
        assert all(f"Gian {a.booth}" in html for a in approved), fair

    before = Product.objects.count()
    call_command("load_demo", seed=7, verbosity=0)
    assert Product.objects.count() == before  # repeatable, adds nothing the second time

    # Twice as many: every product is a template's turn at least once.
    call_command("load_demo", products=before * 2, verbosity=0)
    assert Product.objects.count() == before * 2
    grown = Product.objects.order_by("-id").first()
    assert grown.stockrecords.exists() and grown.categories.exists() and grown.images.exists()
    copies = Product.objects.filter(title__contains=" · lô ")
    assert copies.count() == before
    # Copies of what a shopper sees: no seller draft made live, no options-less parent.
    assert not copies.filter(title__contains="bản nháp").exists()
    assert not copies.exclude(structure=Product.STANDALONE).exists()
    assert all(p.stockrecords.exists() for p in copies)


def catalogue_built(seed):
    """Everything the seed decides, for a catalogue built from scratch with it."""
    Order.objects.all().delete()  # the demo's parcels to ship
    Certificate.objects.all().delete()
    Product.objects.all().delete()
    Producer.objects.all().delete()
    call_command("load_demo", seed=seed, verbosity=0)
    return {
        "producers": list(Producer.objects.order_by("name").values_list("name", "ward_id")),
        "products": list(
            Product.objects.order_by("title", "id").values_list(
                "title", "certified_stars", "stockrecords__price", "stockrecords__num_in_stock"
            )
        ),
        "certificates": list(
            Certificate.objects.order_by("product__title", "decision_date", "id").values_list(
                "product__title", "stars", "score", "decision_number", "decision_date", "issuer"
            )
        ),
    }


@pytest.mark.real_on_commit
def test_same_seed_same_catalogue(monkeypatch, small_pictures):
    # Three producers' worth of the hand-written catalogue (every product goes through the
    # same random choices as in the full one); the site content is not drawn from the seed.
    monkeypatch.setattr(load_demo, "PRODUCERS", load_demo.PRODUCERS[:3])
    monkeypatch.setattr(load_demo.Command, "load_content", lambda self: None)

    first = catalogue_built(seed=3)
    again = catalogue_built(seed=3)
    other = catalogue_built(seed=4)

    assert len(first["products"]) >= 10 and first["certificates"]
    assert again == first
    assert other != first  # the seed is what decides


def test_negative_product_count_is_a_clear_error():
    with pytest.raises(CommandError, match="không âm"):
        call_command("load_demo", products=-5)
