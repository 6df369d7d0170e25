"""Issue 9, item 8: every login form stops guessing after 5 wrong passwords for one
account from one address, with a Vietnamese page in the site's theme (429)."""

import pytest
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.django_db

PASSWORD = "mat-khau-dai-123"
LOCKED = "Quá nhiều lần đăng nhập"


def shop_form(login, password):
    return {"login-username": login, "login-password": password, "login_submit": "1"}


def plain_form(login, password):
    return {"username": login, "password": password}


# (login page, form builder, how the account signs in there)
LOGIN_PAGES = [
    ("/shop/accounts/login/", shop_form, "email"),
    ("/shop/dashboard/login/", plain_form, "email"),
    ("/cms/login/", plain_form, "username"),
    ("/django-admin/login/", plain_form, "username"),
]


@pytest.fixture
def staff():
    return get_user_model().objects.create_superuser("lan", "lan@example.vn", PASSWORD)


def signed_in(client):
    return "_auth_user_id" in client.session


@pytest.mark.parametrize("url,form,field", LOGIN_PAGES)
def test_five_wrong_passwords_lock_the_account_from_that_address(client, staff, url, form, field):
    login = getattr(staff, field)
    for _ in range(4):
        response = client.post(url, form(login, "wrong"))
        assert response.status_code == 200  # the form again, with its error
    assert client.post(url, form(login, "wrong")).status_code == 429  # the fifth
    response = client.post(url, form(login, PASSWORD))  # even the right password now
    assert response.status_code == 429
    html = response.content.decode()
    assert LOCKED in html
    assert "15 phút" in html
    assert 'class="site-header"' in html  # the site's theme, not a bare 403
    assert not signed_in(client)


@pytest.mark.parametrize("url,form,field", LOGIN_PAGES)
def test_below_the_limit_the_right_password_works(client, staff, url, form, field):
    login = getattr(staff, field)
    for _ in range(4):
        client.post(url, form(login, "wrong"))
    response = client.post(url, form(login, PASSWORD))
    assert response.status_code == 302
    assert signed_in(client)


def test_case_and_spaces_do_not_give_more_guesses(client, staff):
    for login in ("lan@example.vn", "LAN@example.vn", " Lan@Example.vn", "lan@EXAMPLE.VN"):
        client.post("/shop/accounts/login/", shop_form(login, "wrong"))
    client.post("/shop/accounts/login/", shop_form("Lan@example.VN ", "wrong"))
    response = client.post("/shop/accounts/login/", shop_form("lan@example.vn", PASSWORD))
    assert response.status_code == 429


def test_lockout_is_per_address_and_account(client, staff):
    """Another address (a buyer behind another connection) can still sign in, and other
    accounts from the locked address are not affected."""
    get_user_model().objects.create_user("minh", "minh@example.vn", PASSWORD)
    for _ in range(5):
        client.post("/shop/accounts/login/", shop_form("lan@example.vn", "wrong"))
    other = client.post(
        "/shop/accounts/login/",
        shop_form("lan@example.vn", PASSWORD),
        REMOTE_ADDR="203.0.113.9",
    )
    assert other.status_code == 302
    client.logout()
    response = client.post("/shop/accounts/login/", shop_form("minh@example.vn", PASSWORD))
    assert response.status_code == 302


def test_english_visitors_get_the_page_in_english(client, staff):
    for _ in range(6):
        response = client.post("/en/shop/accounts/login/", shop_form("lan@example.vn", "x"))
    assert response.status_code == 429
    assert "Too many sign-in attempts" in response.content.decode()


def test_registration_still_signs_the_new_buyer_in(client):
    """Oscar authenticates the new account without a request; axes must not make that a
    500."""
    response = client.post(
        "/shop/accounts/register/",
        {"email": "hoa@example.vn", "password1": PASSWORD, "password2": PASSWORD, "consent": "on"},
    )
    assert response.status_code == 302
    assert signed_in(client)


def test_many_accounts_tried_from_one_address_lock_the_address(client, staff, settings):
    """Password spraying: a few guesses at each of many accounts from one address."""
    assert settings.OCOP_LOGIN_FAILURES_PER_ADDRESS == 30
    for n in range(10):
        for _ in range(3):  # below the per-account limit
            client.post("/shop/accounts/login/", shop_form(f"khach{n}@example.vn", "wrong"))
    response = client.post("/shop/accounts/login/", shop_form("lan@example.vn", PASSWORD))
    assert response.status_code == 429
    elsewhere = client.post(
        "/shop/accounts/login/", shop_form("lan@example.vn", PASSWORD), REMOTE_ADDR="203.0.113.9"
    )
    assert elsewhere.status_code == 302
