"""Two provincial storefronts beside the national one, each a Wagtail Site on its own host
name with its own theme, home page and province: what one deployment can serve."""

from urllib.parse import urlsplit

from django.conf import settings
from wagtail.models import Locale, Page, Site

from catalogue.models import Product
from cms.home import HomePage
from cms.site_settings import Storefront

STOREFRONTS = [
    {
        "host": "dongnai.localhost",
        "theme": "dongnai",
        "province": 75,
        "colour": 1,  # the demo's green (cms/demo/loader.py COLOURS)
        "slug": "cho-ocop-dong-nai",
        "title": "Chợ OCOP Đồng Nai",
        "hero": "Nấm rơm, hạt điều, cà phê: sản phẩm OCOP của Đồng Nai",
        "text": "Từ Xuân Lộc đến Bình Phước, mua thẳng từ hợp tác xã và cơ sở sản xuất "
        "được công nhận OCOP.",
        "row": "Mới lên kệ ở Đồng Nai",
    },
    {
        "host": "vinhlong.localhost",
        "theme": "vinhlong",
        "province": 86,
        "colour": 3,  # blue
        "slug": "cho-ocop-vinh-long",
        "title": "Chợ OCOP Vĩnh Long",
        "hero": "Xứ dừa Bến Tre, Trà Vinh, Vĩnh Long",
        "text": "Kẹo dừa, bưởi da xanh, mật ong hoa dừa: đặc sản OCOP miền sông nước, "
        "giao tận nhà.",
        "row": "Đặc sản xứ dừa",
    },
]


def load_storefronts(image_for, publish, say=print):
    """Create the provincial Sites (skipped when present); `image_for(title, n)` gives a
    hero picture, `publish(page)` publishes a page."""
    default = Site.objects.filter(is_default_site=True).first()
    if default is not None:
        Storefront.objects.get_or_create(site=default)
        if (default.hostname, default.port) == ("localhost", 80):
            # Wagtail's first Site: give it the address the demo is served on, so links
            # from a provincial storefront to the national one (news, fairs) work.
            address = urlsplit(settings.SITE_URL)
            default.hostname = address.hostname or "localhost"
            default.port = address.port or (443 if address.scheme == "https" else 80)
            default.save()
    locale = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
    root = Page.get_first_root_node()
    for item in STOREFRONTS:
        if Site.objects.filter(hostname=item["host"]).exists():
            continue
        featured = list(
            Product.objects.browsable()
            .filter(producer__province_id=item["province"], parent=None)
            .order_by("-certified_stars", "pk")[:4]
        )
        home = root.add_child(
            instance=HomePage(title=item["title"], slug=item["slug"], locale=locale)
        )
        home.body = [
            (
                "hero",
                {
                    "title": item["hero"],
                    "text": item["text"],
                    "image": image_for(item["title"], item["colour"]),
                    "button_text": "Xem sản phẩm của tỉnh",
                    "button_link": "/shop/catalogue/",
                },
            ),
            *(
                [("featured_products", {"title": "Sản phẩm tiêu biểu", "products": featured})]
                if featured
                else []
            ),
            (
                "product_row",
                {
                    "title": item["row"],
                    "rule": "province",
                    "province": str(item["province"]),
                    "group": "",
                    "count": 8,
                },
            ),
            ("upcoming_fairs", {"title": "Hội chợ sắp diễn ra", "count": 3}),
        ]
        publish(home)
        site = Site.objects.create(
            hostname=item["host"], port=80, root_page=home, site_name=item["title"]
        )
        Storefront.objects.update_or_create(
            site=site, defaults={"theme": item["theme"], "province_id": item["province"]}
        )
        say(f"Storefront {item['title']}: http://{item['host']}:8000/")
