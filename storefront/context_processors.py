from django.conf import settings


def site_context(request):
    from storefront.themes import DEFAULT, current_theme, theme_static_url

    theme = current_theme.get()
    return {
        "THEME": theme,
        # A theme's own stylesheet sets the colour tokens (and little else) over site.css.
        "THEME_CSS": theme_static_url("css/theme.css") if theme != DEFAULT else "",
        "SHOP_NAME": settings.OSCAR_SHOP_NAME,
        "OCOP_STAR_LEVELS": (5, 4, 3),
        "OPERATOR": settings.OCOP_OPERATOR,
        # What the shop really takes today: pages promise cards only when Stripe is on.
        "CARDS_ENABLED": settings.STRIPE_ENABLED,
    }
