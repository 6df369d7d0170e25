"""Booth applications: a producer asks for a booth at a fair; staff approve (with a booth
number), wait-list or reject. What happens to them is in `fairs/applications.py`.

Applications belong to the fair page in the language the producer applied from (the
seller centre lists the Vietnamese pages); the fair's translations find them through the
page's `translation_key`, so the English page shows the same exhibitors.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from cms.visibility import public_q
from fairs.pages import FairPage, today_in_vietnam
from storefront.themes import page_link, page_link_parts


class BoothApplication(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", _("Waiting for a decision")
        APPROVED = "approved", _("Approved")
        WAITLISTED = "waitlisted", _("On the waiting list")
        REJECTED = "rejected", _("Not accepted")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    fair = models.ForeignKey(
        FairPage, verbose_name=_("fair"), on_delete=models.CASCADE, related_name="applications"
    )
    producer = models.ForeignKey(
        "catalogue.Producer",
        verbose_name=_("producer"),
        on_delete=models.CASCADE,
        related_name="fair_applications",
    )
    # Zones are inline rows of the page: a zone deleted in a later revision leaves the
    # application without a preference rather than blocking the page's publication.
    zone = models.ForeignKey(
        "fairs.FairZone",
        verbose_name=_("zone"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    products = models.ManyToManyField("catalogue.Product", verbose_name=_("products"))
    note = models.TextField(_("note"), max_length=1000, blank=True)
    document = models.FileField(_("document"), upload_to="fair-applications/", blank=True)
    state = models.CharField(max_length=16, choices=State.choices, default=State.PENDING)
    booth = models.CharField(_("booth"), max_length=12, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    date_created = models.DateTimeField(auto_now_add=True)
    date_decided = models.DateTimeField(null=True, blank=True)
    # When it joined the waiting list: the first in gets the first booth freed.
    waitlisted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["date_created", "id"]
        verbose_name = _("booth application")
        verbose_name_plural = _("booth applications")
        constraints = [
            models.UniqueConstraint(fields=["fair", "producer"], name="one_application_per_fair"),
            models.UniqueConstraint(
                fields=["fair", "booth"], condition=~Q(booth=""), name="one_exhibitor_per_booth"
            ),
            models.CheckConstraint(
                condition=(Q(state="approved") & ~Q(booth=""))
                | (~Q(state="approved") & Q(booth="")),
                name="a_booth_exactly_when_approved",
            ),
        ]

    def __str__(self):
        return f"{self.producer} @ {self.fair}"

    def may_withdraw(self):
        return (
            self.state
            in (
                self.State.PENDING,
                self.State.APPROVED,
                self.State.WAITLISTED,
            )
            and self.fair.is_current()
        )


def exhibitors_of(fair):
    """Approved applications of the fair (in any of its languages), booth order, with the
    producer and the products they bring: three queries whatever the number."""
    from catalogue.models import Product

    return list(
        BoothApplication.objects.filter(
            fair__translation_key=fair.translation_key, state=BoothApplication.State.APPROVED
        )
        .select_related("producer__province", "zone")
        .prefetch_related(
            models.Prefetch(
                "products",
                queryset=Product.objects.browsable().only("pk", "title", "slug").order_by("title"),
            )
        )
        .order_by("booth")
    )


def next_appearance(producer_id, language=None):
    """The nearest upcoming or ongoing fair where the producer has a booth, in the visitor's
    language where staff translated it. One small query for a producer without an approved
    booth (most of them); two otherwise: the fairs, their view restrictions a subquery."""
    if not producer_id:
        return None
    booths = {}  # fair's translation_key -> the booth number, the earliest approved one
    for key, booth in (
        BoothApplication.objects.filter(
            producer_id=producer_id, state=BoothApplication.State.APPROVED
        )
        .order_by("date_created", "id")
        .values_list("fair__translation_key", "booth")
    ):
        booths.setdefault(key, booth)
    if not booths:
        return None
    language = (language or get_language() or settings.LANGUAGE_CODE)[:2]
    fairs = (
        FairPage.objects.live()
        .filter(public_q(), translation_key__in=booths, end_date__gte=today_in_vietnam())
        .select_related("locale")
        .order_by("start_date", "pk")[: 2 * len(settings.LANGUAGES)]
    )
    chosen = None
    for fair in fairs:
        if chosen is None:
            chosen = fair
        elif fair.translation_key != chosen.translation_key:
            break
        if fair.locale.language_code == language:
            chosen = fair
    if chosen is not None:
        chosen.booth_number = booths[chosen.translation_key]
        # Through the cached site root paths: `{% pageurl %}` costs a Site query a request.
        chosen.link = page_link(page_link_parts(chosen))
    return chosen
