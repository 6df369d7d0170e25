"""Build the demo catalogue, offline and repeatably.

    python manage.py load_demo                    # 21 producers, ~140 products (first run only)
    python manage.py load_demo --products 100000  # then grow the catalogue for benchmarks

The same --seed gives the same catalogue. Running it again adds nothing unless --products
asks for more products than exist.
"""

import datetime
import random
import time
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone
from oscar.apps.partner.models import StockRecord

from catalogue.certificates import DISTRICTS_ABOLISHED, valid_until_for
from catalogue.demo.data import GROUP_COLOURS, PRODUCERS, PRODUCTS, SIZES
from catalogue.demo.images import draw_product
from catalogue.models import (
    Category,
    Certificate,
    Producer,
    ProducerPhoto,
    Product,
    ProductCategory,
    ProductClass,
    ProductImage,
    Standard,
)
from storefront.images import make_renditions
from storefront.places.models import Province, Ward
from storefront.text import slugify

MINISTRY_RENAMED = datetime.date(2025, 3, 1)  # MARD + MONRE merged into one ministry


class Command(BaseCommand):
    help = "Load the demo OCOP catalogue (producers, certified products, images)."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2025, help="random seed (default 2025)")
        parser.add_argument(
            "--products",
            type=int,
            default=0,
            help="grow the catalogue to at least this many products (for benchmarks)",
        )

    def say(self, message):
        if self.verbosity:
            self.stdout.write(message)

    def handle(self, *args, seed, products, verbosity=1, **options):
        self.verbosity = verbosity
        if products < 0:
            raise CommandError("--products phải là số không âm / must be zero or more.")
        if not Province.objects.exists() or not Category.objects.exists():
            raise CommandError(
                "Chưa có dữ liệu tỉnh và danh mục: hãy chạy `manage.py migrate` trước. / "
                "Provinces and categories are missing: run `manage.py migrate` first."
            )
        started = time.monotonic()
        rng = random.Random(seed)
        if Producer.objects.exists():
            self.say("Demo catalogue already present; base data left as it is.")
        else:
            with transaction.atomic():
                self.build_base(rng)
        self.load_content()
        self.load_sellers()
        self.load_fairs()
        total = Product.objects.count()
        if products > total:
            self.grow(products - total, rng)
            # Bulk inserts send no signals: index the new products in one rebuild.
            from search.indexing import rebuild

            self.say(f"Search index: {rebuild()} products.")
        # Fresh statistics after a bulk load: without them SQLite picks the parent_id index
        # for listings and sorts 100k rows per page (0.8 s instead of 0.06 s).
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        self.say(
            self.style.SUCCESS(
                f"{Producer.objects.count()} producers, {Product.objects.count()} products "
                f"({time.monotonic() - started:.1f}s)."
            )
        )

    # --- the hand-written catalogue ---------------------------------------------------------

    def build_base(self, rng):
        today = timezone.localdate()
        goods = ProductClass.objects.get_or_create(
            name="Sản phẩm OCOP", defaults={"requires_shipping": True, "track_stock": True}
        )[0]
        tours = ProductClass.objects.get_or_create(
            name="Trải nghiệm du lịch", defaults={"requires_shipping": False, "track_stock": True}
        )[0]
        categories = {c.code: c for c in Category.objects.exclude(code=None)}
        standards = {s.code: s for s in Standard.objects.all()}
        provinces = {p.code: p for p in Province.objects.all()}
        made = 0
        for index, row in enumerate(PRODUCERS):
            name, kind, province_code, street, reg, phone, story, district = row
            province = provinces[province_code]
            wards = list(Ward.objects.filter(province=province).order_by("code"))
            producer = Producer(
                name=name,
                kind=kind,
                province=province,
                ward=rng.choice(wards),
                street=street,
                registration_number=reg,
                phone=phone,
                email=f"lienhe@{slugify(name)[:30].strip('-')}.vn",
                story=story,
                verified=index % 5 != 4,
            )
            producer.save()
            self.add_producer_photo(producer, rng)
            for spec in PRODUCTS.get(name, []):
                title, code, price, std_codes, sizes, description = spec
                category = categories[code]
                group = code.split(".")[0]
                image_names = self.draw_images(title, GROUP_COLOURS[group], count=2)
                cert_plan = self.plan_certificate(rng, name, title, district, province, today)
                for size_label, factor in SIZES[sizes]:
                    product = Product.objects.create(
                        title=f"{title} – {size_label}" if size_label else title,
                        description=description,
                        product_class=tours if group == "VI" else goods,
                        producer=producer,
                        is_public=True,
                        listing_state=Product.ListingState.LIVE,
                    )
                    ProductCategory.objects.create(product=product, category=category)
                    product.standards.set(standards[c] for c in std_codes)
                    StockRecord.objects.create(
                        product=product,
                        partner=producer.partner,
                        partner_sku=f"{producer.pk}-{product.pk}",
                        price_currency="VND",
                        price=Decimal(round(price * factor, -3)),
                        num_in_stock=rng.choice([0, 4, 12, 25, 40, 60, 120]) if made % 11 else 0,
                    )
                    for order, image_name in enumerate(image_names):
                        image = ProductImage(
                            product=product,
                            display_order=order,
                            caption=product.title,
                            original=image_name,
                        )
                        image._skip_renditions = True  # drawn once per product, above
                        image.save()
                    for cert in cert_plan:
                        Certificate.objects.create(
                            product=product,
                            producer=producer,
                            review_state=Certificate.ReviewState.VERIFIED,
                            **cert,
                        )
                    made += 1
        self.say(f"Created {len(PRODUCERS)} producers and {made} products.")

    def plan_certificate(self, rng, producer_name, title, district, province, today):
        """The certificates (oldest first) a demo product carries; [] when uncertified."""
        if title == "Chà bông nấm rơm":
            return []  # on sale, awaiting its first rating
        if title == "Mật ong rừng Nam Cát Tiên":
            # Rated in 2022, never re-rated: the shop must say it has expired.
            date = today - relativedelta(months=40)
            return [self.certificate(rng, 3, date, district, province)]
        stars = rng.choices([3, 4, 5], weights=[5, 4, 1])[0]
        if title in ("Nước mắm cá cơm Cái Rồng 40 độ đạm", "Chè búp Tân Cương đặc biệt"):
            stars = 5
        date = today - datetime.timedelta(days=rng.randint(20, 34 * 30))
        plan = [self.certificate(rng, stars, date, district, province)]
        if title in ("Bưởi da xanh Chợ Lách", "Kẹo dừa sầu riêng", "Dầu dừa ép lạnh"):
            # A renewal: the earlier, lower rating stays in the history.
            old = date - relativedelta(months=36)
            plan.insert(0, self.certificate(rng, 3, old, district, province))
        return plan

    def certificate(self, rng, stars, date, district, province):
        low, high = settings.OCOP_STAR_BANDS[stars]
        if stars == 5:
            issuer = (
                "Bộ Nông nghiệp và Môi trường"
                if date >= MINISTRY_RENAMED
                else "Bộ Nông nghiệp và Phát triển nông thôn"
            )
            level, number = Certificate.IssuerLevel.CENTRAL, f"{rng.randint(100, 5999)}/QĐ-BNN"
        elif stars == 3 and district and date < DISTRICTS_ABOLISHED:
            issuer, level = district, Certificate.IssuerLevel.FORMER_DISTRICT
            number = f"{rng.randint(100, 9999)}/QĐ-UBND"
        else:
            prefix = "UBND " if province.name.startswith("Thành phố") else "UBND tỉnh "
            issuer, level = prefix + province.name, Certificate.IssuerLevel.PROVINCE
            number = f"{rng.randint(100, 5999)}/QĐ-UBND"
        return {
            "stars": stars,
            "score": rng.randint(low, high),
            "decision_number": number,
            "decision_date": date,
            "issuer": issuer,
            "issuer_level": level,
        }

    def draw_images(self, title, colours, count):
        """Draw `count` pictures of a product once; every size of it shares the files."""
        names = []
        for variant in range(count):
            data = draw_product(title, colours, variant=variant)
            name = default_storage.save(
                f"images/products/demo/{slugify(title)}-{variant}.jpg", ContentFile(data)
            )
            field = ProductImage(original=name).original
            make_renditions(field)
            names.append(name)
        return names

    def add_producer_photo(self, producer, rng):
        data = draw_product(producer.name, GROUP_COLOURS[rng.choice(list(GROUP_COLOURS))])
        photo = ProducerPhoto(producer=producer, caption=producer.name)
        photo.image.save(f"{producer.slug}.jpg", ContentFile(data), save=True)

    def load_content(self):
        """Home page blocks, news, policies and fairs (cms/demo): once."""
        from cms.demo.loader import ContentLoader

        with transaction.atomic():
            ContentLoader(say=self.say).load()

    def load_fairs(self):
        """Fairs past, ongoing and upcoming with booth applications in every state (fairs/)."""
        from fairs import demo

        demo.load(self.say)

    def load_sellers(self):
        """A login per producer, listings in every state, parcels to ship (storefront/seller)."""
        from storefront.seller import demo

        logins = demo.load(self.say)
        if logins:
            self.say(
                "Đăng nhập kênh người bán / seller logins "
                f"(http://127.0.0.1:8000/ban-hang/kenh/, also in {demo.logins_file()}):"
            )
            for line in logins:
                self.say(f"  {line}")

    # --- scaling for benchmarks -------------------------------------------------------------

    def grow(self, count, rng, batch=5000):
        """Add `count` products copied from the hand-written ones, in bulk."""
        # Only products a shopper sees as they are: not the seller demo's draft, pending
        # or rejected listings (a live copy of "Quà biếu đặc sản (bản nháp)"), nor a product
        # in options copied without its options (priced "on request", never in stock).
        templates = list(
            Product.objects.filter(
                producer__isnull=False,
                structure=Product.STANDALONE,
                is_public=True,
                listing_state=Product.ListingState.LIVE,
            )
            .select_related("producer__partner")
            .prefetch_related("categories", "stockrecords", "images", "standards")
            .order_by("id")
        )
        if not templates:
            raise CommandError("Load the base demo catalogue first.")
        certificates = {}
        for cert in Certificate.objects.order_by("decision_date", "id"):
            certificates[cert.product_id] = cert  # the latest wins
        start = Product.objects.count()
        done = 0
        self.say(f"Adding {count} products in batches of {batch}...")
        while done < count:
            n = min(batch, count - done)
            with transaction.atomic():
                self.grow_batch(templates, certificates, start + done, n, rng)
            done += n
            self.say(f"  {done}/{count}")

    def grow_batch(self, templates, certificates, offset, n, rng):
        picks = [templates[(offset + i) % len(templates)] for i in range(n)]
        new = []
        for i, t in enumerate(picks):
            title = f"{t.title} · lô {offset + i + 1}"
            cert = certificates.get(t.id)
            new.append(
                Product(
                    title=title,
                    slug=slugify(title)[:255],
                    description=t.description,
                    product_class_id=t.product_class_id,
                    producer_id=t.producer_id,
                    is_public=True,
                    listing_state=Product.ListingState.LIVE,
                    structure=Product.STANDALONE,
                    certified_stars=cert.stars if cert else None,
                    certified_until=cert.valid_until if cert else None,
                )
            )
        Product.objects.bulk_create(new, batch_size=1000)
        links, stock, images, certs, stds = [], [], [], [], []
        through = Product.standards.through
        for product, t in zip(new, picks, strict=True):
            for c in t.categories.all():
                links.append(ProductCategory(product_id=product.id, category_id=c.id))
            for s in t.stockrecords.all():
                stock.append(
                    StockRecord(
                        product_id=product.id,
                        partner_id=s.partner_id,
                        partner_sku=f"{s.partner_id}-{product.id}",
                        price_currency="VND",
                        price=s.price,
                        num_in_stock=rng.choice([0, 5, 20, 80]),
                    )
                )
            for img in t.images.all():
                images.append(
                    ProductImage(
                        product_id=product.id,
                        original=img.original.name,
                        caption=product.title,
                        display_order=img.display_order,
                    )
                )
            for s in t.standards.all():
                stds.append(through(product_id=product.id, standard_id=s.code))
            cert = certificates.get(t.id)
            if cert:
                certs.append(
                    Certificate(
                        product_id=product.id,
                        producer_id=t.producer_id,
                        stars=cert.stars,
                        score=cert.score,
                        decision_number=cert.decision_number,
                        decision_date=cert.decision_date,
                        issuer=cert.issuer,
                        issuer_level=cert.issuer_level,
                        valid_until=valid_until_for(cert.decision_date),
                        review_state=Certificate.ReviewState.VERIFIED,
                    )
                )
        ProductCategory.objects.bulk_create(links, batch_size=2000)
        StockRecord.objects.bulk_create(stock, batch_size=2000)
        ProductImage.objects.bulk_create(images, batch_size=2000)
        Certificate.objects.bulk_create(certs, batch_size=2000)
        through.objects.bulk_create(stds, batch_size=2000)
