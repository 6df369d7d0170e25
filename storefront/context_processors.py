from django.conf import settings


def site_context(request):
    from django.utils.functional import SimpleLazyObject

    from storefront.pagecache import fragment_key
    from storefront.themes import DEFAULT, current_site_name, current_theme, theme_static_url

    theme = current_theme.get()
    return {
        # A provincial storefront's own name ("Chợ OCOP Đồng Nai") in titles and the brand.
        "SHOP_NAME": current_site_name.get() or settings.OSCAR_SHOP_NAME,
        "THEME": theme,
        # A theme's own stylesheet sets the colour tokens (and little else) over site.css.
        "THEME_CSS": theme_static_url("css/theme.css") if theme != DEFAULT else "",
        "OCOP_STAR_LEVELS": (5, 4, 3),
        "OPERATOR": settings.OCOP_OPERATOR,
        # What the shop really takes today: pages promise cards only when Stripe is on.
        "CARDS_ENABLED": settings.STRIPE_ENABLED,
        # For `{% cache %}` around the expensive parts of a page (storefront/pagecache.py).
        "fragment_key": SimpleLazyObject(lambda: fragment_key(request)),
    }
