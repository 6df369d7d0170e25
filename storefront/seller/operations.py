"""What a producer does to its catalogue, in one place for the seller centre's forms, the
CSV import and the staff review.

Rules (issue 10):
- A new listing is a DRAFT; the producer submits it (PENDING); staff make it LIVE or
  REJECTED (with a reason). The producer may PAUSE a live listing and resume it.
- Price and stock changes apply at once, whatever the state, and are audited. Stock is
  changed under a row lock, and never below what open orders hold (`num_allocated`), so
  a stock edit racing checkouts loses no update and never oversells.
- Text changes to a LIVE listing wait in a `ListingChange` while the live text keeps
  selling; on a draft, pending or rejected listing they apply directly.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _
from oscar.apps.partner.models import StockRecord

from catalogue.models import Category, Product, ProductCategory, ProductClass, Standard
from storefront.seller import audit
from storefront.seller.models import ListingChange

State = Product.ListingState
TEXT_FIELDS = ("title", "description", "category", "standards", "weight_grams")


class Refused(Exception):
    """An operation the rules do not allow; the message is for the producer."""


@dataclass
class ListingText:
    title: str
    description: str
    category: Category
    standards: list  # Standard instances
    weight_grams: int | None = None

    def as_data(self):
        return {
            "title": self.title,
            "description": self.description,
            "category": self.category.pk,
            "standards": sorted(s.pk for s in self.standards),
            "weight_grams": self.weight_grams,
        }

    @classmethod
    def from_data(cls, data):
        return cls(
            title=data["title"],
            description=data["description"],
            category=Category.objects.get(pk=data["category"]),
            standards=list(Standard.objects.filter(pk__in=data.get("standards") or [])),
            weight_grams=data.get("weight_grams"),
        )

    @classmethod
    def from_form(cls, cleaned_data):
        """From a `ListingForm`'s cleaned data."""
        return cls(
            title=cleaned_data["title"],
            description=cleaned_data["description"],
            category=cleaned_data["category"],
            standards=list(cleaned_data["standards"]),
            weight_grams=cleaned_data["weight_grams"],
        )

    @classmethod
    def of(cls, product):
        return cls(
            title=product.title,
            description=product.description,
            category=product.categories.first(),
            standards=list(product.standards.all()),
            weight_grams=product.weight_grams,
        )


def product_class_for(category):
    """Tourism experiences (group VI) ship nothing; everything else is goods."""
    code = (category.code or "") if category else ""
    if code.split(".")[0] == "VI":
        return ProductClass.objects.get_or_create(
            name="Trải nghiệm du lịch", defaults={"requires_shipping": False, "track_stock": True}
        )[0]
    return ProductClass.objects.get_or_create(
        name="Sản phẩm OCOP", defaults={"requires_shipping": True, "track_stock": True}
    )[0]


def _apply_text(product, text: ListingText):
    product.title = text.title
    product.description = text.description
    product.weight_grams = text.weight_grams
    if text.category is not None:
        product.product_class = product_class_for(text.category)
    product.save()
    if text.category is not None:
        ProductCategory.objects.filter(product=product).exclude(category=text.category).delete()
        ProductCategory.objects.get_or_create(product=product, category=text.category)
    product.standards.set(text.standards)


@transaction.atomic
def create_listing(producer, user, text: ListingText, price=None, num_in_stock=None):
    """A new draft listing; without price it is a parent waiting for its options."""
    product = Product(
        producer=producer,
        is_public=True,
        listing_state=State.DRAFT,
        structure=Product.STANDALONE,
        product_class=product_class_for(text.category),
    )
    _apply_text(product, text)
    if price is not None:
        set_price_stock(product, user, price, num_in_stock or 0)
    audit.record(user, producer, "product", product, "listing_state", "", State.DRAFT)
    return product


@transaction.atomic
def update_text(product, user, text: ListingText):
    """Apply now, or keep for review if the listing is live. Returns True if applied."""
    if product.listing_state in (State.LIVE, State.PAUSED):
        data = text.as_data()
        if data == ListingText.of(product).as_data():
            ListingChange.objects.filter(
                product=product, state=ListingChange.State.PENDING
            ).delete()
            return True
        change = (
            ListingChange.objects.select_for_update()
            .filter(product=product, state=ListingChange.State.PENDING)
            .first()
        )
        if change is None:
            ListingChange.objects.create(product=product, data=data, submitted_by=user)
        else:
            change.data = data
            change.submitted_by = user
            change.save(update_fields=["data", "submitted_by", "date_updated"])
        return False
    _apply_text(product, text)
    return True


def pending_changes(product):
    return ListingChange.objects.filter(product=product, state=ListingChange.State.PENDING)


def pending_change(product):
    return pending_changes(product).first()


def stockrecord_of(product):
    return product.stockrecords.filter(partner=product_producer(product).partner).first()


def product_producer(product):
    return product.parent.producer if product.parent_id else product.producer


@transaction.atomic
def set_price_stock(product, user, price: Decimal, num_in_stock: int):
    """Set price and stock of a sellable product (standalone or option) at once.

    The stock row is locked, as checkout locks it, so neither loses the other's update;
    stock below what open orders already hold is refused."""
    producer = product_producer(product)
    record = (
        StockRecord.objects.select_for_update()
        .filter(product=product, partner=producer.partner)
        .first()
    )
    if record is None:
        record = StockRecord.objects.create(
            product=product,
            partner=producer.partner,
            partner_sku=f"{producer.pk}-{product.pk}",
            price_currency="VND",
            price=price,
            num_in_stock=num_in_stock,
        )
        audit.record(user, producer, "stock", product, "price", "", price)
        audit.record(user, producer, "stock", product, "num_in_stock", "", num_in_stock)
        return record
    held = record.num_allocated or 0
    if num_in_stock < held:
        raise Refused(
            _("%(held)s are held for orders not yet shipped: the stock cannot be less than that.")
            % {"held": held}
        )
    old_price, old_stock = record.price, record.num_in_stock
    record.price = price
    record.num_in_stock = num_in_stock
    record.save(update_fields=["price", "num_in_stock", "date_updated"])
    audit.record(user, producer, "stock", product, "price", old_price, price)
    audit.record(user, producer, "stock", product, "num_in_stock", old_stock, num_in_stock)
    return record


# State moves the producer may make: from → to.
PRODUCER_MOVES = {
    State.DRAFT: {State.PENDING},
    State.REJECTED: {State.PENDING},
    State.LIVE: {State.PAUSED},
    State.PAUSED: {State.LIVE},
    State.PENDING: {State.DRAFT},  # take it back to keep editing
}


def option_named(parent, label, exclude=None):
    """The option of `parent` with this label, whatever its case and spacing."""
    wanted = " ".join(label.split()).casefold()
    for child in parent.children.exclude(pk=getattr(exclude, "pk", None)):
        if " ".join(child.title.split()).casefold() == wanted:
            return child
    return None


def is_sellable(product):
    """A listing can be submitted once something of it has a price."""
    if product.is_parent:
        return StockRecord.objects.filter(product__parent=product).exists()
    return product.stockrecords.exists()


@transaction.atomic
def move(product, user, new_state):
    """A producer's state change (submit, withdraw, pause, resume)."""
    product = Product.objects.select_for_update().get(pk=product.pk)
    if new_state not in PRODUCER_MOVES.get(product.listing_state, ()):
        raise Refused(_("This listing cannot be moved to that state now."))
    if new_state == State.PENDING:
        if not product.images.exists():
            raise Refused(_("Add at least one photo before sending the listing for review."))
        if not is_sellable(product):
            raise Refused(_("Give the listing a price (or add its options) first."))
    old = product.listing_state
    product.listing_state = new_state
    if new_state == State.PENDING:
        product.rejection_reason = ""
    product.save(update_fields=["listing_state", "rejection_reason", "date_updated"])
    audit.record(user, product.producer, "product", product, "listing_state", old, new_state)
    return product


@transaction.atomic
def add_option(parent, user, label: str, price: Decimal, num_in_stock: int):
    """An option of one product (hộp 250g / 500g) as an Oscar child product."""
    if parent.parent_id:
        raise Refused(_("An option cannot have options of its own."))
    # The parent's row lock makes two quick taps on "add" wait for each other, so the
    # second finds the first option and is refused instead of making a twin.
    parent = Product.objects.select_for_update().get(pk=parent.pk)
    if option_named(parent, label):
        raise Refused(
            _("This product already has an option called “%(label)s”.") % {"label": label}
        )
    if parent.structure == Product.STANDALONE:
        # The standalone's own price and stock move to its first option.
        own = parent.stockrecords.first()
        if own is not None and (own.num_allocated or 0) > 0:
            raise Refused(
                _("Ship or cancel the open orders of this product before adding options.")
            )
        parent.structure = Product.PARENT
        parent.save(update_fields=["structure"])
        if own is not None:
            own.delete()
    child = Product(
        parent=parent,
        structure=Product.CHILD,
        title=label,
        is_public=True,
        listing_state=State.LIVE,  # options follow their parent's state
    )
    child.save()
    set_price_stock(child, user, price, num_in_stock)
    return child
