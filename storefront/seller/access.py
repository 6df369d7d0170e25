"""Who may act for which producer, asked on every seller-centre request.

A user acts for a producer when Oscar's `Partner.users` links them to the producer's
partner. Every object a seller view touches is looked up *through* `request.producer`, so
another producer's ids answer 404: the permission is checked on the server, per object,
never by hiding links.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
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
