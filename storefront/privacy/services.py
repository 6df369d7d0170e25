"""Consent records, data export and erasure (Law 91/2025 on personal data protection,
Decree 356/2025).

What an order keeps after its buyer's data is erased: what an invoice and the accounting
records need (Law on Accounting 88/2015, art. 41: ten years) — the order number, dates,
goods, quantities, prices, totals, payment method, and the buyer's name and address as the
invoice shows them. The phone, e-mail, delivery notes and client address go.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language

from storefront.privacy.models import Consent, ErasureRequest

# Orders whose parcels may still have to reach the buyer keep the phone until they end.
ENDED = ("delivered", "cancelled", "refunded")


def privacy_policy():
    """The live privacy policy page in the visitor's language (else any language)."""
    from cms.policies import PolicyPage

    pages = list(
        PolicyPage.objects.live()
        .filter(kind=PolicyPage.Kind.PRIVACY)
        .select_related("locale")
        .order_by("pk")
    )
    language = (get_language() or "vi").split("-")[0]
    for page in pages:
        if page.locale.language_code == language:
            return page
    return pages[0] if pages else None


def policy_version(page) -> str:
    """Which text was in force: its start date and the page revision that holds it."""
    if page is None:
        return ""
    _text, since, _upcoming, _starts = page.versions()
    return f"{since:%Y-%m-%d} (revision {page.live_revision_id})"


def record_consent(purpose, statement, *, order=None, user=None) -> Consent:
    page = privacy_policy()
    return Consent.objects.create(
        purpose=purpose,
        statement=str(statement),
        language=(get_language() or "vi")[:8],
        policy_version=policy_version(page),
        policy_url=(page.get_url() or "") if page else "",
        order=order,
        user=user if (user is not None and user.is_authenticated) else None,
    )


def _money(value):
    return int(value) if value is not None else None


def _when(value):
    return value.isoformat() if value else None


def order_data(order) -> dict:
    address = order.shipping_address
    return {
        "number": order.number,
        "placed_at": _when(order.date_placed),
        "status": str(order.status_label),
        "payment_method": order.get_payment_method_display(),
        "total_vnd": _money(order.total_incl_tax),
        "shipping_vnd": _money(order.shipping_incl_tax),
        "email": order.guest_email or (order.user.email if order.user_id else ""),
        "delivery": {
            "name": address.last_name if address else "",
            "phone": str(address.phone_number or "") if address else "",
            "street": address.line1 if address else "",
            "commune": address.line4 if address else "",
            "province": address.state if address else "",
            "notes": address.notes if address else "",
        },
        "lines": [
            {
                "product": line.title,
                "producer": line.partner_name,
                "quantity": line.quantity,
                "price_vnd": _money(line.line_price_incl_tax),
            }
            for line in order.lines.all()
        ],
        "consents": [consent_data(c) for c in order.consents.all()],
    }


def consent_data(consent) -> dict:
    return {
        "purpose": consent.get_purpose_display(),
        "statement": consent.statement,
        "language": consent.language,
        "privacy_policy_version": consent.policy_version,
        "privacy_policy": consent.policy_url,
        "given_at": _when(consent.given_at),
    }


def account_data(user) -> dict:
    """Everything the shop holds about a signed-in buyer, as JSON-ready data."""
    from oscar.apps.customer.models import ProductAlert

    from storefront.address.models import UserAddress
    from storefront.order.models import Order

    orders = (
        Order.objects.filter(user=user)
        .select_related("shipping_address", "user")
        .prefetch_related("lines", "consents")
        .order_by("date_placed")
    )
    return {
        "exported_at": timezone.now().isoformat(),
        "account": {
            "username": user.get_username(),
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "date_joined": _when(user.date_joined),
            "last_login": _when(user.last_login),
        },
        "addresses": [
            {
                "name": a.name,
                "phone": str(a.phone_number or ""),
                "address": a.summary,
                "notes": a.notes,
            }
            for a in UserAddress.objects.filter(user=user)
        ],
        "consents": [consent_data(c) for c in user.consents.all()],
        "orders": [order_data(o) for o in orders],
        "stock_alerts": [
            {"product": a.product.get_title(), "created": _when(a.date_created)}
            for a in ProductAlert.objects.filter(user=user).select_related("product")
        ],
        "wishlists": [
            {"name": w.name, "products": [line.get_title() for line in w.lines.all()]}
            for w in user.wishlists.prefetch_related("lines")
        ],
    }


def guest_order_data(order) -> dict:
    return {"exported_at": timezone.now().isoformat(), "order": order_data(order)}


def erase_order_contacts(order) -> bool:
    """Remove what identifies the buyer beyond what the accounting records need; False
    while the order may still have to reach the buyer (the courier needs the phone)."""
    if order.status not in ENDED:
        return False
    with transaction.atomic():
        address = order.shipping_address
        if address is not None:
            address.phone_number = ""
            address.notes = ""
            address.save(update_fields=["phone_number", "notes"])
        order.guest_email = ""
        order.client_ip = None
        order.save(update_fields=["guest_email", "client_ip"])
        order.erasure_requests.filter(done_at=None).update(done_at=timezone.now())
    return True


def request_erasure(order) -> bool:
    """Record the request and erase now if the order has ended (True); otherwise the
    order's end does it (receivers.py)."""
    ErasureRequest.objects.get_or_create(order=order, done_at=None)
    return erase_order_contacts(order)
