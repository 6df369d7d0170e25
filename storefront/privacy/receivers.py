from django.conf import settings
from django.db.models.signals import pre_delete
from django.dispatch import receiver
from oscar.apps.order.signals import order_status_changed

from storefront.privacy import services


@receiver(pre_delete, sender=settings.AUTH_USER_MODEL, dispatch_uid="privacy_account_deleted")
def erase_contacts_of_deleted_account(sender, instance, **kwargs):
    """A buyer deletes their account: their ended orders keep only what accounting needs
    (orders still on their way keep the phone until they end)."""
    from storefront.order.models import Order

    for order in Order.objects.filter(user=instance).select_related("shipping_address"):
        services.erase_order_contacts(order)


@receiver(pre_delete, sender=settings.AUTH_USER_MODEL, dispatch_uid="privacy_pending_erasure")
def erase_later_what_is_still_on_its_way(sender, instance, **kwargs):
    from storefront.order.models import Order
    from storefront.privacy.models import ErasureRequest

    for order in Order.objects.filter(user=instance).exclude(status__in=services.ENDED):
        ErasureRequest.objects.get_or_create(order=order, done_at=None)


@receiver(order_status_changed, dispatch_uid="privacy_erase_when_ended")
def erase_when_the_order_ends(sender, order, old_status, new_status, **kwargs):
    """An erasure asked for while the order was on its way happens when it ends."""
    if new_status in services.ENDED and order.erasure_requests.filter(done_at=None).exists():
        services.erase_order_contacts(order)
