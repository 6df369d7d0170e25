from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.images import get_image_model_string
from wagtail.signals import page_published

from cms.images import make_renditions
from cms.policies import PolicyPage


@receiver(page_published, sender=PolicyPage)
def start_notice_period(sender, instance, **kwargs):
    instance.mark_announced()


@receiver(post_save, sender=get_image_model_string())
def make_image_renditions(sender, instance, update_fields=None, **kwargs):
    # On every save of the file (a replaced file loses its renditions); existing ones are not
    # redone. Saves of other fields (Wagtail stores the file hash lazily) are left alone.
    if instance.file and (update_fields is None or "file" in update_fields):
        transaction.on_commit(lambda: make_renditions(instance))
