from django.conf import settings


def site_context(request):
    return {
        "SHOP_NAME": settings.OSCAR_SHOP_NAME,
        "OCOP_STAR_LEVELS": (5, 4, 3),
        "OPERATOR": settings.OCOP_OPERATOR,
        # What the shop really takes today: pages promise cards only when Stripe is on.
        "CARDS_ENABLED": settings.STRIPE_ENABLED,
    }
