"""Guest orders joining the account of the buyer who placed them.

An e-mail typed at registration proves nothing (anybody can type anybody's), so orders
placed as a guest are attached only once the account holder proves they read that
mailbox: we e-mail a signed link that expires (`OCOP_CLAIM_LINK_HOURS`) and names the
account and the address; its page attaches the orders only by its button's POST (mail
scanners open links). Only orders without an account move, never another account's.
"""

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from storefront.order.models import Order

SALT = "claim-guest-orders"
# One e-mail per account per this many seconds: the button cannot flood a mailbox.
RESEND_AFTER = 300


def _email(user) -> str:
    return (user.email or "").strip().lower()


def claim_token(user) -> str:
    return signing.dumps({"u": user.pk, "e": _email(user)}, salt=SALT, compress=True)


def email_from_token(token: str, user) -> str | None:
    """The address the link was sent to, if the link is genuine, not expired, for this
    account, and the account still has that address; else None."""
    try:
        data = signing.loads(token, salt=SALT, max_age=settings.OCOP_CLAIM_LINK_HOURS * 3600)
    except signing.BadSignature:  # also SignatureExpired
        return None
    if not isinstance(data, dict) or data.get("u") != user.pk:
        return None
    email = data.get("e")
    return email if email and email == _email(user) else None


def unclaimed(email: str):
    """Orders placed as a guest with this address (any case), with no account."""
    return Order.objects.filter(user__isnull=True, guest_email__iexact=email)


def attach(user, email: str | None) -> int:
    """Attach the guest orders of a proven address to `user`; how many."""
    if not email:
        return 0
    with transaction.atomic():
        ids = list(unclaimed(email).select_for_update().values_list("pk", flat=True))
        # user__isnull again: a concurrent claim by another account cannot be overwritten.
        return Order.objects.filter(pk__in=ids, user__isnull=True).update(user=user)


def send_link(user) -> bool:
    """E-mail the link, if the account has guest orders to link and no link went out in
    the last few minutes. The page says the same whatever happened here, so it tells
    nobody whether an address has orders."""
    email = _email(user)
    if not email or not unclaimed(email).exists():
        return False
    if not cache.add(f"claim-link-sent:{user.pk}", 1, RESEND_AFTER):
        return False
    language = translation.get_language() or settings.LANGUAGE_CODE
    with translation.override(language):
        url = settings.SITE_URL + reverse("claim-orders", kwargs={"token": claim_token(user)})
        context = {
            "url": url,
            "email": user.email,
            "hours": settings.OCOP_CLAIM_LINK_HOURS,
            "shop_name": settings.OSCAR_SHOP_NAME,
        }
        subject = render_to_string("order/email/claim_subject.txt", context).strip()
        body = render_to_string("order/email/claim.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
    return True
