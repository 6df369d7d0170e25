"""Who may review a product (issue 9, item 11).

Only a signed-in buyer who received the product (a delivered parcel of one of their orders
holds it), once per product (Oscar's rule), and at most OCOP_REVIEWS_PER_DAY reviews a day.
Reviews wait for moderation (OSCAR_MODERATE_REVIEWS): the product's review list shows only
approved ones; staff approve them in Oscar's dashboard (/shop/dashboard/reviews/).
`Product.is_review_permitted` calls `may_review`, so Oscar's review view and its templates
follow the same rule.
"""

import datetime

from django.conf import settings
from django.db.models import F, Q
from django.utils import timezone


def has_received(user, product) -> bool:
    from oscar.core.loading import get_model

    Line = get_model("order", "Line")
    return Line.objects.filter(
        Q(product=product) | Q(product__parent=product),
        order__user=user,
        order__parcels__status="delivered",
        order__parcels__producer__partner_id=F("partner_id"),
    ).exists()


def reviews_today(user) -> int:
    since = timezone.now() - datetime.timedelta(days=1)
    return user.reviews.filter(date_created__gte=since).count()


def may_review(user, product) -> bool:
    if not user.is_authenticated or product.has_review_by(user):
        return False
    if reviews_today(user) >= settings.OCOP_REVIEWS_PER_DAY:
        return False
    return has_received(user, product)
