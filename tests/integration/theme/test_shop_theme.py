"""One theme on every public page (issue 11): Oscar's own pages inside our design, the
account area's menu, the catalogue with its products first, buying from the cards."""

import re

import pytest
from django.contrib.auth import get_user_model

from catalogue.models import Category
from tests.factories import CertificateFactory, ProductFactory

pytestmark = pytest.mark.django_db

OSCAR_PAGES = [
    "/shop/basket/",
    "/shop/accounts/login/",
    "/shop/password-reset/",
]
ACCOUNT_PAGES = [
    "/shop/accounts/orders/",
    "/shop/accounts/addresses/",
    "/shop/accounts/profile/",
    "/shop/accounts/wishlists/",
    "/shop/accounts/notifications/inbox/",
    "/shop/accounts/alerts/",
    "/shop/accounts/emails/",
    "/shop/accounts/change-password/",
]


@pytest.fixture
def signed_in(client):
    user = get_user_model().objects.create_user("lan", "lan@example.vn", "mat-khau-dai-123")
    client.force_login(user)
    return user


def body(response):
    assert response.status_code == 200, response
    return response.content.decode()


@pytest.mark.parametrize("url", OSCAR_PAGES)
def test_oscar_pages_are_drawn_in_our_theme_not_bootstrap(client, url):
    html = body(client.get(url))
    assert "oscar/css/styles.css" not in html
    assert 'class="site-header"' in html and "css/site.css" in html


@pytest.mark.parametrize("url", ACCOUNT_PAGES)
def test_every_account_page_has_the_account_menu(client, signed_in, url):
    html = body(client.get(url))
    assert "oscar/css/styles.css" not in html
    menu = html.split('class="account-nav"')[1].split("</nav>")[0]
    for link in (
        "/shop/accounts/orders/",
        "/shop/accounts/addresses/",
        "/shop/accounts/wishlists/",
    ):
        assert f'href="{link}"' in menu
    assert menu.count('aria-current="page"') == 1
    assert 'action="/shop/accounts/logout/" method="post"' in menu


def test_account_menu_speaks_english_on_the_english_site(client, signed_in):
    menu = body(client.get("/en/shop/accounts/orders/")).split('class="account-nav"')[1]
    assert "Address book" in menu and "Sổ địa chỉ" not in menu


@pytest.fixture
def listing():
    food = ProductFactory(title="Kẹo dừa Bến Tre")
    CertificateFactory(product=food, stars=4)
    ProductFactory(title="Đèn tre trang trí", category=Category.objects.get(code="IV.1"))
    return food


@pytest.mark.parametrize("url", ["/shop/catalogue/", "/shop/search/?q=keo"])
def test_listings_show_products_before_the_filters(client, listing, url):
    html = body(client.get(url))
    assert html.index('class="results"') < html.index('id="filters"')
    assert 'href="#filters" data-drawer="filters"' in html


def test_search_shows_chosen_filters_as_chips(client, listing):
    html = body(client.get("/shop/search/?q=keo&stars=4"))
    chips = html.split('class="chips"')[1].split("</ul>")[0]
    assert "4★" in chips and 'href="?q=keo"' in chips


def test_product_groups_are_named_once_in_the_sidebar(client, listing):
    sidebar = body(client.get("/shop/catalogue/")).split('id="filters"')[1]
    titles = re.findall(r"<summary>(.*?)</summary>", sidebar)
    assert titles.count("Nhóm sản phẩm") == 1 and len(titles) == len(set(titles)), titles


def test_a_group_chosen_by_parameter_is_the_heading(client, listing):
    food = Category.objects.get(depth=1, code="I")
    html = body(client.get(f"/shop/catalogue/?group={food.pk}"))
    heading = re.search(r"<h1>(.*?)</h1>", html).group(1)
    assert heading == food.display_name
    assert "Kẹo dừa Bến Tre" in html and "Đèn tre trang trí" not in html
    # The chosen group can be taken off again.
    assert 'class="chips"' in html and 'href="/shop/catalogue/"' in html.split('class="chips"')[1]


def test_a_card_adds_its_product_to_the_basket(client, listing):
    html = body(client.get("/shop/catalogue/"))
    action = f'action="/shop/basket/add/{listing.pk}/"'
    assert action in html.split('class="results"')[1]
    response = client.post(
        f"/shop/basket/add/{listing.pk}/", {"quantity": 1}, HTTP_REFERER="/shop/catalogue/"
    )
    assert response.status_code == 302
    header = body(client.get("/shop/catalogue/")).split("</header>")[0]
    assert re.search(r'class="cart-count">.*?1.*?</span>', header)


def test_the_product_page_keeps_a_buy_bar_in_reach(client, listing):
    html = body(client.get(listing.get_absolute_url()))
    bar = html.split('class="buy-bar"')[1].split("</div>")[0]
    assert 'form="add-to-basket"' in bar and "150.000" in bar
    assert 'id="add-to-basket"' in html


@pytest.fixture
def basket_with(client, listing):
    client.post(f"/shop/basket/add/{listing.pk}/", {"quantity": 2})
    return listing


def test_basket_quantity_has_a_label_and_headings_stay_out_of_table_cells(client, basket_with):
    html = body(client.get("/shop/basket/"))
    field = re.search(r'<input type="number" name="form-0-quantity" id="([^"]+)"', html)
    assert field and f'<label for="{field.group(1)}">' in html
    assert not re.search(r"<th[^>]*>\s*<h\d", html)
    assert "300.000" in html  # 2 × 150.000 ₫


def test_basket_line_is_removed_by_its_button_without_script(client, basket_with):
    html = body(client.get("/shop/basket/"))
    assert '<button type="submit" class="link-button" name="form-0-DELETE" value="on">' in html
    form = {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "1",
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "1000",
        "form-0-id": re.search(r'name="form-0-id" value="(\d+)"', html).group(1),
        "form-0-quantity": "2",
        "form-0-DELETE": "on",
    }
    assert client.post("/shop/basket/", form).status_code == 302
    assert "Giỏ hàng của bạn đang trống" in body(client.get("/shop/basket/"))


def heading_levels(html):
    return [int(n) for n in re.findall(r"<h([1-6])[\s>]", html.split("</header>", 1)[1])]


@pytest.mark.parametrize(
    "url", ["/shop/catalogue/", "/shop/catalogue/stars/4/", "/shop/search/?q=keo", "/shop/basket/"]
)
def test_listing_headings_do_not_skip_a_level(client, listing, url):
    levels = heading_levels(body(client.get(url)))
    assert levels[0] == 1
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False)), levels


def test_star_badges_are_images_with_a_name(client, listing):
    html = body(client.get("/shop/catalogue/"))
    stars = re.findall(r'<span class="ocop-stars"[^>]*>', html)
    assert stars and all('role="img"' in s and "aria-label=" in s for s in stars)
    assert all(re.search(r'aria-label="OCOP ([3-5]) sao" title="OCOP \1★"', s) for s in stars)
    english = re.findall(r'<span class="ocop-stars"[^>]*>', body(client.get("/en/shop/catalogue/")))
    assert english and all(re.search(r'aria-label="[3-5] star OCOP"', s) for s in english)


def test_the_wish_list_form_speaks_vietnamese(client, signed_in):
    """Oscar's form said "Share wishlist" in English and "Tầm nhìn" (sight) for visibility."""
    html = body(client.get("/shop/accounts/wishlists/create/"))
    main = html.split('id="main"')[1].split("</main>")[0]
    assert "Share wishlist" not in main and "If you want to share" not in main
    assert "Tầm nhìn" not in main and "Ai được xem" in main and "Chia sẻ danh sách" in main
    assert "mong muốn" not in main


def test_product_pictures_offer_webp_sizes(client, settings, tmp_path):
    """Cards and the product page offer pre-made WebP renditions by width (srcset)."""
    from catalogue.models import ProductImage
    from tests.factories import jpeg_upload

    settings.MEDIA_ROOT = str(tmp_path)
    product = ProductFactory(title="Mật ong rừng")
    ProductImage.objects.create(product=product, original=jpeg_upload(size=(800, 800)))
    card = body(client.get("/shop/catalogue/")).split('class="card"')[1]
    assert re.search(r'srcset="[^"]+\.w320\.webp 320w, [^"]+\.w640\.webp 640w"', card)
    page = body(client.get(product.get_absolute_url())).split('class="gallery"')[1]
    assert re.search(
        r'srcset="[^"]+w320\.webp 320w, [^"]+w640\.webp 640w, [^"]+w1200\.webp 1200w"', page
    )


@pytest.mark.parametrize("url", ["/shop/accounts/login/", "/shop/accounts/wishlists/create/"])
def test_account_pages_have_a_first_level_heading_and_no_skips(client, signed_in, url):
    """From the trial: the sign-in page had no <h1>; the wish-list form went from h1 to h3."""
    if url.endswith("login/"):
        client.logout()
    levels = heading_levels(body(client.get(url)))
    assert levels[0] == 1, levels
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False)), levels


def test_a_very_long_search_is_shortened_in_the_heading(client, listing):
    html = body(client.get("/shop/search/?q=" + "a" * 190))
    heading = re.search(r"<h1>(.*?)</h1>", html, re.S).group(1)
    assert len(heading) < 160 and heading.endswith("…")


def test_the_search_box_follows_the_account_links_in_tab_order(client, listing):
    header = body(client.get("/shop/catalogue/")).split("</header>")[0]
    assert header.index('class="header-links"') < header.index('class="search"')


def test_a_star_row_built_without_a_language_does_not_become_the_vietnamese_one():
    from django.utils import translation

    from catalogue.templatetags.ocop_tags import ocop_stars

    with translation.override(None):
        assert 'aria-label="4 star OCOP"' in ocop_stars(4)
    with translation.override("vi"):
        assert 'aria-label="OCOP 4 sao"' in ocop_stars(4)


def test_the_basket_count_of_a_template_rendered_without_a_basket_is_none():
    """Error pages and render_to_string run without Oscar's basket middleware: the
    template hands the filter an empty string."""
    from catalogue.templatetags.ocop_tags import basket_count

    assert basket_count("") == 0
