from django.db.models.signals import post_save
from django.dispatch import receiver

from catalogue.models import ProductImage
from storefront.images import make_renditions


@receiver(post_save, sender=ProductImage, dispatch_uid="product_image_renditions")
def product_image_renditions(sender, instance, raw=False, **kwargs):
    if raw or not instance.original:
        return
    if getattr(instance, "_skip_renditions", False):
        return
    make_renditions(instance.original)
