"""The order confirmation e-mail, in the language the buyer used to order."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation

from storefront.order.links import order_confirm_url, order_status_url


def recipient(order):
    if order.user_id and order.user.email:
        return order.user.email
    return order.guest_email


def send_confirmation(order) -> bool:
    to = recipient(order)
    if not to:
        return False
    parcels = order.parcels_with_lines()
    with translation.override(order.language):
        context = {
            "order": order,
            "parcels": parcels,
            "status_url": settings.SITE_URL + order_status_url(order),
            "confirm_url": (
                settings.SITE_URL + order_confirm_url(order)
                if order.is_awaiting_confirmation
                else ""
            ),
            "shop_name": settings.OSCAR_SHOP_NAME,
        }
        subject = render_to_string("order/email/confirmation_subject.txt", context).strip()
        text = render_to_string("order/email/confirmation.txt", context)
        html = render_to_string("order/email/confirmation.html", context)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [to])
    message.attach_alternative(html, "text/html")
    message.send()
    return True
