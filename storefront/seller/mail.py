"""E-mails to producers, sent after the change that causes them commits."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation


def send_after_commit(to, template, context, language="vi", folder="seller/email"):
    """Render `<folder>/<template>_subject.txt` and `.txt` in `language` and send them
    once the current transaction commits; a rolled-back change sends nothing."""
    recipients = [address for address in to if address]
    if not recipients:
        return

    context = {"site_url": settings.SITE_URL.rstrip("/"), **context}

    def send():
        with translation.override(language):
            subject = render_to_string(f"{folder}/{template}_subject.txt", context)
            body = render_to_string(f"{folder}/{template}.txt", context)
        send_mail(" ".join(subject.split()), body, settings.DEFAULT_FROM_EMAIL, recipients)

    transaction.on_commit(send)


def producer_addresses(producer):
    """Everyone who acts for the producer, and the producer's own address."""
    addresses = list(producer.partner.users.exclude(email="").values_list("email", flat=True))
    if producer.email and producer.email not in addresses:
        addresses.append(producer.email)
    return addresses
