from django.apps import apps
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from django.views.i18n import JavaScriptCatalog
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from storefront import accounts, basket, sitemaps, views
from storefront.order import views as order_views
from storefront.payments.webhooks import stripe_webhook
from storefront.privacy import views as privacy_views

handler400 = "storefront.views.bad_request"
handler403 = "storefront.views.permission_denied"
handler404 = "storefront.views.page_not_found"
handler500 = "storefront.views.server_error"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("payments/stripe/webhook/", stripe_webhook, name="stripe-webhook"),
    path("robots.txt", sitemaps.robots_txt, name="robots"),
    path("sitemap.xml", sitemaps.sitemap_index, name="sitemap"),
    path("sitemap-<section>.xml", sitemaps.sitemap_section, name="sitemap-section"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("django-admin/", admin.site.urls),
    path("cms/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
]

# Vietnamese at "/", English under "/en/". Wagtail's catch-all comes last.
urlpatterns += i18n_patterns(
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    # Before Oscar's include: POST-only logout and wish-list add (issue 9, item 12).
    path("shop/accounts/logout/", accounts.logout_view, name="logout-post-only"),
    re_path(
        r"^shop/accounts/wishlists/(?:(?P<key>[^/]+)/)?add/(?P<product_pk>[0-9]+)/$",
        accounts.wishlist_add_view,
    ),
    re_path(
        r"^shop/accounts/wishlists/(?P<key>[^/]+)/lines/(?P<line_pk>[0-9]+)/move-to/(?P<to_key>[^/]+)/$",
        accounts.wishlist_move_view,
    ),
    path(
        "shop/accounts/orders/<str:order_number>/<int:line_id>/",
        accounts.order_line_view,
    ),
    re_path(r"^shop/accounts/order-status(-form)?/", accounts.no_anonymous_order_pages),
    # Oscar's redirect points at /accounts/… (no /shop/, no language): a 404.
    path(
        "shop/accounts/notifications/",
        RedirectView.as_view(pattern_name="customer:notifications-inbox"),
    ),
    # Registration records consent; buyers download their data (issue 9, items 23-24).
    path("shop/accounts/login/", privacy_views.AccountAuthView.as_view()),
    path("shop/accounts/register/", privacy_views.AccountRegistrationView.as_view()),
    path("shop/accounts/data.json", privacy_views.AccountDataView.as_view(), name="account-data"),
    # Guest orders join the account only through an e-mailed link (issue 11).
    path("shop/accounts/link-orders/", order_views.SendClaimLinkView.as_view(), name="claim-send"),
    path(
        "shop/accounts/link-orders/<str:token>/",
        order_views.ClaimOrdersView.as_view(),
        name="claim-orders",
    ),
    # Our address book (province → commune) on Oscar's paths (issue 11).
    path("shop/accounts/addresses/", include("storefront.address.urls")),
    path("shop/basket/", basket.basket_view),  # Oscar's, without a crash (item 20)
    path("shop/", include(apps.get_app_config("oscar").urls[0])),
    path("ban-hang/", include("storefront.seller.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

if settings.SERVE_MEDIA:
    from storefront.media import serve_media  # documents refused, only pictures inline

    media_prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns.insert(
        0,
        re_path(rf"^{media_prefix}(?P<path>.*)$", serve_media),
    )
