from celery import shared_task

from storefront.seller.review.reminders import send_certificate_reminders


@shared_task(name="storefront.seller.review.tasks.send_certificate_reminders")
def certificate_reminders():
    return send_certificate_reminders()
