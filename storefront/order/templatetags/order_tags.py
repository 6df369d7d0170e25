from django import template

from storefront.order.links import order_status_url

register = template.Library()


@register.filter
def status_url(order):
    return order_status_url(order)
