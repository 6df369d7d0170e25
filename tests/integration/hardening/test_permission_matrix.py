"""Who may open what: every URL in the URL map × every kind of user, checked on the server.

Each route in Django's URL map has an entry here: either it belongs to a staff area
(Django's admin, Wagtail's admin, Oscar's dashboard), where every one of its routes is
requested by every role, or it has its own entry below with a real URL (another buyer's
order, address, wish list...) and the answer each role must get. A new route without an
entry fails `test_every_route_has_an_entry`, so nobody adds a page without deciding who
may see it.
"""

import io
import re
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils.regex_helper import normalize
from oscar.apps.communication.models import Email, Notification
from oscar.apps.customer.models import ProductAlert
from oscar.apps.wishlists.models import WishList
from PIL import Image
from wagtail.documents.models import Document

from catalogue.models import ProductImage
from fairs import applications as fair_applications
from storefront.address.models import UserAddress
from storefront.order import services
from storefront.order.links import confirm_token, order_token
from storefront.seller import operations
from tests.factories import CertificateFactory, ProducerFactory, ProductFactory
from tests.integration.checkout.conftest import basket_with, buyer
from tests.integration.fairs.conftest import index_page, make_fair

pytestmark = pytest.mark.django_db

ROLES = (
    "guest",
    "buyer_a",
    "buyer_b",
    "editor",
    "moderator",
    "producer_a",
    "producer_b",
    "staff",
)
LOGIN_PATHS = ("/shop/accounts/login/", "/cms/login/", "/django-admin/login/")
# Wagtail's admin answers a signed-in user without a permission with its home page and a
# "no permission" message.
REFUSED_HOMES = ("/cms/",)


# --- Answers ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Answer:
    name: str

    def fits(self, response) -> bool:
        status = response.status_code
        login = status == 302 and response["Location"].split("?")[0].endswith(LOGIN_PATHS)
        if self.name == "ok":
            return status == 200
        if self.name == "login":
            return login
        if self.name == "not_found":
            return status == 404
        if self.name == "refused":  # not for you: a login page, 403 or 404, never the page
            home = status == 302 and response["Location"].split("?")[0] in REFUSED_HOMES
            return login or home or status in (403, 404)
        if self.name == "post_only":
            return status == 405
        if self.name == "redirect":  # somewhere that is not a login page
            return status == 302 and not login
        if self.name.startswith("redirect:"):  # to exactly this page
            return status == 302 and response["Location"] == self.name.split(":", 1)[1]
        if self.name.startswith("status:"):  # e.g. 400: an empty form refused
            return status == int(self.name.split(":", 1)[1])
        if self.name == "any":  # anything but a failure (checked by the caller)
            return True
        raise AssertionError(self.name)


OK, LOGIN, NOT_FOUND, REFUSED, POST_ONLY, REDIRECT, ANY = (
    Answer(n) for n in ("ok", "login", "not_found", "refused", "post_only", "redirect", "any")
)


def everyone(answer):
    return dict.fromkeys(ROLES, answer)


def signed_in(answer=OK):
    return {**everyone(answer), "guest": LOGIN}


SIGNED_OUT_ONLY = {**everyone(REDIRECT), "guest": OK}  # signed in: sent on
BAD_FORM = Answer("status:400")
TO_APPLY = Answer("redirect:/ban-hang/dang-ky/")  # signed in, acting for no producer


def sellers(answer=OK):
    """A seller-centre page of the producer's own: every producer opens theirs; a signed-in
    user who acts for no producer is sent to the application form."""
    return {**everyone(TO_APPLY), "guest": LOGIN, "producer_a": answer, "producer_b": answer}


def seller_a(answer=OK):
    """Producer A's own object in the seller centre: producer B gets 404."""
    return {**sellers(answer), "producer_b": NOT_FOUND}


RESET = {**everyone(REFUSED), "guest": OK}


def owner_a(answer=OK, others=NOT_FOUND, guest=LOGIN):
    """Buyer A's own object: theirs to open, nobody else's (not even staff, in the shop:
    staff use the admin)."""
    return {**everyone(others), "guest": guest, "buyer_a": answer}


# --- The people and what they own -------------------------------------------------------


@pytest.fixture
def world(django_user_model):
    """Two buyers with orders, addresses, wish lists, e-mails, notifications and alerts; two
    producers with their users; an editor, a moderator and a staff member."""
    users = {}
    for role in ROLES[1:]:
        users[role] = django_user_model.objects.create_user(
            role, f"{role}@example.com", "pw-12345678", is_staff=role == "staff"
        )
    users["staff"].is_superuser = True
    users["staff"].save()
    users["editor"].groups.add(Group.objects.get(name="Editors"))
    users["moderator"].groups.add(Group.objects.get(name="Moderators"))
    access = Permission.objects.get(codename="dashboard_access")

    w = {"users": users}
    for side in ("a", "b"):
        producer = ProducerFactory()
        # How Oscar lets a partner's people in: user linked to the partner + permission.
        producer.partner.users.add(users[f"producer_{side}"])
        users[f"producer_{side}"].user_permissions.add(access)
        product = ProductFactory(producer=producer)
        boxed = ProductFactory(producer=producer, title=f"Mật ong {side}")
        option = operations.add_option(boxed, None, "Hũ 500 g", Decimal("180000"), 5)
        image = ProductImage.objects.create(product=product, original=_image(), display_order=0)
        certificate = CertificateFactory(product=product, scan=_file("qd.pdf"))
        owner = users[f"buyer_{side}"]
        order = _order(product, owner)
        address = UserAddress.objects.create(
            user=owner, first_name="", last_name="Lan", line1="12 Lê Lợi", country_id="VN"
        )
        wishlist = WishList.objects.create(owner=owner, name="Quà Tết")
        line = wishlist.lines.create(product=product, title=product.title)
        other_list = WishList.objects.create(owner=owner, name="Khác")
        w[side] = {
            "producer": producer,
            "product": product,
            "order": order,
            "line": order.lines.first(),
            "address": address,
            "wishlist": wishlist,
            "wishline": line,
            "other_list": other_list,
            "email": Email.objects.create(user=owner, subject="Đơn hàng", body_text="..."),
            "notification": Notification.objects.create(recipient=owner, subject="Tin", body="..."),
            "alert": ProductAlert.objects.create(user=owner, product=product),
            "option": option,
            "image": image,
            "certificate": certificate,
            "parcel": order.parcels.get(),
        }
    w["document"] = Document.objects.create(title="Quy chế", file=_file("quy-che.pdf"))
    # A fair taking booth applications, and producer A's application to it (issue 12).
    w["fair"] = make_fair(index_page())
    w["a"]["fair_application"] = fair_applications.apply(
        w["fair"],
        w["a"]["producer"],
        zone=w["fair"].zones.first(),
        products=[w["a"]["product"]],
        document=_file("giay-attp.pdf"),
    )
    return w


def _order(product, owner):
    order = services.place_order(basket_with((product, 1), owner=owner), buyer(), "cod", user=owner)
    order.refresh_from_db()
    return order


def _file(name):
    return ContentFile(b"%PDF-1.4\n%%EOF\n", name=name)


def _image():
    buf = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 40, 40)).save(buf, "JPEG")
    return ContentFile(buf.getvalue(), name="anh.jpg")


@pytest.fixture
def clients(world):
    result = {"guest": Client(raise_request_exception=False)}
    for role, user in world["users"].items():
        result[role] = Client(raise_request_exception=False)
        result[role].force_login(user)
    return result


# --- The shop's own routes: one entry each ----------------------------------------------


@dataclass(frozen=True)
class Entry:
    url: object  # world -> path
    answers: dict
    method: str = "get"


def a_key(w):  # buyer A's wish list key
    return w["a"]["wishlist"].key


def a_token(w):  # the signed key to buyer A's order page
    return order_token(w["a"]["order"])


def product_path(w):
    return w["a"]["product"].get_absolute_url()


SHOP = {
    "^media/(?P<path>.*)$": Entry(lambda w: "/media/nothing-here.jpg", everyone(NOT_FOUND)),
    "healthz": Entry(lambda w: "/healthz", everyone(OK)),
    "payments/stripe/webhook/": Entry(lambda w: "/payments/stripe/webhook/", everyone(POST_ONLY)),
    "robots.txt": Entry(lambda w: "/robots.txt", everyone(OK)),
    "sitemap.xml": Entry(lambda w: "/sitemap.xml", everyone(OK)),
    "sitemap-<section>.xml": Entry(lambda w: "/sitemap-products.xml", everyone(OK)),
    "i18n/setlang/": Entry(lambda w: "/i18n/setlang/", everyone(REDIRECT)),  # changes nothing
    r"documents/^(\d+)/(.*)$": Entry(
        lambda w: f"/documents/{w['document'].pk}/quy-che.pdf", everyone(OK)
    ),
    "documents/authenticate_with_password/<int:restriction_id>/": Entry(
        lambda w: "/documents/authenticate_with_password/999/", everyone(NOT_FOUND)
    ),
    "jsi18n/": Entry(lambda w: "/jsi18n/", everyone(OK)),
    # A GET asks "sign out?"; only the form's POST signs out.
    "shop/accounts/logout/": Entry(lambda w: "/shop/accounts/logout/", everyone(OK)),
    "^shop/accounts/wishlists/(?:(?P<key>[^/]+)/)?add/(?P<product_pk>[0-9]+)/$": Entry(
        lambda w: f"/shop/accounts/wishlists/add/{w['a']['product'].pk}/", signed_in(POST_ONLY)
    ),
    "^shop/accounts/wishlists/(?P<key>[^/]+)/lines/(?P<line_pk>[0-9]+)/move-to/"
    "(?P<to_key>[^/]+)/$": Entry(
        lambda w: (
            f"/shop/accounts/wishlists/{w['a']['wishlist'].key}/lines/"
            f"{w['a']['wishline'].pk}/move-to/{w['a']['other_list'].key}/"
        ),
        signed_in(POST_ONLY),
    ),
    "shop/accounts/login/": Entry(lambda w: "/shop/accounts/login/", SIGNED_OUT_ONLY),
    "shop/accounts/register/": Entry(lambda w: "/shop/accounts/register/", SIGNED_OUT_ONLY),
    "shop/accounts/data.json": Entry(lambda w: "/shop/accounts/data.json", signed_in()),
    # Guest orders join an account only by the link e-mailed to its address (issue 11).
    "shop/accounts/link-orders/": Entry(
        lambda w: "/shop/accounts/link-orders/", signed_in(POST_ONLY)
    ),
    "shop/accounts/link-orders/<str:token>/": Entry(
        lambda w: "/shop/accounts/link-orders/forged-token/",
        {**everyone(NOT_FOUND), "guest": LOGIN},
    ),
    "shop/basket/": Entry(lambda w: "/shop/basket/", everyone(OK)),
    "shop/": Entry(lambda w: "/shop/", everyone(REDIRECT)),
    "shop/catalogue/producers/": Entry(lambda w: "/shop/catalogue/producers/", everyone(OK)),
    "shop/catalogue/producers/<slug:slug>/": Entry(
        lambda w: f"/shop/catalogue/producers/{w['a']['producer'].slug}/", everyone(OK)
    ),
    "shop/catalogue/producers/<slug:slug>/more/": Entry(
        lambda w: f"/shop/catalogue/producers/{w['a']['producer'].slug}/more/", everyone(OK)
    ),
    "shop/catalogue/province/<slug:slug>/": Entry(
        lambda w: "/shop/catalogue/province/dong-nai/", everyone(OK)
    ),
    "shop/catalogue/stars/<int:stars>/": Entry(lambda w: "/shop/catalogue/stars/4/", everyone(OK)),
    r"shop/catalogue/^(?P<product_slug>[\w-]*)_(?P<product_pk>\d+)/reviews/<int:pk>/": Entry(
        lambda w: f"{product_path(w)}reviews/999/", everyone(NOT_FOUND)
    ),
    r"shop/catalogue/^(?P<product_slug>[\w-]*)_(?P<product_pk>\d+)/reviews/add/": Entry(
        # Only buyers who received the product may review it (catalogue/reviews.py): the
        # others are sent back to the product with a message.
        lambda w: f"{product_path(w)}reviews/add/",
        everyone(REDIRECT),
    ),
    r"shop/catalogue/^(?P<product_slug>[\w-]*)_(?P<product_pk>\d+)/reviews/<int:pk>/vote/": (
        Entry(lambda w: f"{product_path(w)}reviews/999/vote/", signed_in(POST_ONLY))
    ),
    r"shop/catalogue/^(?P<product_slug>[\w-]*)_(?P<product_pk>\d+)/reviews/": Entry(
        lambda w: f"{product_path(w)}reviews/", everyone(OK)
    ),
    "shop/catalogue/": Entry(lambda w: "/shop/catalogue/", everyone(OK)),
    r"shop/catalogue/^(?P<product_slug>[\w-]*)_(?P<pk>\d+)/$": Entry(product_path, everyone(OK)),
    r"shop/catalogue/^category/(?P<category_slug>[\w-]+(/[\w-]+)*)_(?P<pk>\d+)/$": Entry(
        lambda w: w["a"]["product"].categories.first().get_absolute_url(), everyone(OK)
    ),
    r"shop/catalogue/^ranges/(?P<slug>[\w-]+)/$": Entry(
        lambda w: "/shop/catalogue/ranges/khong-co/", everyone(NOT_FOUND)
    ),
    "shop/basket/add/<int:pk>/": Entry(
        lambda w: f"/shop/basket/add/{w['a']['product'].pk}/", everyone(POST_ONLY)
    ),
    "shop/basket/vouchers/add/": Entry(lambda w: "/shop/basket/vouchers/add/", everyone(REDIRECT)),
    "shop/basket/vouchers/<int:pk>/remove/": Entry(
        lambda w: "/shop/basket/vouchers/1/remove/", everyone(POST_ONLY)
    ),
    "shop/basket/saved/": Entry(lambda w: "/shop/basket/saved/", signed_in(REDIRECT)),
    "shop/checkout/": Entry(lambda w: "/shop/checkout/", everyone(REDIRECT)),  # empty basket
    "shop/checkout/review/": Entry(lambda w: "/shop/checkout/review/", everyone(REDIRECT)),
    "shop/checkout/wards/": Entry(lambda w: "/shop/checkout/wards/?province=79", everyone(OK)),
    # The signed token is the key to a guest's order: whoever holds it may follow the order.
    "shop/checkout/orders/<str:token>/": Entry(
        lambda w: f"/shop/checkout/orders/{a_token(w)}/", everyone(OK)
    ),
    # A GET asks "cancel this order?"; only the form's confirming POST cancels.
    "shop/checkout/orders/<str:token>/cancel/": Entry(
        lambda w: f"/shop/checkout/orders/{a_token(w)}/cancel/", everyone(OK)
    ),
    "shop/checkout/confirm/<str:token>/": Entry(
        lambda w: f"/shop/checkout/confirm/{confirm_token(w['a']['order'])}/", everyone(OK)
    ),
    "shop/checkout/orders/<str:token>/data.json": Entry(
        lambda w: f"/shop/checkout/orders/{a_token(w)}/data.json", everyone(OK)
    ),
    "shop/checkout/orders/<str:token>/erase/": Entry(
        lambda w: f"/shop/checkout/orders/{a_token(w)}/erase/",
        everyone(POST_ONLY),
    ),
    "shop/checkout/orders/<str:token>/card/": Entry(
        lambda w: f"/shop/checkout/orders/{a_token(w)}/card/",
        everyone(NOT_FOUND),  # a COD order has no card payment
    ),
    "shop/checkout/orders/<str:token>/vietqr.svg": Entry(
        lambda w: f"/shop/checkout/orders/{a_token(w)}/vietqr.svg",
        everyone(NOT_FOUND),  # a COD order has no transfer code
    ),
    "shop/checkout/orders/<str:token>/vietqr.png": Entry(
        lambda w: f"/shop/checkout/orders/{a_token(w)}/vietqr.png",
        everyone(NOT_FOUND),  # nor a picture of one to save
    ),
    "shop/accounts/": Entry(lambda w: "/shop/accounts/", signed_in(REDIRECT)),
    "shop/accounts/change-password/": Entry(
        lambda w: "/shop/accounts/change-password/", signed_in()
    ),
    "shop/accounts/profile/": Entry(lambda w: "/shop/accounts/profile/", signed_in()),
    "shop/accounts/profile/edit/": Entry(lambda w: "/shop/accounts/profile/edit/", signed_in()),
    "shop/accounts/profile/delete/": Entry(lambda w: "/shop/accounts/profile/delete/", signed_in()),
    "shop/accounts/orders/": Entry(lambda w: "/shop/accounts/orders/", signed_in()),
    r"^shop/accounts/order-status(-form)?/": Entry(
        lambda w: f"/shop/accounts/order-status/{w['a']['order'].number}/forged/",
        everyone(NOT_FOUND),
    ),
    r"shop/accounts/^order-status-form/(?P<order_number>[\w-]*)/(?P<hash>[A-z0-9-_=:]+)/$": Entry(
        lambda w: f"/shop/accounts/order-status-form/{w['a']['order'].number}/forged/",
        everyone(NOT_FOUND),
    ),
    r"shop/accounts/^order-status/(?P<order_number>[\w-]*)/(?P<hash>[A-z0-9-_=:]+)/$": Entry(
        lambda w: f"/shop/accounts/order-status/{w['a']['order'].number}/forged/",
        everyone(NOT_FOUND),
    ),
    "shop/accounts/orders/<str:order_number>/": Entry(
        lambda w: f"/shop/accounts/orders/{w['a']['order'].number}/", owner_a()
    ),
    "shop/accounts/orders/<str:order_number>/<int:line_id>/": Entry(
        lambda w: f"/shop/accounts/orders/{w['a']['order'].number}/{w['a']['line'].pk}/",
        owner_a(REDIRECT),  # to the order; the line's "buy again" is a POST
    ),
    "shop/accounts/addresses/": Entry(lambda w: "/shop/accounts/addresses/", signed_in()),
    "shop/accounts/addresses/add/": Entry(lambda w: "/shop/accounts/addresses/add/", signed_in()),
    "shop/accounts/addresses/<int:pk>/": Entry(
        lambda w: f"/shop/accounts/addresses/{w['a']['address'].pk}/", owner_a()
    ),
    "shop/accounts/addresses/<int:pk>/delete/": Entry(
        lambda w: f"/shop/accounts/addresses/{w['a']['address'].pk}/delete/", owner_a()
    ),
    r"shop/accounts/^addresses/(?P<pk>\d+)/(?P<action>default_for_(billing|shipping))/$": Entry(
        lambda w: f"/shop/accounts/addresses/{w['a']['address'].pk}/default_for_shipping/",
        owner_a(REDIRECT),
        method="post",
    ),
    # Ours, on the same paths before Oscar's (storefront/address/urls.py): a POST only.
    r"shop/accounts/addresses/^(?P<pk>\d+)/(?P<action>default_for_(?:billing|shipping))/$": Entry(
        lambda w: f"/shop/accounts/addresses/{w['a']['address'].pk}/default_for_shipping/",
        owner_a(REDIRECT),
        method="post",
    ),
    "shop/accounts/emails/": Entry(lambda w: "/shop/accounts/emails/", signed_in()),
    "shop/accounts/emails/<int:email_id>/": Entry(
        lambda w: f"/shop/accounts/emails/{w['a']['email'].pk}/", owner_a()
    ),
    "shop/accounts/notifications/": Entry(
        lambda w: "/shop/accounts/notifications/",
        everyone(Answer("redirect:/shop/accounts/notifications/inbox/")),
    ),
    "shop/accounts/notifications/inbox/": Entry(
        lambda w: "/shop/accounts/notifications/inbox/", signed_in()
    ),
    "shop/accounts/notifications/archive/": Entry(
        lambda w: "/shop/accounts/notifications/archive/", signed_in()
    ),
    "shop/accounts/notifications/update/": Entry(
        lambda w: "/shop/accounts/notifications/update/", signed_in(POST_ONLY)
    ),
    "shop/accounts/notifications/<int:pk>/": Entry(
        lambda w: f"/shop/accounts/notifications/{w['a']['notification'].pk}/", owner_a()
    ),
    "shop/accounts/alerts/": Entry(lambda w: "/shop/accounts/alerts/", signed_in()),
    "shop/accounts/alerts/create/<int:pk>/": Entry(
        # A GET only goes back to the product; the alert is made by the form's POST.
        lambda w: f"/shop/accounts/alerts/create/{w['a']['product'].pk}/",
        everyone(REDIRECT),
    ),
    "shop/accounts/alerts/confirm/<str:key>/": Entry(
        lambda w: "/shop/accounts/alerts/confirm/forged-key/", everyone(NOT_FOUND)
    ),
    "shop/accounts/alerts/cancel/key/<str:key>/": Entry(
        lambda w: "/shop/accounts/alerts/cancel/key/forged-key/", everyone(NOT_FOUND)
    ),
    "shop/accounts/alerts/cancel/<int:pk>/": Entry(
        lambda w: f"/shop/accounts/alerts/cancel/{w['a']['alert'].pk}/",
        owner_a(REDIRECT),
        method="post",
    ),
    "shop/accounts/wishlists/": Entry(lambda w: "/shop/accounts/wishlists/", signed_in()),
    "shop/accounts/wishlists/add/<int:product_pk>/": Entry(
        lambda w: f"/shop/accounts/wishlists/add/{w['a']['product'].pk}/", signed_in(POST_ONLY)
    ),
    "shop/accounts/wishlists/<str:key>/add/<int:product_pk>/": Entry(
        lambda w: f"/shop/accounts/wishlists/{a_key(w)}/add/{w['a']['product'].pk}/",
        signed_in(POST_ONLY),
    ),
    "shop/accounts/wishlists/create/": Entry(
        lambda w: "/shop/accounts/wishlists/create/", signed_in()
    ),
    "shop/accounts/wishlists/create/with-product/<int:product_pk>/": Entry(
        lambda w: f"/shop/accounts/wishlists/create/with-product/{w['a']['product'].pk}/",
        signed_in(),
    ),
    "shop/accounts/wishlists/<str:key>/": Entry(
        lambda w: f"/shop/accounts/wishlists/{a_key(w)}/", owner_a(guest=NOT_FOUND)
    ),
    "shop/accounts/wishlists/<str:key>/update/": Entry(
        lambda w: f"/shop/accounts/wishlists/{a_key(w)}/update/", owner_a()
    ),
    "shop/accounts/wishlists/<str:key>/delete/": Entry(
        lambda w: f"/shop/accounts/wishlists/{a_key(w)}/delete/", owner_a()
    ),
    "shop/accounts/wishlists/<str:key>/lines/<int:line_pk>/delete/": Entry(
        lambda w: f"/shop/accounts/wishlists/{a_key(w)}/lines/{w['a']['wishline'].pk}/delete/",
        owner_a(),
    ),
    "shop/accounts/wishlists/<str:key>/products/<int:product_pk>/delete/": Entry(
        lambda w: f"/shop/accounts/wishlists/{a_key(w)}/products/{w['a']['product'].pk}/delete/",
        owner_a(),
    ),
    "shop/accounts/wishlists/<str:key>/lines/<int:line_pk>/move-to/<str:to_key>/": Entry(
        lambda w: (
            f"/shop/accounts/wishlists/{a_key(w)}/lines/{w['a']['wishline'].pk}"
            f"/move-to/{w['a']['other_list'].key}/"
        ),
        signed_in(POST_ONLY),
    ),
    "shop/search/": Entry(lambda w: "/shop/search/?q=nam", everyone(OK)),
    "shop/search/autocomplete/": Entry(lambda w: "/shop/search/autocomplete/?q=nam", everyone(OK)),
    "shop/offers/": Entry(lambda w: "/shop/offers/", everyone(OK)),
    r"shop/offers/^(?P<slug>[\w-]+)/$": Entry(
        lambda w: "/shop/offers/khong-co/", everyone(NOT_FOUND)
    ),
    # A private wish list (the default) is its owner's only, even by its key.
    "shop/wishlists/<str:key>/": Entry(
        lambda w: f"/shop/wishlists/{a_key(w)}/", {**everyone(REFUSED), "buyer_a": OK}
    ),
    # Oscar forbids the reset pages to anyone signed in (403).
    "shop/password-reset/": Entry(lambda w: "/shop/password-reset/", RESET),
    "shop/password-reset/done/": Entry(lambda w: "/shop/password-reset/done/", RESET),
    "shop/password-reset/confirm/<str:uidb64>/<str:token>/": Entry(
        lambda w: "/shop/password-reset/confirm/MQ/forged-token/",
        RESET,  # "invalid link"
    ),
    "shop/password-reset/complete/": Entry(lambda w: "/shop/password-reset/complete/", RESET),
    "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/": Entry(
        lambda w: "/_util/authenticate_with_password/999/3/", everyone(NOT_FOUND)
    ),
    "_util/login/": Entry(lambda w: "/_util/login/", everyone(OK)),
    # The seller centre (issue 10): the way in is public; the centre is each producer's.
    "ban-hang/": Entry(lambda w: "/ban-hang/", everyone(OK)),
    "ban-hang/dang-ky/": Entry(
        lambda w: "/ban-hang/dang-ky/",
        {
            **everyone(OK),
            "guest": LOGIN,
            "producer_a": Answer("redirect:/ban-hang/kenh/"),
            "producer_b": Answer("redirect:/ban-hang/kenh/"),
        },
    ),
    "ban-hang/loi-moi/<str:token>/": Entry(
        lambda w: "/ban-hang/loi-moi/forged-token/", {**everyone(NOT_FOUND), "guest": LOGIN}
    ),
    "ban-hang/kenh/": Entry(lambda w: "/ban-hang/kenh/", sellers()),
    "ban-hang/kenh/san-pham/": Entry(lambda w: "/ban-hang/kenh/san-pham/", sellers()),
    "ban-hang/kenh/san-pham/them/": Entry(lambda w: "/ban-hang/kenh/san-pham/them/", sellers()),
    "ban-hang/kenh/san-pham/<int:pk>/": Entry(
        lambda w: f"/ban-hang/kenh/san-pham/{w['a']['product'].pk}/", seller_a()
    ),
    "ban-hang/kenh/san-pham/<int:pk>/trang-thai/": Entry(
        lambda w: f"/ban-hang/kenh/san-pham/{w['a']['product'].pk}/trang-thai/",
        seller_a(REDIRECT),  # no state given: back to the product with a message
        method="post",
    ),
    "ban-hang/kenh/san-pham/<int:pk>/gia-kho/": Entry(
        lambda w: f"/ban-hang/kenh/san-pham/{w['a']['product'].pk}/gia-kho/",
        seller_a(BAD_FORM),
        method="post",
    ),
    "ban-hang/kenh/san-pham/<int:pk>/phan-loai/them/": Entry(
        lambda w: f"/ban-hang/kenh/san-pham/{w['a']['product'].pk}/phan-loai/them/",
        seller_a(BAD_FORM),
        method="post",
    ),
    "ban-hang/kenh/phan-loai/<int:pk>/": Entry(
        lambda w: f"/ban-hang/kenh/phan-loai/{w['a']['option'].pk}/", seller_a()
    ),
    "ban-hang/kenh/phan-loai/<int:pk>/xoa/": Entry(
        lambda w: f"/ban-hang/kenh/phan-loai/{w['a']['option'].pk}/xoa/",
        seller_a(REDIRECT),
        method="post",
    ),
    "ban-hang/kenh/san-pham/<int:pk>/anh/": Entry(
        lambda w: f"/ban-hang/kenh/san-pham/{w['a']['product'].pk}/anh/", seller_a()
    ),
    "ban-hang/kenh/anh/<int:pk>/": Entry(
        lambda w: f"/ban-hang/kenh/anh/{w['a']['image'].pk}/", seller_a(REDIRECT), method="post"
    ),
    "ban-hang/kenh/chung-nhan/": Entry(lambda w: "/ban-hang/kenh/chung-nhan/", sellers()),
    "ban-hang/kenh/chung-nhan/them/": Entry(lambda w: "/ban-hang/kenh/chung-nhan/them/", sellers()),
    "ban-hang/kenh/chung-nhan/<int:pk>/": Entry(
        lambda w: f"/ban-hang/kenh/chung-nhan/{w['a']['certificate'].pk}/", seller_a()
    ),
    "ban-hang/kenh/chung-nhan/<int:pk>/ban-quet/": Entry(
        lambda w: f"/ban-hang/kenh/chung-nhan/{w['a']['certificate'].pk}/ban-quet/", seller_a()
    ),
    # A verified certificate's scan, of a product on sale: the shop's public proof.
    "ban-hang/chung-nhan/<int:pk>/ban-quet/": Entry(
        lambda w: f"/ban-hang/chung-nhan/{w['a']['certificate'].pk}/ban-quet/", everyone(OK)
    ),
    "ban-hang/kenh/don-hang/": Entry(lambda w: "/ban-hang/kenh/don-hang/", sellers()),
    "ban-hang/kenh/don-hang/<int:pk>/": Entry(
        lambda w: f"/ban-hang/kenh/don-hang/{w['a']['parcel'].pk}/", seller_a()
    ),
    "ban-hang/kenh/ho-so/": Entry(lambda w: "/ban-hang/kenh/ho-so/", sellers()),
    "ban-hang/kenh/ho-so/anh/": Entry(lambda w: "/ban-hang/kenh/ho-so/anh/", sellers()),
    "ban-hang/kenh/thanh-vien/": Entry(lambda w: "/ban-hang/kenh/thanh-vien/", sellers()),
    "ban-hang/kenh/thong-bao/": Entry(lambda w: "/ban-hang/kenh/thong-bao/", sellers()),
    "ban-hang/kenh/sao-ke/": Entry(lambda w: "/ban-hang/kenh/sao-ke/", sellers()),
    "ban-hang/kenh/sao-ke/tai-ve/": Entry(lambda w: "/ban-hang/kenh/sao-ke/tai-ve/", sellers()),
    "ban-hang/kenh/ban-hang/": Entry(lambda w: "/ban-hang/kenh/ban-hang/", sellers()),
    "ban-hang/kenh/tai-len/": Entry(lambda w: "/ban-hang/kenh/tai-len/", sellers()),
    "ban-hang/kenh/tai-len/tai-ve/": Entry(lambda w: "/ban-hang/kenh/tai-len/tai-ve/", sellers()),
    "ban-hang/kenh/tai-len/nhap/": Entry(
        lambda w: "/ban-hang/kenh/tai-len/nhap/", sellers(BAD_FORM), method="post"
    ),
    # Trade fairs in the seller centre (issue 12): A has applied to the fair, B has not.
    "ban-hang/kenh/hoi-cho/": Entry(lambda w: "/ban-hang/kenh/hoi-cho/", sellers()),
    "ban-hang/kenh/hoi-cho/dang-ky/": Entry(
        lambda w: f"/ban-hang/kenh/hoi-cho/dang-ky/?hoi-cho={w['fair'].pk}",
        {**sellers(), "producer_a": REDIRECT},  # to A's application
    ),
    "ban-hang/kenh/hoi-cho/don/<int:pk>/": Entry(
        lambda w: f"/ban-hang/kenh/hoi-cho/don/{w['a']['fair_application'].pk}/", seller_a()
    ),
    "ban-hang/kenh/hoi-cho/don/<int:pk>/rut/": Entry(
        lambda w: f"/ban-hang/kenh/hoi-cho/don/{w['a']['fair_application'].pk}/rut/",
        seller_a(REDIRECT),
        method="post",
    ),
    "ban-hang/kenh/hoi-cho/don/<int:pk>/tai-lieu/": Entry(
        lambda w: f"/ban-hang/kenh/hoi-cho/don/{w['a']['fair_application'].pk}/tai-lieu/",
        seller_a(),
    ),
    r"^((?:[\w\-]+/)*)$": Entry(lambda w: "/", everyone(OK)),
}


# --- Staff areas: every route of each, for every role ----------------------------------


@dataclass(frozen=True)
class Area:
    prefix: str
    allowed: tuple  # roles that get in; every other role is refused on every route


AREAS = (
    Area("django-admin/", allowed=("staff",)),
    Area("cms/", allowed=("editor", "moderator", "staff")),
    # Producers are not let into Oscar's dashboard: it shows every order line of an order
    # and cancels whole orders. Their own screens are the seller centre's (issue 10).
    Area("shop/dashboard/", allowed=("staff",)),
)
# Wagtail's admin beyond an editor's or moderator's role: refused even though they may
# use the rest of /cms/.
CMS_STAFF_ONLY = (
    "cms/users/",
    "cms/groups/",
    "cms/sites/",
    "cms/locales/",
    "cms/workflows/add/",
    "cms/workflows/edit/",
    "cms/workflows/enable/",
    "cms/workflows/disable/",
    "cms/workflows/list/",
    "cms/workflows/remove/",
    "cms/workflows/usage/",
    "cms/workflows/tasks/",
    "cms/redirects/",
    "cms/settings/",
    "cms/snippets/catalogue/",
    "cms/snippets/shipping/",  # shipping rates
    "cms/collections/",
)
# The seller review queue and audit trail (issue 10): moderators and staff, not editors.
CMS_REVIEWERS_ONLY = ("cms/duyet-nguoi-ban/", "cms/hoi-cho-gian/")  # + booth applications
# Wagtail lists its workflow tasks to every admin user in the chooser (read only: creating
# one there needs the `add_task` permission, and the POST is refused with a 400).
# Sign-in and sign-out screens and the areas' translation and icon files: open to all.
AREA_PUBLIC = (
    "django-admin/login/",
    "django-admin/logout/",
    "django-admin/catalogue/category/jsi18n/",
    "cms/login/",
    "cms/logout/",
    "cms/password_reset/",
    "cms/jsi18n/",
    "cms/sprite/",
    "shop/dashboard/login/",
    "shop/dashboard/logout/",
)
# Wagtail's deliberate error page (it raises, to test error reporting) for admin users.
RAISES_ON_PURPOSE = ("cms/failwhale/",)
# Pages that answer something other than 200 without the parameters or the POST they
# expect (Wagtail's catch-all and chooser APIs, wizard steps): requested, never a 500.
NEEDS_PARAMETERS = (
    "cms/^.*/$",
    "cms/api/",
    "cms/block-preview/",
    "cms/redirects/import/process/",
    "cms/workflows/tasks/select_type/",
    # Wagtail decides per user from their snippet and lock permissions.
    "cms/snippets/",
    "cms/reports/locked/",
    "cms/product_chooser/create/",
    "cms/snippets/choose/",
    "django-admin/autocomplete/",
    "django-admin/axes/",  # axes' records are read-only: "add" is refused to everyone
    "django-admin/catalogue/category/move/",
    "shop/dashboard/catalogue/products/bulk-action/",
    "shop/dashboard/catalogue/products/create/",
    "shop/dashboard/offers/new/",
)
# What editors and moderators must be able to open: their workspace in Wagtail.
WORKSPACE = (
    "/cms/",
    "/cms/pages/",
    "/cms/images/",
    "/cms/images/add/",
    "/cms/documents/",
    "/cms/reports/site-history/",
    "/cms/account/",
    "/cms/product_chooser/",
)


def routes():
    """(route text, full regex) for every route in the URL map, in resolution order."""

    def walk(patterns, text, regex):
        for p in patterns:
            own = p.pattern.regex.pattern.lstrip("^").removesuffix("\\Z").removesuffix("$")
            if isinstance(p, URLResolver):
                yield from walk(p.url_patterns, text + str(p.pattern), regex + own)
            elif isinstance(p, URLPattern):
                yield text + str(p.pattern), regex + own

    return list(walk(get_resolver().url_patterns, "", ""))


def sample_path(regex):
    """A concrete path the route matches, with made-up values for its parameters (the
    access check comes before any lookup, so made-up ids are enough to be refused)."""
    for candidate in ("1", "x", "00000000-0000-0000-0000-000000000000", "a/b", "auth"):
        for fmt, params in normalize(regex):
            path = "/" + fmt % dict.fromkeys(params, candidate)
            if re.fullmatch(regex, path[1:]):
                return path
    return None


def area_of(route):
    for area in AREAS:
        if route.startswith(area.prefix):
            return area
    return None


def test_every_route_has_an_entry():
    shop_routes = {route for route, _ in routes() if area_of(route) is None}
    assert sorted(shop_routes - SHOP.keys()) == [], "new routes: decide who may open them"
    assert sorted(SHOP.keys() - shop_routes) == [], "entries for routes that no longer exist"


def _mismatches(client, role, items):
    wrong = []
    for label, method, path, answer in items:
        response = getattr(client, method)(path)
        if response.status_code == 405 and answer is REFUSED:
            method, response = "post", client.post(path)  # a POST-only action: try it
        if response.status_code >= 500 or not answer.fits(response):
            where = response.get("Location", "")
            wrong.append(
                f"{role} {method.upper()} {path} ({label}): {response.status_code} "
                f"{where} — expected {answer.name}"
            )
    return wrong


@pytest.mark.parametrize("role", ROLES)
def test_the_shop_answers_each_role_as_its_entry_says(role, world, clients):
    items = []
    for route, entry in SHOP.items():
        items.append((route, entry.method, entry.url(world), entry.answers[role]))
    wrong = _mismatches(clients[role], role, items)
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("role", ROLES)
def test_staff_areas_refuse_everyone_else_on_every_route(role, world, clients):
    items = []
    for route, regex in routes():
        area = area_of(route)
        if area is None or route.startswith(AREA_PUBLIC):
            continue
        path = sample_path(regex)
        assert path is not None, f"cannot make a path for {route}"
        if (
            role not in area.allowed
            or (role != "staff" and route.startswith(CMS_STAFF_ONLY))
            or (role == "editor" and route.startswith(CMS_REVIEWERS_ONLY))
        ):
            items.append((route, "get", path, REFUSED))
    wrong = _mismatches(clients[role], role, items)
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("role", ["editor", "moderator"])
def test_editors_and_moderators_open_their_workspace(role, world, clients):
    items = [(path, "get", path, OK) for path in WORKSPACE]
    wrong = _mismatches(clients[role], role, items)
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("role", ["editor", "moderator", "staff"])
def test_staff_areas_open_their_pages_to_who_may_use_them(role, world, clients):
    """Every page without parameters in an area opens (200) for the roles let in, except
    the parts beyond an editor's role; the pages that need parameters never fail (500)."""
    items = []
    for route, regex in routes():
        area = area_of(route)
        if area is None or role not in area.allowed or "(" in regex:
            continue
        if route.startswith(RAISES_ON_PURPOSE + AREA_PUBLIC):
            continue
        if role != "staff" and route.startswith(CMS_STAFF_ONLY):
            continue
        if role == "editor" and route.startswith(CMS_REVIEWERS_ONLY):
            continue
        answer = ANY if route.startswith(NEEDS_PARAMETERS) else OK
        items.append((route, "get", "/" + regex.replace("\\", ""), answer))
    wrong = _mismatches(clients[role], role, items)
    assert not wrong, "\n".join(wrong)


def test_another_buyers_things_are_unchanged_after_their_refused_posts(world, clients):
    """Buyer B POSTs to buyer A's address, wish list, alert and order actions: nothing of
    A's changes."""
    b, a_ = clients["buyer_b"], world["a"]
    key = a_["wishlist"].key
    for path in (
        f"/shop/accounts/addresses/{a_['address'].pk}/delete/",
        f"/shop/accounts/addresses/{a_['address'].pk}/default_for_shipping/",
        f"/shop/accounts/wishlists/{key}/delete/",
        f"/shop/accounts/wishlists/{key}/lines/{a_['wishline'].pk}/delete/",
        f"/shop/accounts/wishlists/{key}/products/{a_['product'].pk}/delete/",
        f"/shop/accounts/wishlists/{key}/lines/{a_['wishline'].pk}/move-to/"
        f"{world['b']['wishlist'].key}/",
        f"/shop/accounts/wishlists/{key}/update/",
        f"/shop/accounts/alerts/cancel/{a_['alert'].pk}/",
        f"/shop/accounts/notifications/{a_['notification'].pk}/",
    ):
        response = b.post(path, {"name": "Của B"})
        assert response.status_code in (404, 405), path
    b.post(
        "/shop/accounts/notifications/update/",
        {"selected_notification": [a_["notification"].pk], "action": "archive"},
    )

    assert UserAddress.objects.filter(pk=a_["address"].pk, is_default_for_shipping=False).exists()
    wishlist = WishList.objects.get(pk=a_["wishlist"].pk)
    assert wishlist.name == "Quà Tết" and list(wishlist.lines.all()) == [a_["wishline"]]
    assert ProductAlert.objects.get(pk=a_["alert"].pk).status == ProductAlert.ACTIVE
    assert Notification.objects.get(pk=a_["notification"].pk).location == Notification.INBOX


def test_a_producer_refused_at_the_dashboard_gets_our_page_in_vietnamese(world, clients):
    response = clients["producer_a"].get("/shop/dashboard/orders/")
    html = response.content.decode()
    assert response.status_code == 403
    assert 'lang="vi"' in html and "Bạn không có quyền mở trang này" in html
    assert "Chợ OCOP" in html  # the shop's own header, not Django's bare page
