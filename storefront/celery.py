"""Celery, used only when CELERY_BROKER_URL is set (e.g. Redis); otherwise work runs inline.

Worker:  celery -A storefront worker -l info
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "storefront.settings")

app = Celery("storefront")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
