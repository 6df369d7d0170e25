import functools

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, ngettext
from oscar.templatetags.currency_filters import currency

from catalogue import shown_stock
from storefront.images import rendition_url

register = template.Library()


@register.filter
def vnd(value):
    """Format a price in VND with no decimals: "150.000 ₫" in Vietnamese."""
    return currency(value, "VND")


@register.filter
def count(value):
    """A whole number grouped in thousands as the language writes it: "10.000" in
    Vietnamese, "10,000" in English (Django's Vietnamese formats do not group)."""
    grouped = f"{int(value):,}"
    return grouped if (get_language() or "vi").startswith("en") else grouped.replace(",", ".")


@register.filter
def basket_count(basket):
    """The basket's items for the header. A visitor without a basket has Oscar's unsaved
    empty one, whose count still builds and compiles an empty query (0.5 ms a page)."""
    return basket.num_items if getattr(basket, "id", None) else 0  # "" without a basket


@register.filter
def stock_line(availability):
    """ "In stock", "Only 3 left" or why it cannot be bought: never the exact count of a
    plentiful stock (catalogue/shown_stock.py)."""
    return shown_stock.stock_line(availability)


@register.filter
def quantity_limit(availability):
    return shown_stock.quantity_limit(availability)


@register.filter
def rendition(image_field, width):
    """URL of a pre-made WebP rendition of an uploaded image (no database access)."""
    return rendition_url(image_field, int(width))


@register.filter
def rendition_srcset(image_field, widths):
    """`srcset` of pre-made WebP renditions: "…w320.webp 320w, …w640.webp 640w"."""
    return ", ".join(
        f"{rendition_url(image_field, int(w))} {w}w" for w in str(widths).split(",") if image_field
    )


@register.simple_tag
def theme_static(path):
    """The request's theme's copy of a static file (its logo, say), or the default's."""
    from storefront.themes import theme_static_url

    return theme_static_url(path)


@register.simple_tag(takes_context=True)
def language_links(context, others_only=False):
    """Links to this page in the other languages; plain links, so they work without JS.
    `others_only` leaves out the current language (the header's short switcher)."""
    request = context.get("request")
    if request is None:
        return ""
    current = get_language()
    urls = _language_urls(request, context.get("page"))
    return format_html_join(
        " ",
        '<a href="{}" hreflang="{}" lang="{}"{}>{}</a>',
        (
            (
                urls[code],
                code,
                code,
                mark_safe(' aria-current="true"') if code == current else "",
                name,
            )
            for code, name in settings.LANGUAGES
            if not (others_only and code == current)
        ),
    )


def _language_urls(request, page):
    """{language: this page's URL in it}, once per request: the header and the footer both
    link them, and translating a URL resolves and reverses it."""
    memo = getattr(request, "_language_urls", None)
    if memo is None or memo[0] is not page:
        path = request.get_full_path()
        translated = _page_translations(page, request)
        urls = {
            code: translated.get(code) or translate_url(path, code)
            for code, _ in settings.LANGUAGES
        }
        memo = request._language_urls = (page, urls)
    return memo[1]


def _page_translations(page, request):
    """{language: URL} of a Wagtail page's translations (their slugs may differ). Cached
    for a few minutes: every content page shows the switcher."""
    from django.core.cache import cache
    from wagtail.models import Page

    if not isinstance(page, Page):
        return {}
    key = f"page-translations:{page.translation_key}"
    urls = cache.get(key)
    if urls is None:
        urls = {
            p.locale.language_code: p.get_url(request)
            for p in page.get_translations(inclusive=True).live().select_related("locale")
        }
        cache.set(key, urls, 300)
    return urls


@register.simple_tag
def ocop_stars(stars):
    """The row of stars with its spoken label. Every card shows one: built once per level
    and language (a template per card cost 0.05 ms, a millisecond per listing page)."""
    return _stars(stars or 0, get_language())  # None (no translation) is a language too


@functools.lru_cache(maxsize=32)
def _stars(stars, language):
    label = ngettext("%(stars)s star OCOP", "%(stars)s star OCOP", stars) % {"stars": stars}
    return format_html(
        '<span class="ocop-stars" role="img" aria-label="{}" title="OCOP {}★">{}</span>',
        label,
        stars,
        "★" * stars,
    )


@register.simple_tag(takes_context=True)
def facet_url(context, name, value, selected=False):
    """The current URL with a facet value switched on (or off when selected); page reset."""
    params = context["request"].GET.copy()
    params.pop("page", None)
    if selected:
        params.pop(name, None)
    else:
        params[name] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"
