"""Open Graph tags and schema.org JSON-LD for Wagtail pages, products and producers."""

from django import template
from django.conf import settings
from django.core.cache import cache
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from cms.seo import SeoMixin, json_ld_script
from storefront.themes import page_link, page_link_parts

register = template.Library()


@register.inclusion_tag("cms/partials/og.html", takes_context=True)
def open_graph(context, title="", description="", image="", og_type=""):
    request = context["request"]
    page = context.get("page")
    if isinstance(page, SeoMixin):
        title = title or page.seo_title or page.title
        description = description or page.seo_description() or ""
        image = image or page.seo_image_url(request)
        og_type = og_type or page.og_type
    return {
        "site_name": settings.OSCAR_SHOP_NAME,
        "title": title or settings.OSCAR_SHOP_NAME,
        "description": description,
        "image": image,
        "type": og_type or "website",
        "url": request.build_absolute_uri(request.path),
        "locale": "en_US" if (get_language() or "vi").startswith("en") else "vi_VN",
    }


@register.simple_tag(takes_context=True)
def page_json_ld(context):
    page = context.get("page")
    if isinstance(page, SeoMixin):
        return json_ld_script(page.json_ld(context["request"]))
    return ""


@register.simple_tag(takes_context=True)
def product_json_ld(context, product, certificate=None):
    """schema.org Product with its offer and, while valid, its OCOP certification."""
    request = context["request"]
    data = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": product.title,
        "url": request.build_absolute_uri(product.get_absolute_url()),
        "description": (product.description or "")[:500],
    }
    image = context.get("images") and context["images"][0].original
    if image:
        data["image"] = request.build_absolute_uri(image.url)
    if product.producer_id:
        data["brand"] = {"@type": "Brand", "name": product.producer.name}
        data["manufacturer"] = {
            "@type": "Organization",
            "name": product.producer.name,
            "address": {
                "@type": "PostalAddress",
                "addressRegion": product.producer.province.name,
                "addressCountry": "VN",
            },
        }
    purchase = context.get("purchase_info")  # the product view's, shared with the price box
    if purchase and purchase.price.exists:
        data["offers"] = {
            "@type": "Offer",
            "price": str(int(purchase.price.incl_tax)),
            "priceCurrency": "VND",
            "availability": "https://schema.org/InStock"
            if purchase.availability.is_available_to_buy
            else "https://schema.org/OutOfStock",
            "url": data["url"],
        }
    if certificate and product.ocop_valid:
        data["hasCertification"] = {
            "@type": "Certification",
            "name": f"OCOP {certificate.stars} sao",
            "certificationIdentification": certificate.decision_number,
            "certificationRating": {
                "@type": "Rating",
                "ratingValue": certificate.stars,
                "bestRating": 5,
                "worstRating": 1,
            },
            "issuedBy": {"@type": "Organization", "name": certificate.issuer},
            "validFrom": certificate.decision_date.isoformat(),
            "expires": certificate.valid_until.isoformat(),
        }
    return json_ld_script(data)


@register.inclusion_tag("cms/partials/policy_links.html")
def policy_links():
    """The published policies, linked from every page's footer (cached: every page shows
    them, they change rarely)."""
    from cms.policies import PolicyPage

    language = get_language() or settings.LANGUAGE_CODE
    key = f"footer-policies:{language}"
    links = cache.get(key)
    if links is None:
        pages = (
            PolicyPage.objects.live()
            .public()
            .filter(locale__language_code=language)
            .order_by("path")
        )
        links = [(p.title, page_link_parts(p)) for p in pages]
        cache.set(key, links, 300)
    return {"links": [(title, page_link(parts)) for title, parts in links]}


@register.simple_tag
def section_links():
    """News and trade fairs, for the header: [(label, url)] of the live index pages in the
    page's language (cached like the policies: every page shows them)."""
    from cms.news import NewsIndexPage
    from fairs.models import FairIndexPage

    language = get_language() or settings.LANGUAGE_CODE
    key = f"header-sections:{language}"
    links = cache.get(key)
    if links is None:
        links = []
        for model, label in ((NewsIndexPage, _("News")), (FairIndexPage, _("Trade fairs"))):
            page = (
                model.objects.live()
                .public()
                .filter(locale__language_code=language)
                .order_by("path")
                .first()
            )
            if page is not None:
                links.append((str(label), page_link_parts(page)))
        cache.set(key, links, 300)
    return [(label, page_link(parts)) for label, parts in links]
