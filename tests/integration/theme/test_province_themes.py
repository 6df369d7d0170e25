"""Themes per province (issue 11): a Wagtail Site's "Storefront" setting picks a theme
folder (themes/<name>/) over the default and a province whose producers its catalogue
lists, so one deployment serves a Đồng Nai and a Vĩnh Long storefront on their own hosts."""

import re
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, Site

from cms.home import HomePage
from cms.site_settings import Storefront
from storefront.themes import available
from tests.factories import ProducerFactory, ProductFactory, province

pytestmark = pytest.mark.django_db
THEMES = Path(__file__).resolve().parents[3] / "themes"


@pytest.fixture
def dong_nai_site(django_capture_on_commit_callbacks):
    root = Page.get_first_root_node()
    with django_capture_on_commit_callbacks(execute=True):
        home = root.add_child(instance=HomePage(title="Chợ OCOP Đồng Nai", slug="cho-dong-nai"))
        site = Site.objects.create(
            hostname="dongnai.localhost", port=80, root_page=home, site_name="Chợ OCOP Đồng Nai"
        )
        Storefront.objects.create(site=site, theme="dongnai", province_id=75)
    return site


@pytest.fixture
def products():
    return {
        "dong_nai": ProductFactory(title="Hạt điều Bình Phước", producer=ProducerFactory()),
        "vinh_long": ProductFactory(
            title="Kẹo dừa Bến Tre", producer=ProducerFactory(province=province(86))
        ),
    }


def page(client, url, host="127.0.0.1"):
    response = client.get(url, HTTP_HOST=host)
    assert response.status_code == 200
    return response.content.decode()


def test_ships_the_default_and_two_provincial_themes():
    assert {"default", "dongnai", "vinhlong"} <= set(available())
    for name in ("dongnai", "vinhlong"):
        assert (THEMES / name / "static/css/theme.css").is_file()
        assert (THEMES / name / "static/img/logo.svg").is_file()
        assert (THEMES / name / "templates/partials/brand.html").is_file()


def test_a_provincial_host_wears_its_theme_and_the_national_one_does_not(
    client, dong_nai_site, products
):
    # The same template, alternately for both hosts: the loader's cache is per theme.
    for _round in range(2):
        national = page(client, "/shop/catalogue/")
        provincial = page(client, "/shop/catalogue/", host="dongnai.localhost:8000")
        assert (
            "themes/dongnai/css/theme.css" not in national and "Chợ OCOP Đồng Nai" not in national
        )
        assert "themes/dongnai/css/theme.css" in provincial
        assert "themes/dongnai/img/logo.svg" in provincial and "Chợ OCOP Đồng Nai" in provincial


def test_a_provincial_catalogue_and_home_show_its_province(client, dong_nai_site, products):
    national = page(client, "/shop/catalogue/")
    assert "Hạt điều Bình Phước" in national and "Kẹo dừa Bến Tre" in national
    provincial = page(client, "/shop/catalogue/", host="dongnai.localhost")
    assert "Hạt điều Bình Phước" in provincial and "Kẹo dừa Bến Tre" not in provincial
    assert re.search(r"<h1>Sản phẩm OCOP của Đồng Nai</h1>", provincial)
    assert "Chợ OCOP Đồng Nai" in page(client, "/", host="dongnai.localhost")


def test_changing_the_setting_shows_on_the_next_request(
    client, dong_nai_site, products, django_capture_on_commit_callbacks
):
    assert "themes/dongnai/" in page(client, "/", host="dongnai.localhost")
    setting = Storefront.objects.get(site=dong_nai_site)
    setting.theme, setting.province_id = "vinhlong", 86
    with django_capture_on_commit_callbacks(execute=True):
        setting.save()
    html = page(client, "/shop/catalogue/", host="dongnai.localhost")
    assert "themes/vinhlong/css/theme.css" in html and "Kẹo dừa Bến Tre" in html
    assert "Hạt điều Bình Phước" not in html


def test_a_change_saved_through_another_worker_shows_on_the_next_request(
    dong_nai_site, products, settings, monkeypatch
):
    """Without Redis each gunicorn worker keeps the lookup in its own memory: the shared
    content version (its file) tells it that another worker saved the setting."""
    from storefront import pagecache

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    client = Client(headers={"Cookie": "sessionid=x"})  # not the page cache: the lookup
    assert "themes/dongnai/css/theme.css" in page(client, "/shop/catalogue/", "dongnai.localhost")

    with monkeypatch.context() as m:  # the other worker's write: this one is not told
        m.setattr(pagecache, "bump_version", lambda: None)
        Storefront.objects.filter(site=dong_nai_site).update(theme="vinhlong")
    assert "themes/dongnai/css/theme.css" in page(client, "/shop/catalogue/", "dongnai.localhost")

    pagecache.bump_version()  # what the other worker's commit wrote to the shared file
    assert "themes/vinhlong/css/theme.css" in page(client, "/shop/catalogue/", "dongnai.localhost")
    with CaptureQueriesContext(connection) as queries:  # and from then on no query for it
        page(client, "/shop/catalogue/", "dongnai.localhost")
    assert not [q for q in queries if Storefront._meta.db_table in q["sql"]]


def relative_luminance(hex_colour):
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a, b):
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@pytest.mark.parametrize(
    "css",
    [
        "default/static/css/site.css",
        "dongnai/static/css/theme.css",
        "vinhlong/static/css/theme.css",
    ],
)
def test_every_theme_brand_colour_passes_aa_on_white_and_under_white_text(css):
    text = (THEMES / css).read_text()
    tokens = dict(
        re.findall(r"--(brand|brand-dark|brand-soft|bg|ink|muted):\s*(#[0-9a-fA-F]{6})", text)
    )
    for name in ("brand", "brand-dark"):
        assert contrast(tokens[name], "#ffffff") >= 4.5, (css, name)
    if "brand-soft" in tokens:  # chips: brand-dark text on the soft background
        assert contrast(tokens["brand-dark"], tokens["brand-soft"]) >= 4.5, css


def test_header_links_are_relative_on_their_own_site_and_absolute_from_another(
    client, dong_nai_site, django_capture_on_commit_callbacks
):
    from cms.news import NewsIndexPage

    home = Site.objects.get(is_default_site=True).root_page
    with django_capture_on_commit_callbacks(execute=True):
        news = home.add_child(instance=NewsIndexPage(title="Tin tức", slug="tin-tuc"))
    root = news.get_url_parts()[1]
    national = page(client, "/").split("</header>")[0]
    assert 'href="/tin-tuc/"' in national
    provincial = page(client, "/shop/catalogue/", host="dongnai.localhost").split("</header>")[0]
    assert f'href="{root}/tin-tuc/"' in provincial and root.startswith("http")


def test_a_provincial_search_finds_its_province_only(client, dong_nai_site, products):
    national = page(client, "/shop/search/?q=keo+dua")
    assert "Kẹo dừa Bến Tre" in national
    provincial = page(client, "/shop/search/?q=hat+dieu", host="dongnai.localhost")
    assert "Hạt điều Bình Phước" in provincial
    assert "Kẹo dừa Bến Tre" not in page(
        client, "/shop/search/?q=keo+dua", host="dongnai.localhost"
    )


def test_a_provincial_storefront_is_its_own_in_titles_producers_and_fairs(
    client, dong_nai_site, products
):
    """From the trial: the provincial title said the national name, its producer list and
    its home's fairs were the whole country's."""
    import datetime

    from django.utils import timezone

    from fairs.models import FairIndexPage, FairPage

    html = page(client, "/shop/catalogue/", host="dongnai.localhost")
    assert re.search(r"<title>[^<]*Chợ OCOP Đồng Nai</title>", html)
    producers = page(client, "/shop/catalogue/producers/", host="dongnai.localhost")
    assert products["dong_nai"].producer.name in producers
    assert products["vinh_long"].producer.name not in producers
    assert products["vinh_long"].producer.name in page(client, "/shop/catalogue/producers/")

    index = Site.objects.get(is_default_site=True).root_page.add_child(
        instance=FairIndexPage(title="Hội chợ", slug="hoi-cho")
    )
    start = timezone.localdate() + datetime.timedelta(days=10)
    for title, code in (("Hội chợ Đồng Nai", 75), ("Tuần lễ Vĩnh Long", 86)):
        index.add_child(
            instance=FairPage(
                title=title,
                start_date=start,
                end_date=start,
                venue="Trung tâm",
                province_id=code,
                organiser="Sở Công Thương",
                booths=10,
            )
        )
    home = dong_nai_site.root_page.specific
    home.body = [("upcoming_fairs", {"title": "Hội chợ sắp diễn ra", "count": 3})]
    home.save_revision().publish()
    html = page(client, "/", host="dongnai.localhost")
    assert "Hội chợ Đồng Nai" in html and "Tuần lễ Vĩnh Long" not in html
