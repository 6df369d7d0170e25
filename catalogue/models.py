"""The OCOP catalogue: Oscar's catalogue plus producers, certificates and standards.

New fields sit on the subclasses above Oscar's star import (Oscar's forking rule). What is
filtered or faceted on (producer, current stars, validity) is a real column; per-class
specifications stay Oscar product attributes.
"""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from oscar.apps.catalogue import managers as oscar_managers
from oscar.apps.catalogue.abstract_models import (
    AbstractCategory,
    AbstractProduct,
    AbstractProductImage,
)

from catalogue.certificates import Certificate  # noqa: F401  (registers the model)
from catalogue.producers import Producer, ProducerDocument, ProducerPhoto  # noqa: F401


def _english():
    return (get_language() or "vi").startswith("en")


class Standard(models.Model):
    """A quality standard shown beside the stars: VietGAP, HACCP, organic, ..."""

    code = models.SlugField(_("code"), max_length=32, primary_key=True)
    name = models.CharField(_("name"), max_length=64)
    name_en = models.CharField(_("English name"), max_length=64)

    class Meta:
        ordering = ["name"]
        verbose_name = _("quality standard")
        verbose_name_plural = _("quality standards")

    def __str__(self):
        return self.name_en if _english() else self.name


class Category(AbstractCategory):
    """A node of the Decision 148 tree: group (depth 1), sub-group, category."""

    # Oscar's own `code` holds the Annex I code: "I", "I.3", "I.3.c".
    name_en = models.CharField(_("English name"), max_length=255, blank=True)

    @property
    def display_name(self):
        return self.name_en if (_english() and self.name_en) else self.name


class ProductQuerySet(oscar_managers.ProductQuerySet):
    def for_sale(self, include_children=False):
        """What is on sale: public products of verified producers. Listings, search
        indexing, the product page, the basket (the partner strategy) and checkout all
        ask this one question. With `include_children`, options of such products too."""
        live = Product.ListingState.LIVE
        top = Q(parent=None, is_public=True, producer__verified=True, listing_state=live)
        if include_children:
            top |= Q(
                is_public=True,
                parent__is_public=True,
                parent__producer__verified=True,
                parent__listing_state=live,
            )
        return self.filter(top)

    def browsable(self):
        """Oscar's name for "listed in the shop": here that is what is for sale."""
        return self.for_sale()


class Product(AbstractProduct):
    class ListingState(models.TextChoices):
        """Where a listing stands; only LIVE ones are for sale (the seller centre, #10)."""

        DRAFT = "draft", _("Draft")
        PENDING = "pending", _("Waiting for review")
        LIVE = "live", _("Live")
        PAUSED = "paused", _("Paused")
        REJECTED = "rejected", _("Rejected")

    producer = models.ForeignKey(
        "catalogue.Producer",
        on_delete=models.PROTECT,
        related_name="products",
        verbose_name=_("producer"),
        null=True,
        blank=True,
    )
    standards = models.ManyToManyField(
        Standard, blank=True, related_name="products", verbose_name=_("quality standards")
    )
    # Copied from the current (latest) certificate by Certificate.save/delete, so listings
    # can filter and sort by stars without a subquery. Validity is still decided at read
    # time against today's date: see `ocop_valid`.
    certified_stars = models.PositiveSmallIntegerField(
        _("stars on the current certificate"), null=True, blank=True, db_index=True
    )
    certified_until = models.DateField(
        _("current certificate valid until"), null=True, blank=True, db_index=True
    )

    # New listings start as drafts; staff approve them into LIVE (storefront/seller).
    listing_state = models.CharField(
        _("listing state"),
        max_length=16,
        choices=ListingState.choices,
        default=ListingState.DRAFT,
        db_index=True,
    )
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    weight_grams = models.PositiveIntegerField(_("shipping weight (g)"), null=True, blank=True)

    objects = ProductQuerySet.as_manager()

    class Meta(AbstractProduct.Meta):
        indexes = [
            # Listings are ordered by (-priority, -date_created, -id): with this index the
            # database walks it backwards and stops after one page instead of sorting all.
            models.Index(fields=["priority", "date_created", "id"], name="product_listing_order"),
            # The home page's rows ("newest", by province, by group): live products newest
            # first. SQLite otherwise took the listing_state index and sorted every live
            # product (about 100 ms at 100,000).
            models.Index(
                fields=["listing_state", "date_created", "id"], name="product_newest_live"
            ),
            # A product's options (parent_id IN ...), which every product page and listing
            # prefetches. Nearly every product has no parent: SQLite's statistics count the
            # NULLs as one value of the plain index, judge it useless and scan the table
            # (11 ms at 10,000 products). This index holds only the options.
            models.Index(
                fields=["parent"],
                condition=models.Q(parent__isnull=False),
                name="product_options",
            ),
            # A producer's products in listing order (its page, "more from" on a product
            # page): walked and stopped after a page instead of sorting them all (an
            # enterprise may list thousands: 12 ms for 6,900 at 100,000 products).
            models.Index(
                fields=["producer", "priority", "date_created", "id"],
                name="product_by_producer",
            ),
        ]

    def get_absolute_url(self):
        return reverse("catalogue:detail", kwargs={"product_slug": self.slug, "pk": self.id})

    @property
    def is_for_sale(self):
        """The row-level twin of `ProductQuerySet.for_sale` (for a product in hand)."""
        top = self.parent if self.parent_id else self
        return bool(
            self.is_public
            and top.is_public
            and top.listing_state == self.ListingState.LIVE
            and top.producer_id
            and top.producer.verified
        )

    def get_title(self):
        """An option reads with its product: "Mật ong rừng – Hũ 500 g"."""
        if self.is_child and self.title and self.parent_id:
            return f"{self.parent.title} – {self.title}"
        return super().get_title()

    get_title.short_description = AbstractProduct.get_title.short_description

    def get_all_images(self):
        """Oscar's, with photos still waiting for review left out (the listings' prefetch
        in `catalogue.listing.product_cards` filters them the same way)."""
        if "images" in getattr(self, "_prefetched_objects_cache", {}):
            return super().get_all_images()
        top = self
        if self.is_child and self.parent_id and not self.images.filter(approved=True).exists():
            top = self.parent
        return top.images.filter(approved=True)

    def is_review_permitted(self, user):
        """Only buyers who received it, once, a few a day (catalogue/reviews.py)."""
        from catalogue.reviews import may_review

        return may_review(user, self)

    @property
    def ocop_valid(self):
        """True while the product may show the OCOP star badge."""
        return bool(
            self.certified_stars
            and self.certified_stars >= 3
            and self.certified_until
            and timezone.localdate() < self.certified_until
        )

    @property
    def ocop_expired(self):
        return bool(self.certified_until and timezone.localdate() >= self.certified_until)

    def refresh_certification(self, save=True):
        """Copy stars and validity from the latest certificate (renewals keep history)."""
        current = (
            self.certificates.filter(review_state=Certificate.ReviewState.VERIFIED)
            .order_by("-decision_date", "-id")
            .first()
        )
        self.certified_stars = current.stars if current else None
        self.certified_until = current.valid_until if current else None
        if save:
            # save(), not update(): listeners (the search index) must hear of the change.
            self.save(update_fields=["certified_stars", "certified_until"])


class ProductImage(AbstractProductImage):
    # A photo added to a live listing waits for staff before buyers see it; the listing
    # keeps selling with the approved photos meanwhile.
    approved = models.BooleanField(_("approved"), default=True, db_index=True)


class ShownStockChange(models.Model):
    """A stock record changed what public pages show of it (catalogue/shown_stock.py).
    Written by a database trigger, never by the shop; only the newest row is read."""

    id = models.BigAutoField(primary_key=True)

    def __str__(self):
        return f"shown stock change {self.pk}"


from oscar.apps.catalogue.models import *  # noqa: E402,F403
