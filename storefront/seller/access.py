"""Who may act for which producer, asked on every seller-centre request.

A user acts for a producer when Oscar's `Partner.users` links them to the producer's
partner. Every object a seller view touches is looked up *through* `request.producer`
(`owned_or_404`), so another producer's ids answer 404: the permission is checked on the
server, per object, never by hiding links.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect

from catalogue.models import Producer


def producer_of(user):
    """The producer `user` acts for, or None."""
    if not user.is_authenticated:
        return None
    return (
        Producer.objects.select_related("partner", "province", "ward")
        .filter(partner__users=user)
        .order_by("pk")
        .first()
    )


def seller_required(view):
    """Signed in and acting for a producer; sets `request.producer`.

    Guests go to the login page; a signed-in user with no producer goes to the
    application form (the way in for a new seller)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        producer = producer_of(request.user)
        if producer is None:
            return redirect("seller:apply")
        request.producer = producer
        return view(request, *args, **kwargs)

    return wrapped


def owned_or_404(queryset, producer, **lookup):
    """One row of `queryset` that belongs to `producer`, else 404.

    The queryset's model must reach the producer by `producer` (products, certificates,
    parcels) or through `product__producer` / `parent__producer` as the caller filters."""
    obj = queryset.filter(**lookup).first()
    if obj is None or _owner_id(obj) != producer.pk:
        raise Http404
    return obj


def _owner_id(obj):
    producer_id = getattr(obj, "producer_id", None)
    if producer_id is None and getattr(obj, "parent_id", None):
        producer_id = obj.parent.producer_id
    if producer_id is None and getattr(obj, "product_id", None):
        product = obj.product
        producer_id = product.producer_id or (
            product.parent.producer_id if product.parent_id else None
        )
    return producer_id
