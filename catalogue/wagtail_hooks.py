"""Promotion staff manage producers and certificates in Wagtail's admin (/cms/)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from catalogue.models import Certificate, Producer
from storefront.shipping.models import ZoneRate


class ProducerViewSet(SnippetViewSet):
    model = Producer
    icon = "group"
    menu_label = _("Producers")
    list_display = ["name", "kind", "province", "verified"]
    list_filter = ["kind", "verified", "province"]
    search_fields = ["name", "registration_number"]
    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("registration_number")]),
        FieldRowPanel([FieldPanel("tax_code"), FieldPanel("contact_name")]),
        MultiFieldPanel(
            [FieldPanel("street"), FieldPanel("province"), FieldPanel("ward")],
            heading=_("Address"),
        ),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
        FieldPanel("story"),
        FieldPanel("logo"),
        FieldPanel("verified"),
        FieldPanel("rejection_reason"),
    ]


class CertificateViewSet(SnippetViewSet):
    model = Certificate
    icon = "success"
    menu_label = _("OCOP certificates")
    list_display = [
        "decision_number",
        "product",
        "stars",
        "decision_date",
        "valid_until",
        "review_state",
    ]
    list_filter = ["review_state", "stars", "issuer_level"]
    search_fields = ["decision_number", "issuer"]
    panels = [
        FieldPanel("product"),
        FieldPanel("producer"),
        FieldRowPanel([FieldPanel("stars"), FieldPanel("score")]),
        FieldRowPanel([FieldPanel("decision_number"), FieldPanel("decision_date")]),
        FieldRowPanel([FieldPanel("issuer"), FieldPanel("issuer_level")]),
        FieldPanel("scan"),
        # review_state is shown in the list, not edited here: verifying goes through the
        # seller review queue, which tells the producer and keeps the audit trail.
    ]


class ZoneRateViewSet(SnippetViewSet):
    """Shipping fees per parcel by zone, with the free-shipping threshold."""

    model = ZoneRate
    icon = "site"
    menu_label = _("Shipping rates")
    list_display = ["zone", "fee", "free_from"]
    panels = [FieldPanel("zone"), FieldPanel("fee"), FieldPanel("free_from")]


class OcopGroup(SnippetViewSetGroup):
    items = (ProducerViewSet, CertificateViewSet, ZoneRateViewSet)
    menu_icon = "tag"
    menu_label = "OCOP"
    menu_name = "ocop"


register_snippet(OcopGroup)
