"""Oscar's order app with what a Vietnamese marketplace order needs.

- The buyer's language (the confirmation e-mail and status page speak it) and the payment
  method, with the time an unpaid order lapses.
- Shipping addresses in the post-2025 form: street, ward/commune, province; no district.
- One parcel per producer: each producer ships its own goods, charged by zone.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from oscar.apps.address.abstract_models import AbstractShippingAddress
from oscar.apps.order.abstract_models import AbstractOrder

from storefront.order import statuses
from storefront.shipping.models import Zone


class PaymentMethod(models.TextChoices):
    COD = "cod", _("Cash on delivery")
    VIETQR = "vietqr", _("Bank transfer by VietQR")
    STRIPE = "stripe", _("International card (Stripe)")


class Order(AbstractOrder):
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default="vi"
    )
    payment_method = models.CharField(
        _("payment method"), max_length=16, choices=PaymentMethod.choices, default="cod"
    )
    # Unpaid transfer and card orders are cancelled after this and their stock released.
    payment_due = models.DateTimeField(_("pay by"), null=True, blank=True, db_index=True)
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)
    # Cash-on-delivery orders are confirmed by the buyer (link in the e-mail) or by staff
    # after a call; until then they lapse at `payment_due` like an unpaid transfer.
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    # Where the order came from: limits on open unconfirmed orders per address.
    client_ip = models.GenericIPAddressField(_("placed from"), null=True, blank=True)

    def available_statuses(self, actor=None):
        """Where `actor` (staff by default: Oscar's dashboard asks this) may move it."""
        return statuses.moves(self.status, actor or getattr(self, "_actor", statuses.STAFF))

    def set_status(self, new_status, actor=statuses.STAFF):
        """Oscar's set_status, checked against the transition table for `actor`.

        Raises InvalidOrderStatus for a move the table does not give that actor.
        """
        self._actor = actor
        try:
            if new_status == statuses.PAID and self.paid_at is None:
                if statuses.allowed(self.status, new_status, actor):
                    self.paid_at = timezone.now()  # saved with the status below
            super().set_status(new_status)
        finally:
            del self._actor

    @property
    def total_vnd(self) -> int:
        """The total in whole đồng: VND has no minor unit."""
        return int(self.total_incl_tax)

    @property
    def status_label(self) -> str:
        return statuses.LABELS.get(self.status, self.status)

    @property
    def is_awaiting_payment(self) -> bool:
        return self.status in (statuses.AWAITING_TRANSFER, statuses.AWAITING_PAYMENT)

    @property
    def is_awaiting_confirmation(self) -> bool:
        return self.status == statuses.AWAITING_CONFIRMATION

    def parcels_with_lines(self):
        """The parcels, each with `order_lines` set: two queries whatever the size."""
        lines = list(self.lines.order_by("pk"))
        parcels = list(self.parcels.select_related("producer"))
        for parcel in parcels:
            parcel.order_lines = [ln for ln in lines if ln.partner_id == parcel.producer.partner_id]
        return parcels


class ShippingAddress(AbstractShippingAddress):
    province = models.ForeignKey(
        "places.Province", on_delete=models.PROTECT, null=True, verbose_name=_("province")
    )
    ward = models.ForeignKey(
        "places.Ward", on_delete=models.PROTECT, null=True, verbose_name=_("commune / ward")
    )


class Parcel(models.Model):
    """The part of an order one producer ships: its lines, its shipping charge, its status."""

    class Status(models.TextChoices):
        PREPARING = "preparing", _("Being prepared")
        CONFIRMED = "confirmed", _("Confirmed by the producer")
        SHIPPED = "shipped", _("Shipped")
        DELIVERED = "delivered", _("Delivered")
        RETURNED = "returned", _("Returned")
        CANCELLED = "cancelled", _("Cancelled")

    Zone = Zone

    order = models.ForeignKey(
        "order.Order", on_delete=models.CASCADE, related_name="parcels", verbose_name=_("order")
    )
    producer = models.ForeignKey(
        "catalogue.Producer",
        on_delete=models.PROTECT,
        related_name="parcels",
        verbose_name=_("producer"),
    )
    zone = models.CharField(_("zone"), max_length=16, choices=Zone.choices)
    subtotal = models.DecimalField(_("goods"), max_digits=14, decimal_places=0)
    shipping_charge = models.DecimalField(_("shipping"), max_digits=12, decimal_places=0)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PREPARING
    )
    carrier = models.CharField(_("carrier"), max_length=64, blank=True)
    tracking_code = models.CharField(_("tracking code"), max_length=64, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    returned_at = models.DateTimeField(_("returned at"), null=True, blank=True)
    shipped_at = models.DateTimeField(_("shipped at"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("parcel")
        verbose_name_plural = _("parcels")
        constraints = [
            models.UniqueConstraint(fields=["order", "producer"], name="one_parcel_per_producer")
        ]

    def __str__(self):
        return f"{self.order.number} / {self.producer}"


from oscar.apps.order.models import *  # noqa: E402, F403
