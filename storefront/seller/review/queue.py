"""What waits for promotion staff, oldest first, in one page of sections.

Each section is one query (plus its prefetches), whatever the number of items, so the
page costs the same with 3 or 300 items waiting.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from catalogue.models import (
    Category,
    Certificate,
    Producer,
    ProducerDocument,
    Product,
    ProductImage,
    Standard,
)
from storefront.seller.models import ListingChange, ProfileChange

State = Product.ListingState
ON_SALE = (State.LIVE, State.PAUSED)


@dataclass
class Section:
    kind: str  # the URL's name for the item kind, see views.KINDS
    title: str
    items: list
    empty: str = field(default_factory=lambda: gettext_lazy("Nothing waiting."))


def new_producers():
    return list(
        Producer.objects.filter(verified=False, rejection_reason="")
        .select_related("province", "ward")
        .prefetch_related(
            Prefetch("documents", queryset=ProducerDocument.objects.order_by("date_created", "id"))
        )
        .order_by("date_created", "id")
    )


def waiting_listings():
    return list(
        Product.objects.filter(parent=None, listing_state=State.PENDING)
        .select_related("producer")
        .prefetch_related(
            "categories",
            "standards",
            "stockrecords",
            "children__stockrecords",
            Prefetch("images", queryset=ProductImage.objects.order_by("display_order", "id")),
        )
        .order_by("date_updated", "id")
    )


TEXT_LABELS = {
    "title": gettext_lazy("Title"),
    "description": gettext_lazy("Description"),
    "category": gettext_lazy("Category"),
    "standards": gettext_lazy("Quality standards"),
    "weight_grams": gettext_lazy("Shipping weight (g)"),
}


def changed_listings():
    """Pending listing changes, each with `rows`: (label, live text, proposed, differs)."""
    changes = list(
        ListingChange.objects.filter(state=ListingChange.State.PENDING)
        .select_related("product__producer", "submitted_by")
        .prefetch_related("product__categories", "product__standards")
        .order_by("date_created", "id")
    )
    category_ids = {c.data.get("category") for c in changes}
    standard_ids = {s for c in changes for s in (c.data.get("standards") or [])}
    categories = Category.objects.in_bulk([i for i in category_ids if i is not None])
    standards = Standard.objects.in_bulk(list(standard_ids))
    for change in changes:
        product = change.product
        live_category = next(iter(product.categories.all()), None)
        new_category = categories.get(change.data.get("category"))
        live = {
            "title": product.title,
            "description": product.description,
            "category": live_category.name if live_category else "",
            "standards": ", ".join(sorted(str(s) for s in product.standards.all())),
            "weight_grams": product.weight_grams or "",
        }
        proposed = {
            "title": change.data.get("title", ""),
            "description": change.data.get("description", ""),
            "category": new_category.name if new_category else "",
            "standards": ", ".join(
                sorted(
                    str(standards[s]) for s in change.data.get("standards") or [] if s in standards
                )
            ),
            "weight_grams": change.data.get("weight_grams") or "",
        }
        change.rows = [
            (label, live[key], proposed[key], str(live[key]) != str(proposed[key]))
            for key, label in TEXT_LABELS.items()
        ]
    return changes


def waiting_photos():
    """Photos added to listings already on sale (a new listing's photos are reviewed with
    the listing)."""
    return list(
        ProductImage.objects.filter(approved=False)
        .filter(
            Q(product__parent=None, product__listing_state__in=ON_SALE)
            | Q(product__parent__listing_state__in=ON_SALE)
        )
        .select_related("product__producer", "product__parent__producer")
        .order_by("date_created", "id")
    )


def certificate_warnings(certificate):
    """What the certificate model itself finds wrong, and whether it is already expired."""
    warnings = []
    try:
        # Foreign keys are not re-checked (a query each): the rows exist, they were joined.
        certificate.full_clean(
            exclude=["scan", "product", "producer", "submitted_by", "reviewed_by"],
            validate_unique=False,
            validate_constraints=False,
        )
    except ValidationError as error:
        for messages in error.message_dict.values():
            warnings.extend(messages)
    if certificate.valid_until and certificate.valid_until <= timezone.localdate():
        warnings.append(
            _("Expired on %(date)s.") % {"date": certificate.valid_until.strftime("%d/%m/%Y")}
        )
    if not certificate.scan:
        warnings.append(_("No scan of the decision was uploaded."))
    return warnings


def new_certificates():
    certificates = list(
        Certificate.objects.filter(review_state=Certificate.ReviewState.PENDING)
        .select_related("product", "producer", "submitted_by")
        .order_by("date_created", "id")
    )
    for certificate in certificates:
        certificate.warnings = certificate_warnings(certificate)
    return certificates


def profile_changes():
    return list(
        ProfileChange.objects.filter(state=ProfileChange.State.PENDING)
        .select_related("producer", "submitted_by")
        .order_by("date_created", "id")
    )


def sections():
    return [
        Section("producer", _("New producers"), new_producers()),
        Section("listing", _("Listings waiting"), waiting_listings()),
        Section("change", _("Changed listings"), changed_listings()),
        Section("photo", _("Photos waiting"), waiting_photos()),
        Section("certificate", _("New certificates"), new_certificates()),
        Section("profile", _("Profile changes"), profile_changes()),
    ]
