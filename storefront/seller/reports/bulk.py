"""A producer's catalogue as a CSV file, out and back in.

Export: one row per sellable product (a standalone product, or one option of a product
with options). Import: the same columns; a row with an id updates that product, a row
without one creates a draft listing (or, with a parent id, a new option). Every change goes
through `operations`, so the rules of the listing pages hold: price and stock apply at once
under a row lock and are audited, text of a live listing waits for review.

The whole file is checked before anything is written and imported in one transaction: a
single bad row imports nothing, and every error is reported with its row and column.
For an option row the title, category and weight are its product's; they may be left
blank there (no change).
"""

import csv
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal

from django import forms
from django.contrib import messages
from django.db import transaction
from django.db.models import Prefetch, Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from oscar.apps.partner.models import StockRecord

from catalogue.models import Category, Product
from storefront.params import safe_int
from storefront.seller import audit, operations
from storefront.seller.access import seller_required
from storefront.seller.models import ListingChange
from storefront.seller.operations import ListingText, Refused

COLUMNS = (
    "id",
    "parent_id",
    "sku",
    "title",
    "option",
    "category",
    "price",
    "stock",
    "weight_grams",
    "state",
)
REQUIRED_COLUMNS = ("id", "price", "stock")
MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 2000
MAX_STOCK = 1_000_000
MIN_PRICE, MAX_PRICE = 1000, 1_000_000_000
# Whole đồng, optionally grouped by thousands ("150.000", "150,000", "150 000") and
# followed by the currency ("150.000 ₫"). Anything after a decimal mark is refused.
_PRICE = re.compile(r"(\d{1,3}(?:([.,\s])\d{3})?(?:\2\d{3})*|\d+)")
_CURRENCY = re.compile(r"\s*(₫|đ|Đ|vnđ|VNĐ|vnd|VND)$")


# --- Export ---------------------------------------------------------------------------


def sellable_products(producer):
    """Standalone products and options of the producer, each with its stock record and
    the category of the listing it belongs to. Four queries whatever the count."""
    records = Prefetch(
        "stockrecords",
        queryset=StockRecord.objects.filter(partner_id=producer.partner_id),
        to_attr="own_records",
    )
    products = (
        Product.objects.filter(
            Q(producer=producer, structure=Product.STANDALONE) | Q(parent__producer=producer)
        )
        .select_related("parent")
        .prefetch_related(records, "categories", "parent__categories")
    )
    return sorted(products, key=lambda p: (p.parent_id or p.pk, p.parent_id is not None, p.pk))


def pending_texts(products):
    """Proposed text waiting for review, by listing id: the export shows what the producer
    last wrote, as the listing form does."""
    ids = {p.parent_id or p.pk for p in products}
    return {
        c.product_id: c.data
        for c in ListingChange.objects.filter(product_id__in=ids, state=ListingChange.State.PENDING)
    }


def export_row(product, pending, categories_by_pk):
    listing = product.parent if product.parent_id else product
    data = pending.get(listing.pk)
    if data is not None:
        title, weight = data["title"], data.get("weight_grams")
        category = categories_by_pk.get(data["category"])
    else:
        title, weight = listing.title, listing.weight_grams
        category = next(iter(listing.categories.all()), None)
    record = product.own_records[0] if product.own_records else None
    return {
        "id": product.pk,
        "parent_id": product.parent_id or "",
        "sku": record.partner_sku if record else "",
        "title": title,
        "option": product.title if product.parent_id else "",
        "category": category.code if category else "",
        "price": f"{int(record.price):d}" if record and record.price is not None else "",
        "stock": record.num_in_stock if record else "",
        "weight_grams": weight or "",
        "state": listing.listing_state,
    }


def export_csv(producer):
    products = sellable_products(producer)
    pending = pending_texts(products)
    categories = {c.pk: c for c in Category.objects.filter(numchild=0).only("pk", "code")}
    out = io.StringIO()
    out.write("\ufeff")  # BOM: Excel then reads the file as UTF-8
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    for product in products:
        writer.writerow(export_row(product, pending, categories))
    return out.getvalue()


# --- Reading and checking a file -----------------------------------------------------


@dataclass
class RowError:
    row: int  # as Excel numbers it: the header is row 1
    column: str
    message: str


class FileRefused(Exception):
    """The file as a whole cannot be read; the message is for the producer."""


def read_rows(upload):
    """(header, [(row number, {column: value})]) of an uploaded CSV, or FileRefused."""
    if upload.size > MAX_BYTES:
        raise FileRefused(_("The file is larger than 2 MB. Split it into smaller files."))
    raw = upload.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        raise FileRefused(_("The file is larger than 2 MB. Split it into smaller files."))
    if b"\x00" in raw:
        raise FileRefused(
            _(
                "The file contains NUL characters: it is not a UTF-8 CSV file. In Excel, "
                'save it with "Save as" → "CSV UTF-8 (Comma delimited)".'
            )
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FileRefused(
            _(
                "The file is not in UTF-8, so Vietnamese letters would be lost. In Excel, "
                'save it with "Save as" → "CSV UTF-8 (Comma delimited)".'
            )
        ) from None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader, None)
        if not header or not any(h.strip() for h in header):
            raise FileRefused(_("The file is empty."))
        header = [h.strip().lower() for h in header]
        unknown = [h for h in header if h not in COLUMNS]
        if unknown:
            raise FileRefused(
                _("Unknown columns: %(columns)s. The columns are: %(known)s.")
                % {"columns": ", ".join(unknown), "known": ", ".join(COLUMNS)}
            )
        doubled = sorted({h for h in header if header.count(h) > 1})
        if doubled:
            raise FileRefused(
                _("Columns appear twice: %(columns)s.") % {"columns": ", ".join(doubled)}
            )
        missing = [c for c in REQUIRED_COLUMNS if c not in header]
        if missing:
            raise FileRefused(_("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)})
        rows = []
        for number, cells in enumerate(reader, start=2):
            if not any(c.strip() for c in cells):
                continue
            if len(rows) >= MAX_ROWS:
                raise FileRefused(
                    _("The file has more than %(max)s rows. Split it into smaller files.")
                    % {"max": MAX_ROWS}
                )
            if len(cells) > len(header):
                rows.append((number, None))  # reported by check_rows
                continue
            cells += [""] * (len(header) - len(cells))
            rows.append((number, {h: c.strip() for h, c in zip(header, cells, strict=True)}))
    except csv.Error as e:
        raise FileRefused(
            _("The file cannot be read as CSV (line %(line)s).") % {"line": reader.line_num}
        ) from e
    if not rows:
        raise FileRefused(_("The file has no rows under its header."))
    return header, rows


def parse_price(text):
    """Whole đồng: "150000", "150.000", "150,000", "150.000 ₫"; None if not such a number."""
    text = _CURRENCY.sub("", text.strip())
    if not _PRICE.fullmatch(text):
        return None
    return Decimal(re.sub(r"\D", "", text))


def parse_count(text):
    """A whole number of at most 9 ASCII digits, possibly negative (reported as such)."""
    if re.fullmatch(r"-?[0-9]{1,9}", text):
        return int(text)
    return None


@dataclass
class Plan:
    """What one row will do once every row has passed."""

    row: int
    product: Product | None = None  # an existing sellable product
    parent: Product | None = None  # for a new option
    price: Decimal | None = None
    stock: int | None = None
    label: str | None = None  # option label
    text: dict | None = None  # new text of a new standalone listing (ListingText data)
    changes: list = field(default_factory=list)


class Checker:
    """Checks every row against the producer's catalogue, loaded in a few queries."""

    def __init__(self, producer, header, rows):
        self.producer = producer
        self.header = header
        self.rows = rows
        self.errors = []
        ids = {safe_int(r["id"]) for _n, r in rows if r} - {None}
        parent_ids = {safe_int(r.get("parent_id", "")) for _n, r in rows if r} - {None}
        self.products = {
            p.pk: p
            for p in Product.objects.filter(pk__in=ids)
            .filter(
                Q(producer=producer, structure=Product.STANDALONE) | Q(parent__producer=producer)
            )
            .select_related("parent")
            .prefetch_related(
                Prefetch(
                    "stockrecords",
                    queryset=StockRecord.objects.filter(partner_id=producer.partner_id),
                    to_attr="own_records",
                )
            )
        }
        self.listings = {
            p.pk: p
            for p in Product.objects.filter(
                pk__in=parent_ids | {p.parent_id for p in self.products.values() if p.parent_id},
                producer=producer,
                parent=None,
            ).prefetch_related("categories", "standards")
        }
        self.pending = {
            c.product_id: c.data
            for c in ListingChange.objects.filter(
                product_id__in=list(self.listings), state=ListingChange.State.PENDING
            )
        }
        self.categories = {c.code: c for c in Category.objects.filter(numchild=0)}
        self.listing_texts = {}  # listing id → (row, new text data)

    def error(self, row, column, message):
        self.errors.append(RowError(row, column, str(message)))

    def check(self):
        plans, seen = [], {}
        for number, row in self.rows:
            if row is None:
                self.error(number, "", _("This row has more cells than the header has columns."))
                continue
            plan = self.check_row(number, row, seen)
            if plan is not None:
                plans.append(plan)
        for listing_id, (number, data) in self.listing_texts.items():
            listing = self.listings[listing_id]
            if data != self.base_text(listing):
                plans.append(Plan(row=number, product=listing, text=data))
        return plans

    def base_text(self, listing):
        """What the producer last wrote: the pending change if any, else the live text."""
        if listing.pk in self.pending:
            return self.pending[listing.pk]
        category = next(iter(listing.categories.all()), None)
        return {
            "title": listing.title,
            "description": listing.description,
            "category": category.pk if category else None,
            "standards": sorted(s.pk for s in listing.standards.all()),
            "weight_grams": listing.weight_grams,
        }

    def check_row(self, number, row, seen):
        ok = True
        for column, value in row.items():
            if "\x00" in value:
                self.error(number, column, _("This cell contains a character that is not allowed."))
                ok = False
        if not ok:
            return None
        price = self.check_price(number, row.get("price", ""))
        stock = self.check_stock(number, row.get("stock", ""))
        weight = self.check_weight(number, row.get("weight_grams", ""))
        raw_id = row.get("id", "")
        if raw_id:
            product = self.products.get(safe_int(raw_id))
            if product is None:
                self.error(number, "id", _("No product of yours has this id."))
                return None
            if raw_id in seen:
                self.error(
                    number, "id", _("This id is already on row %(row)s.") % {"row": seen[raw_id]}
                )
                return None
            seen[raw_id] = number
            parent_id = row.get("parent_id", "")
            if parent_id and parent_id != str(product.parent_id or ""):
                self.error(number, "parent_id", _("This does not match the product's parent id."))
                return None
            record = product.own_records[0] if product.own_records else None
            held = (record.num_allocated or 0) if record else 0
            if stock is not None and stock < held:
                self.error(
                    number,
                    "stock",
                    _(
                        "%(held)s units are held for orders not yet shipped; the stock cannot be "
                        "lower."
                    )
                    % {"held": held},
                )
                stock = None
            if price is None or stock is None or weight is False:
                return None
            plan = Plan(row=number, product=product, price=price, stock=stock)
            if record is not None and record.price == price and record.num_in_stock == stock:
                plan.price = plan.stock = None  # nothing to change: no audit entry
            if product.parent_id:
                label = self.check_label(number, row, required=False)
                if label is False:
                    return None
                if label and label != product.title:
                    plan.label = label
                self.collect_text(
                    number, row, self.listings[product.parent_id], weight, option=True
                )
            else:
                self.collect_text(number, row, product, weight, option=False)
            return plan
        # A new listing, or a new option of one of the producer's listings.
        parent_id = row.get("parent_id", "")
        if parent_id:
            parent = self.listings.get(safe_int(parent_id))
            if parent is None:
                self.error(number, "parent_id", _("No product of yours has this id."))
                return None
            label = self.check_label(number, row, required=True)
            if price is None or stock is None or weight is False or not label:
                return None
            self.collect_text(number, row, parent, weight, option=True)
            return Plan(row=number, parent=parent, price=price, stock=stock, label=label)
        title = self.check_title(number, row, required=True)
        category = self.check_category(number, row, required=True)
        if None in (price, stock, title, category) or weight is False:
            return None
        return Plan(
            row=number,
            price=price,
            stock=stock,
            text={
                "title": title,
                "description": "",
                "category": category.pk,
                "standards": [],
                "weight_grams": weight,
            },
        )

    def collect_text(self, number, row, listing, weight, option):
        """New text for an existing listing; rows of one listing (its options) must agree."""
        base = self.base_text(listing)
        # A standalone row must keep its title and category (blank is an error) when the
        # file has those columns; an option row may leave them blank (no change).
        title = self.check_title(number, row, required=not option and "title" in self.header)
        category = self.check_category(
            number, row, required=not option and "category" in self.header
        )
        if not option and (
            ("title" in self.header and title is None)
            or ("category" in self.header and category is None)
        ):
            return
        data = dict(base)
        if title:
            data["title"] = title
        if category:
            data["category"] = category.pk
        if "weight_grams" in self.header and (weight or not option):
            data["weight_grams"] = weight
        earlier = self.listing_texts.get(listing.pk)
        if earlier is not None and earlier[1] != data:
            if earlier[1] == base:  # an earlier option row left it as it was
                self.listing_texts[listing.pk] = (number, data)
            elif data != base:
                self.error(
                    number,
                    "title",
                    _("Row %(row)s gives this product a different title, category or weight.")
                    % {"row": earlier[0]},
                )
            return
        self.listing_texts[listing.pk] = (number, data)

    def check_price(self, number, text):
        if not text:
            self.error(number, "price", _("Enter a price."))
            return None
        price = parse_price(text)
        if price is None:
            self.error(
                number,
                "price",
                _("Enter the price in whole đồng, e.g. 150000 or 150.000 (VND has no decimals)."),
            )
            return None
        if price < MIN_PRICE:
            self.error(number, "price", _("The price is at least 1.000 ₫."))
            return None
        if price > MAX_PRICE:
            self.error(number, "price", _("The price is at most 1.000.000.000 ₫."))
            return None
        return price

    def check_stock(self, number, text):
        if not text:
            self.error(number, "stock", _("Enter the stock (0 if none)."))
            return None
        stock = parse_count(text)
        if stock is None:
            self.error(number, "stock", _("Enter the stock as a whole number."))
            return None
        if stock < 0:
            self.error(number, "stock", _("The stock cannot be negative."))
            return None
        if stock > MAX_STOCK:
            self.error(number, "stock", _("Stock is at most 1.000.000."))
            return None
        return stock

    def check_weight(self, number, text):
        """Grams, None when blank, False when wrong (reported)."""
        if not text:
            return None
        grams = parse_count(text)
        if grams is None or not 1 <= grams <= 100_000:
            self.error(number, "weight_grams", _("Enter the weight in grams, 1 to 100000."))
            return False
        return grams

    def check_title(self, number, row, required):
        title = row.get("title", "")
        if not title:
            if required:
                self.error(number, "title", _("Enter the product name."))
            return None
        if len(title) > 200:
            self.error(number, "title", _("At most 200 characters."))
            return None
        return title

    def check_label(self, number, row, required):
        label = row.get("option", "")
        if not label:
            if required:
                self.error(number, "option", _("Enter the option, e.g. Hộp 250 g."))
                return False
            return None
        if len(label) > 100:
            self.error(number, "option", _("At most 100 characters."))
            return False
        return label

    def check_category(self, number, row, required):
        code = row.get("category", "")
        if not code:
            if required:
                self.error(number, "category", _("Enter a category code, e.g. I.3.c."))
            return None
        category = self.categories.get(code) or self.categories.get(code.upper())
        if category is None:
            self.error(
                number,
                "category",
                _(
                    "%(code)s is not a category of Decision 148 (use the smallest group, "
                    "e.g. I.3.c)."
                )
                % {"code": code},
            )
        return category


# --- Importing -------------------------------------------------------------------------


@dataclass
class Outcome:
    errors: list = field(default_factory=list)
    created: int = 0
    updated: set = field(default_factory=set)  # row numbers
    for_review: set = field(default_factory=set)


class _Undo(Exception):
    pass


def import_csv(producer, user, upload):
    """Check every row, then apply all of them in one transaction, or nothing."""
    try:
        header, rows = read_rows(upload)
    except FileRefused as e:
        return Outcome(errors=[RowError(0, "", str(e))])
    checker = Checker(producer, header, rows)
    plans = checker.check()
    if checker.errors:
        return Outcome(errors=sorted(checker.errors, key=lambda e: e.row))
    outcome = Outcome()
    try:
        with transaction.atomic():
            for plan in plans:
                try:
                    apply(plan, producer, user, outcome)
                except Refused as e:
                    outcome.errors.append(RowError(plan.row, "stock", str(e)))
            if outcome.errors:
                raise _Undo
    except _Undo:
        return Outcome(errors=outcome.errors)
    return outcome


def apply(plan, producer, user, outcome):
    if plan.text is not None and plan.product is not None:  # text of an existing listing
        if operations.update_text(plan.product, user, ListingText.from_data(plan.text)):
            outcome.updated.add(plan.row)
        else:
            outcome.for_review.add(plan.row)
    elif plan.text is not None:
        operations.create_listing(
            producer, user, ListingText.from_data(plan.text), plan.price, plan.stock
        )
        outcome.created += 1
    elif plan.parent is not None:
        operations.add_option(plan.parent, user, plan.label, plan.price, plan.stock)
        outcome.created += 1
    else:
        changed = False
        if plan.price is not None:
            operations.set_price_stock(plan.product, user, plan.price, plan.stock)
            changed = True
        if plan.label:
            option = plan.product
            audit.record(user, producer, "product", option, "title", option.title, plan.label)
            option.title = plan.label
            option.save(update_fields=["title", "date_updated"])
            changed = True
        if changed:
            outcome.updated.add(plan.row)


# --- Views -------------------------------------------------------------------------------


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("CSV file (UTF-8)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )


def _page(request, form, outcome=None, status=200):
    return render(
        request,
        "seller/reports/bulk.html",
        {
            "form": form,
            "outcome": outcome,
            "columns": COLUMNS,
            "max_rows": MAX_ROWS,
        },
        status=status,
    )


@seller_required
def bulk_page(request):
    return _page(request, ImportForm())


@seller_required
def bulk_export(request):
    response = HttpResponse(export_csv(request.producer), content_type="text/csv; charset=utf-8")
    filename = f"san-pham-{request.producer.slug}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@seller_required
@require_POST
def bulk_import(request):
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, form, status=400)
    outcome = import_csv(request.producer, request.user, form.cleaned_data["file"])
    if outcome.errors:
        return _page(request, form, outcome, status=400)
    messages.success(
        request,
        _("Import done: %(created)s created, %(updated)s updated, %(review)s waiting for review.")
        % {
            "created": outcome.created,
            "updated": len(outcome.updated - outcome.for_review),
            "review": len(outcome.for_review),
        },
    )
    return redirect("seller:bulk")
