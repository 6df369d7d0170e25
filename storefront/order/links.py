"""Signed links to an order's status page: a guest needs no account to follow an order."""

from django.core import signing
from django.urls import reverse
from django.utils import translation

SALT = "order-status"


def order_token(order) -> str:
    return signing.dumps(order.number, salt=SALT, compress=True)


def order_number_from(token: str) -> str | None:
    try:
        return signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None


def order_status_url(order) -> str:
    with translation.override(order.language):
        return reverse("checkout:order-status", kwargs={"token": order_token(order)})
