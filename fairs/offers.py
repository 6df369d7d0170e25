"""The fair discount: an Oscar site offer on a range holding the approved exhibitors'
products, open from the fair's first day to the end of its last day in Vietnam. Oscar's
basket middleware applies site offers by itself, so the discount appears in the basket and
the order without any code in the checkout.

`sync_offer` is called whenever what the offer depends on changes: the page is published
(discount, dates) and an exhibitor comes or goes (approval, withdrawal). It works on the
fair page in the site's default language, the one applications belong to.
"""

import datetime

from django.db import transaction
from oscar.core.loading import get_model
from wagtail.models import Locale

from fairs.pages import VIETNAM, FairPage

Benefit = get_model("offer", "Benefit")
Condition = get_model("offer", "Condition")
ConditionalOffer = get_model("offer", "ConditionalOffer")
Range = get_model("offer", "Range")
RangeProduct = get_model("offer", "RangeProduct")


def exhibited_products(fair):
    from catalogue.models import Product

    return Product.objects.filter(
        boothapplication__fair__translation_key=fair.translation_key,
        boothapplication__state="approved",
    ).distinct()


def _window(fair):
    start = datetime.datetime.combine(fair.start_date, datetime.time(0), tzinfo=VIETNAM)
    end = datetime.datetime.combine(
        fair.end_date + datetime.timedelta(days=1), datetime.time(0), tzinfo=VIETNAM
    ) - datetime.timedelta(microseconds=1)
    return start, end


@transaction.atomic
def sync_offer(fair):
    """Create, update or suspend the fair's offer so it matches the page and exhibitors."""
    fair = (
        FairPage.objects.select_for_update(of=("self",))
        .filter(translation_key=fair.translation_key, locale=Locale.get_default())
        .first()
    )
    if fair is None:
        return None
    offer = fair.offer
    if not fair.discount_percent:
        if offer is not None and offer.status != ConditionalOffer.SUSPENDED:
            offer.status = ConditionalOffer.SUSPENDED
            offer.save(update_fields=["status"])
        return offer
    name = f"Hội chợ #{fair.pk}: {fair.title}"[:128]
    if offer is None:
        products_range = Range.objects.create(name=name, includes_all_products=False)
        offer = ConditionalOffer.objects.create(
            name=name,
            description=name,
            offer_type=ConditionalOffer.SITE,
            exclusive=True,
            condition=Condition.objects.create(range=products_range, type=Condition.COUNT, value=1),
            benefit=Benefit.objects.create(
                range=products_range, type=Benefit.PERCENTAGE, value=fair.discount_percent
            ),
        )
        FairPage.objects.filter(pk=fair.pk).update(offer=offer)
    products_range = offer.benefit.range
    offer.benefit.value = fair.discount_percent
    offer.benefit.save(update_fields=["value"])
    offer.start_datetime, offer.end_datetime = _window(fair)
    offer.status = ConditionalOffer.OPEN
    offer.save()
    wanted = set(exhibited_products(fair).values_list("pk", flat=True))
    have = set(RangeProduct.objects.filter(range=products_range).values_list("product", flat=True))
    RangeProduct.objects.filter(range=products_range, product__in=have - wanted).delete()
    RangeProduct.objects.bulk_create(
        [
            RangeProduct(range=products_range, product_id=pk, display_order=n)
            for n, pk in enumerate(sorted(wanted - have))
        ]
    )
    products_range.invalidate_cached_queryset()
    return offer
