from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from oscar.apps.partner.models import StockRecord

from catalogue.models import Certificate, Producer, Product, ProductCategory
from search.indexing import schedule


@receiver(post_save, sender=Product, dispatch_uid="search_product_saved")
@receiver(post_delete, sender=Product, dispatch_uid="search_product_deleted")
def product_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        # An option's title or visibility changes its product's document.
        schedule([instance.pk, instance.parent_id])


@receiver(post_save, sender=StockRecord, dispatch_uid="search_stock_saved")
def stock_changed(sender, instance, raw=False, **kwargs):
    """A stock record's price and stock are its product's; an option's are its parent's
    too (the parent is indexed from its cheapest option)."""
    if raw:
        return
    if StockRecord.product.is_cached(instance):  # no query when the product is at hand
        parent_id = instance.product.parent_id
    else:
        parent_id = (
            Product.objects.filter(pk=instance.product_id)
            .values_list("parent_id", flat=True)
            .first()
        )
    schedule([instance.product_id, parent_id])


@receiver(post_save, sender=Certificate, dispatch_uid="search_certificate_saved")
@receiver(post_delete, sender=Certificate, dispatch_uid="search_certificate_deleted")
@receiver(post_save, sender=ProductCategory, dispatch_uid="search_category_link_saved")
@receiver(post_delete, sender=ProductCategory, dispatch_uid="search_category_link_deleted")
def product_part_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        schedule([instance.product_id])


@receiver(m2m_changed, sender=Product.standards.through, dispatch_uid="search_standards")
def standards_changed(sender, instance, action, **kwargs):
    if action.startswith("post_") and isinstance(instance, Product):
        schedule([instance.pk])


@receiver(post_save, sender=Producer, dispatch_uid="search_producer_saved")
def producer_changed(sender, instance, raw=False, created=False, **kwargs):
    if not raw and not created:
        schedule(instance.products.values_list("pk", flat=True))
