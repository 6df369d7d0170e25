from django import template

from storefront.order import progress as order_progress
from storefront.order.links import order_status_url

register = template.Library()


@register.filter
def status_url(order):
    return order_status_url(order)


@register.filter
def progress(order):
    """The order's steps in the order they happen for its payment method."""
    return order_progress.steps(order)
