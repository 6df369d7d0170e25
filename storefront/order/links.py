"""Signed links to an order's status page: a guest needs no account to follow an order."""

from django.core import signing
from django.urls import reverse
from django.utils import translation

SALT = "order-status"
# A different salt: the order page's own link cannot confirm an order; only the e-mail can.
CONFIRM_SALT = "order-confirm"


def order_token(order) -> str:
    # str(): a fresh order's number may still be the generator's int; one token per order.
    return signing.dumps(str(order.number), salt=SALT, compress=True)


def order_number_from(token: str) -> str | None:
    try:
        return signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None


def order_status_url(order) -> str:
    with translation.override(order.language):
        return reverse("checkout:order-status", kwargs={"token": order_token(order)})


def confirm_token(order) -> str:
    return signing.dumps(str(order.number), salt=CONFIRM_SALT, compress=True)


def order_number_from_confirm_token(token: str) -> str | None:
    try:
        return signing.loads(token, salt=CONFIRM_SALT)
    except signing.BadSignature:
        return None


def order_confirm_url(order) -> str:
    with translation.override(order.language):
        return reverse("checkout:order-confirm", kwargs={"token": confirm_token(order)})
