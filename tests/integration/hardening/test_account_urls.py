"""Issue 9, items 9 and 12: login-required pages reach a real login page, and nothing that
changes an account's state (logout, adding to a wish list) happens on GET."""

import pytest
from django.contrib.auth import get_user_model

from tests.factories import CertificateFactory

pytestmark = pytest.mark.django_db

ACCOUNT_PAGES = [
    "/shop/accounts/",
    "/shop/accounts/orders/",
    "/shop/accounts/addresses/",
    "/shop/accounts/profile/",
    "/shop/accounts/wishlists/",
]


@pytest.fixture
def buyer(client):
    user = get_user_model().objects.create_user("lan", "lan@example.vn", "mat-khau-dai-123")
    client.force_login(user)
    return user


@pytest.mark.parametrize("prefix", ["", "/en"])
@pytest.mark.parametrize("url", ACCOUNT_PAGES)
def test_login_required_pages_redirect_to_a_login_page_that_exists(client, url, prefix):
    response = client.get(prefix + url)
    assert response.status_code == 302
    login = response["Location"]
    assert login.startswith(f"{prefix}/shop/accounts/login/?next=")
    page = client.get(login)
    assert page.status_code == 200
    assert b'name="login-password"' in page.content


def test_logout_on_get_does_not_log_out(client, buyer):
    response = client.get("/shop/accounts/logout/")
    assert response.status_code == 200  # a confirmation page with a POST form
    assert b'action="/shop/accounts/logout/" method="post"' in response.content
    assert client.get("/shop/accounts/profile/").status_code == 200


def test_logout_by_post_logs_out(client, buyer):
    response = client.post("/shop/accounts/logout/")
    assert response.status_code == 302
    assert client.get("/shop/accounts/").status_code == 302


def test_account_pages_offer_logout_as_a_form(client, buyer):
    html = client.get("/shop/accounts/profile/").content.decode()
    assert 'action="/shop/accounts/logout/" method="post"' in html


def test_wishlist_add_on_get_adds_nothing(client, buyer):
    product = CertificateFactory().product
    for url in (
        f"/shop/accounts/wishlists/add/{product.pk}/",
        f"/shop/accounts/wishlists/create/with-product/{product.pk}/",
    ):
        response = client.get(url)
        assert response.status_code in (200, 405), url
    assert not buyer.wishlists.filter(lines__product=product).exists()


def test_wishlist_add_by_post_adds(client, buyer):
    product = CertificateFactory().product
    html = client.get(product.get_absolute_url()).content.decode()
    action = f'action="/shop/accounts/wishlists/add/{product.pk}/" method="post"'
    assert action in html
    response = client.post(f"/shop/accounts/wishlists/add/{product.pk}/")
    assert response.status_code == 302
    assert buyer.wishlists.get().lines.filter(product=product).exists()


def test_moving_a_wishlist_line_needs_a_post(client, buyer):
    product = CertificateFactory().product
    first = buyer.wishlists.create(name="Tết")
    second = buyer.wishlists.create(name="Quà biếu")
    first.add(product)
    line = first.lines.get()
    url = f"/shop/accounts/wishlists/{first.key}/lines/{line.pk}/move-to/{second.key}/"
    assert client.get(url).status_code == 405
    line.refresh_from_db()
    assert line.wishlist == first
    html = client.get(f"/shop/accounts/wishlists/{first.key}/").content.decode()
    # A button posting the page's form there: the dropdown's own forms sat inside that form,
    # and a nested <form> is dropped by the HTML parser (and its Bootstrap toggle opened nothing).
    assert f'formaction="{url}"' in html and "dropdown-toggle" not in html
    first_button = html.split('<form method="post">')[1].split("<button")[1]
    assert 'class="visually-hidden"' in first_button  # Enter updates quantities, moves nothing
    assert client.post(url).status_code == 302
    line.refresh_from_db()
    assert line.wishlist == second


def test_sign_out_confirmation_is_in_vietnamese_in_the_theme(client, buyer):
    html = client.get("/shop/accounts/logout/").content.decode()
    assert "Bạn muốn đăng xuất?" in html
    assert 'class="site-header"' in html


def test_wishlist_list_links_to_settings_and_delete_without_a_dropdown(client, buyer):
    """The site loads no Bootstrap script: Oscar's dropdown toggle was an empty button that
    opened nothing, so a list's settings, sharing link and delete could not be reached."""
    wishlist = buyer.wishlists.create(name="Tết", visibility="Shared")
    html = client.get("/shop/accounts/wishlists/").content.decode()
    assert "dropdown-toggle" not in html
    assert f'href="/shop/accounts/wishlists/{wishlist.key}/update/"' in html
    assert f'href="/shop/accounts/wishlists/{wishlist.key}/delete/"' in html
    assert f'href="{wishlist.get_shared_url()}"' in html


@pytest.mark.parametrize(
    "url",
    [
        "/shop/accounts/addresses/add/",
        "/shop/accounts/wishlists/create/",
        "/shop/accounts/orders/",
        "/shop/accounts/profile/",
    ],
)
def test_account_breadcrumbs_are_valid_lists(client, buyer, url):
    """Oscar's account pages add <li> items to the breadcrumb: they were list items without
    a list (axe: listitem, serious) once the base drew its breadcrumb as plain links."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(client.get(url).content.decode(), "html.parser")
    crumbs = soup.select("main li.breadcrumb-item")
    assert crumbs or soup.select_one("main nav.breadcrumbs")
    assert all(li.parent.name == "ol" for li in crumbs)


@pytest.mark.parametrize("prefix, home", [("", "/"), ("/en", "/en/")])
def test_registering_signing_in_and_out_land_on_the_home_page_in_the_same_language(
    client, prefix, home
):
    """From /en/ every one of these landed on the Vietnamese home page ("/")."""
    response = client.post(
        f"{prefix}/shop/accounts/register/",
        {
            "email": "mai@example.vn",
            "password1": "mat-khau-dai-123",
            "password2": "mat-khau-dai-123",
            "consent": "on",
        },
    )
    assert response.status_code == 302 and response["Location"] == home
    assert client.get(f"{prefix}/shop/accounts/login/")["Location"] == home  # signed in
    assert client.post(f"{prefix}/shop/accounts/logout/")["Location"] == home
    response = client.post(
        f"{prefix}/shop/accounts/login/",
        {
            "login-username": "mai@example.vn",
            "login-password": "mat-khau-dai-123",
            "login_submit": "1",
        },
    )
    assert response.status_code == 302 and response["Location"] == home


def test_deleting_the_profile_warns_in_vietnamese_that_it_cannot_be_undone(client, buyer):
    html = client.get("/shop/accounts/profile/delete/").content.decode()
    assert "Không thể hoàn tác" in html and "nhân nhân" not in html


def test_moving_to_another_wish_list_is_offered_in_vietnamese(client, buyer):
    first = buyer.wishlists.create(name="Tết")
    buyer.wishlists.create(name="Quà biếu")
    first.add(CertificateFactory().product)
    html = client.get(f"/shop/accounts/wishlists/{first.key}/").content.decode()
    assert "Chuyển sang danh sách “Quà biếu”" in html
