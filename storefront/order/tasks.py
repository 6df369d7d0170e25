from celery import shared_task

from storefront.order.services import expire_unpaid


@shared_task
def expire_unpaid_orders():
    return expire_unpaid()
