from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Consent(models.Model):
    """What a person agreed to, under which version of the privacy policy, and when.

    Kept per order (checkout) and per account (registration); the statement is stored as it
    was shown, in the language it was shown in, so a later rewording changes no record.
    """

    class Purpose(models.TextChoices):
        DELIVERY = "delivery", _("Use of delivery details for an order")
        ACCOUNT = "account", _("Use of account details")

    purpose = models.CharField(_("purpose"), max_length=16, choices=Purpose.choices)
    statement = models.TextField(_("statement agreed to"))
    language = models.CharField(_("language"), max_length=8)
    policy_version = models.CharField(_("privacy policy version"), max_length=120, blank=True)
    policy_url = models.CharField(_("privacy policy address"), max_length=255, blank=True)
    given_at = models.DateTimeField(_("given at"), auto_now_add=True)
    order = models.ForeignKey(
        "order.Order",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="consents",
        verbose_name=_("order"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="consents",
        verbose_name=_("account"),
    )

    class Meta:
        ordering = ["-given_at"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")

    def __str__(self):
        return f"{self.get_purpose_display()} · {self.given_at:%d/%m/%Y %H:%M}"


class ErasureRequest(models.Model):
    """A guest's request (through their order link) to erase their personal data. Staff
    handle it: the order keeps what the accounting law needs (see services.py)."""

    order = models.ForeignKey(
        "order.Order",
        on_delete=models.CASCADE,
        related_name="erasure_requests",
        verbose_name=_("order"),
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("erasure request")
        verbose_name_plural = _("erasure requests")

    def __str__(self):
        return f"{self.order.number} · {self.requested_at:%d/%m/%Y}"
