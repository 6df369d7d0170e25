from django.dispatch import receiver
from wagtail.signals import page_published

from fairs.offers import sync_offer
from fairs.pages import FairPage


@receiver(page_published, sender=FairPage)
def keep_the_fair_discount_in_step(sender, instance, **kwargs):
    """A published discount or new dates reach the basket's offer at once."""
    sync_offer(instance)
