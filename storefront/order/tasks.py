from celery import shared_task

from storefront.order.services import expire_unpaid


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_order_confirmation(order_id):
    from storefront.order.emails import send_confirmation
    from storefront.order.models import Order

    return send_confirmation(Order.objects.get(pk=order_id))


@shared_task
def expire_unpaid_orders():
    return expire_unpaid()
