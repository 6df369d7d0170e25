"""Put the demo content in place: home page blocks, news, producer stories, programme and
policy pages, two fairs, and English versions. Runs once (skipped when news exists)."""

import datetime

from django.core.files.images import ImageFile
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Locale, Site
from wagtail.rich_text import RichText

from catalogue.demo.images import draw_scene
from catalogue.models import Producer, Product
from cms.demo.news import NEWS, STORIES
from cms.demo.pages import FAIRS, POLICIES, PROGRAMME
from cms.demo.storefronts import load_storefronts
from cms.models import (
    HomePage,
    NewsIndexPage,
    NewsPage,
    PolicyPage,
    ProducerStoryPage,
    ProgrammePage,
)
from fairs.models import FairIndexPage, FairPage

COLOURS = [
    ((178, 34, 34), (255, 244, 214)),
    ((27, 94, 32), (241, 248, 233)),
    ((121, 85, 72), (255, 248, 225)),
    ((13, 71, 161), (227, 242, 253)),
]


def paragraphs(texts):
    return [("paragraph", RichText(f"<p>{text}</p>")) for text in texts]


ENGLISH_TITLES = {
    "Sản phẩm nổi bật": "Featured products",
    "Mới đạt 5 sao": "Newly rated 5 stars",
    "Tin tức OCOP": "OCOP news",
    "Đặc sản Vĩnh Long": "Specialities of Vĩnh Long",
    "Hội chợ sắp diễn ra": "Upcoming trade fairs",
}
ENGLISH_SPOTLIGHT = (
    "A cooperative that turns the straw left after the rice harvest into clean mushrooms, "
    "picked every morning."
)


def english_block(block):
    """A home block's value with its words in English (the English home kept the
    Vietnamese headings)."""
    value = dict(block.value)
    if "title" in value:
        value["title"] = ENGLISH_TITLES.get(value["title"], value["title"])
    if block.block_type == "producer_spotlight":
        value["text"] = ENGLISH_SPOTLIGHT
    return value


def publish(page):
    page.save_revision().publish()
    return page


class ContentLoader:
    def __init__(self, say=print, image_size=900):
        self.say = say
        self.image_size = image_size
        self.today = timezone.localdate()
        self.images = {}

    def load(self):
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        home = site.root_page.specific if site else None
        if home is None or NewsIndexPage.objects.exists():
            self.say("Demo content already present; left as it is.")
            return
        news_index = self.news(home)
        about, policies = self.programme(home)
        fair_index = self.fairs(home)
        self.arrange_home(home)
        self.english(
            [
                home,
                news_index,
                about,
                *about.get_children().specific(),
                policies,
                *policies.get_children().specific(),
                fair_index,
                *fair_index.get_children().specific(),
            ]
        )
        load_storefronts(self.image, publish, say=self.say)
        self.say(
            f"Demo content: {NewsPage.objects.count()} articles, "
            f"{PolicyPage.objects.count()} policy pages, {FairPage.objects.count()} fairs."
        )

    def image(self, title, index):
        if title not in self.images:
            data, (x, y, w, h) = draw_scene(title, COLOURS[index % len(COLOURS)], self.image_size)
            from io import BytesIO

            image = get_image_model()(title=title)
            image.file = ImageFile(BytesIO(data), name=f"news-{index}.jpg")
            # The subject's box: Wagtail's fill crops keep it (the hero was cut through it).
            # Whole numbers, as the database keeps them: a rendition is keyed by its focal point.
            image.focal_point_x, image.focal_point_y = x + w // 2, y + h // 2
            image.focal_point_width, image.focal_point_height = w, h
            image.save()
            self.images[title] = image
        return self.images[title]

    def products(self, titles):
        found = []
        for title in titles:
            product = Product.objects.filter(title__startswith=title).order_by("pk").first()
            if product:
                found.append(("product", product))
        return found

    def news(self, home):
        index = home.add_child(
            instance=NewsIndexPage(
                title="Tin tức",
                slug="tin-tuc",
                intro="<p>Tin chương trình OCOP, chính sách, thị trường và câu chuyện chủ thể.</p>",
            )
        )
        publish(index)
        for n, item in enumerate(NEWS + STORIES):
            fields = {
                "title": item["title"],
                "slug": item["slug"],
                "date": self.today - datetime.timedelta(days=item["days"]),
                "author": item["author"],
                "lead": item["lead"],
                "body": paragraphs(item["paragraphs"]),
                "related_products": self.products(item["products"]),
                "lead_image": self.image(item["title"], n),
            }
            producer = Producer.objects.filter(name=item.get("producer", "")).first()
            if "producer" in item and producer is None:
                continue  # the demo catalogue is not there (tests): no story without it
            if producer:
                page = ProducerStoryPage(producer=producer, **fields)
            else:
                page = NewsPage(category=item["category"], **fields)
            index.add_child(instance=page)
            page.tags.add(*item["tags"])
            publish(page)
        return index

    def programme(self, home):
        about = home.add_child(
            instance=ProgrammePage(
                title=PROGRAMME[0]["title"],
                slug=PROGRAMME[0]["slug"],
                lead=PROGRAMME[0]["lead"],
                body=paragraphs(PROGRAMME[0]["paragraphs"]),
            )
        )
        publish(about)
        for item in PROGRAMME[1:]:
            publish(
                about.add_child(
                    instance=ProgrammePage(
                        title=item["title"],
                        slug=item["slug"],
                        lead=item["lead"],
                        body=paragraphs(item["paragraphs"]),
                    )
                )
            )
        policies = home.add_child(
            instance=ProgrammePage(
                title="Chính sách và quy chế",
                slug="chinh-sach",
                lead="Các chính sách sàn công bố theo quy định về thương mại điện tử.",
                body=[],
            )
        )
        publish(policies)
        for item in POLICIES:
            page = PolicyPage(
                title=item["title"],
                slug=item["slug"],
                kind=item["kind"],
                effective_from=self.today - datetime.timedelta(days=item["effective_days_ago"]),
                body=paragraphs(item["paragraphs"]),
            )
            if item.get("upcoming"):
                page.upcoming_body = paragraphs(item["upcoming"])
                page.upcoming_effective_from = self.today + datetime.timedelta(
                    days=item["upcoming_in_days"]
                )
            policies.add_child(instance=page)
            publish(page)
        return about, policies

    def fairs(self, home):
        index = home.add_child(instance=FairIndexPage(title="Hội chợ, triển lãm", slug="hoi-cho"))
        publish(index)
        for item in FAIRS:
            start = self.today + datetime.timedelta(days=item["in_days"])
            publish(
                index.add_child(
                    instance=FairPage(
                        title=item["title"],
                        slug=item["slug"],
                        start_date=start,
                        end_date=start + datetime.timedelta(days=item["length"] - 1),
                        venue=item["venue"],
                        province_id=item["province"],
                        organiser=item["organiser"],
                        booths=item["booths"],
                        intro=item["intro"],
                    )
                )
            )
        return index

    def arrange_home(self, home):
        spotlight = Producer.objects.filter(name="HTX Nấm rơm Xuân Lộc").first()
        featured = self.products(
            [
                "Bưởi da xanh Chợ Lách",
                "Nấm rơm sạch Đồng Nai",
                "Cà phê Robusta rang mộc",
                "Kẹo dừa sầu riêng",
            ]
        )
        home.body = [
            (
                "hero",
                {
                    "title": "Sản phẩm OCOP chính hãng, từ tận nơi sản xuất",
                    "text": "Mỗi sản phẩm ghi rõ số sao, số quyết định công nhận và thời hạn hiệu "
                    "lực, mua thẳng từ chủ thể sản xuất.",
                    "image": self.image("Chợ OCOP – sản phẩm mỗi xã", 100),
                    "button_text": "Xem tất cả sản phẩm",
                    "button_link": "/shop/catalogue/",
                },
            ),
            (
                "featured_products",
                {"title": "Sản phẩm nổi bật", "products": [p for _kind, p in featured]},
            ),
            (
                "product_row",
                {
                    "title": "Mới đạt 5 sao",
                    "rule": "newest-5",
                    "province": "",
                    "group": "",
                    "count": 8,
                },
            ),
            ("latest_news", {"title": "Tin tức OCOP", "category": "", "count": 4}),
            (
                "product_row",
                {
                    "title": "Đặc sản Vĩnh Long",
                    "rule": "province",
                    "province": "86",
                    "group": "",
                    "count": 8,
                },
            ),
            ("upcoming_fairs", {"title": "Hội chợ sắp diễn ra", "count": 3}),
        ]
        if spotlight:
            home.body.append(
                (
                    "producer_spotlight",
                    {
                        "producer": spotlight,
                        "text": "Hợp tác xã biến rơm rạ sau vụ lúa thành nấm sạch, thu hái mỗi "
                        "sáng.",
                        "image": None,
                    },
                )
            )
        publish(home)

    def english(self, pages):
        locale, _created = Locale.objects.get_or_create(language_code="en")
        english = {item["slug"]: item.get("en") for item in NEWS + PROGRAMME + POLICIES + FAIRS}
        for page in pages:
            if page.get_translations().filter(locale=locale).exists():
                continue
            copy = page.copy_for_translation(locale, copy_parents=True).specific
            text = english.get(page.slug)
            if isinstance(copy, HomePage):
                copy.title = "OCOP Market"
                copy.body = [
                    (b.block_type, english_block(b)) for b in page.body if b.block_type != "hero"
                ]
                copy.body.insert(
                    0,
                    (
                        "hero",
                        {
                            "title": "Genuine OCOP products, straight from the producers",
                            "text": "Every product shows its stars, the recognition decision and "
                            "how long it is valid, bought straight from its producer.",
                            "image": page.body[0].value["image"],
                            "button_text": "See all products",
                            "button_link": "/en/shop/catalogue/",
                        },
                    ),
                )
            elif isinstance(copy, NewsIndexPage):
                copy.title, copy.intro = "News", "<p>OCOP programme news, policy and markets.</p>"
            elif isinstance(copy, FairIndexPage):
                copy.title = "Trade fairs"
            elif isinstance(copy, FairPage) and text:
                for name in ("title", "venue", "organiser", "intro"):
                    setattr(copy, name, text[name])
            elif page.slug == "chinh-sach":
                copy.title, copy.lead = "Policies and rules", "What the law asks us to publish."
            elif text:
                copy.title = text["title"]
                if hasattr(copy, "lead") and text.get("lead"):
                    copy.lead = text["lead"]
                copy.body = paragraphs(text["paragraphs"])
                if isinstance(copy, PolicyPage):
                    copy.upcoming_body, copy.upcoming_effective_from = [], None
            publish(copy)
        for item in NEWS:
            if item.get("en"):
                page = NewsPage.objects.get(slug=item["slug"], locale__language_code="vi")
                copy = page.copy_for_translation(locale, copy_parents=True).specific
                copy.title, copy.lead = item["en"]["title"], item["en"]["lead"]
                copy.body = paragraphs(item["en"]["paragraphs"])
                publish(copy)
