from django.conf import settings
from django.db.models.signals import pre_delete
from django.dispatch import receiver
from oscar.apps.order.signals import order_status_changed

from storefront.privacy import services


@receiver(pre_delete, sender=settings.AUTH_USER_MODEL, dispatch_uid="privacy_account_deleted")
def erase_contacts_of_deleted_account(sender, instance, **kwargs):
    """A buyer deletes their account: each order keeps only what accounting needs, at once
    if it has ended, else when it ends (the courier needs the phone until then)."""
    from storefront.order.models import Order

    for order in Order.objects.filter(user=instance).select_related("shipping_address"):
        services.request_erasure(order)


@receiver(order_status_changed, dispatch_uid="privacy_erase_when_ended")
def erase_when_the_order_ends(sender, order, old_status, new_status, **kwargs):
    """An erasure asked for while the order was on its way happens when it ends."""
    if new_status in services.ENDED and order.erasure_requests.filter(done_at=None).exists():
        services.erase_order_contacts(order)
