"""Reading an uploaded product CSV and checking every row before anything is written.

`read_rows` refuses a file as a whole (size, encoding, NUL, columns, row count); `Checker`
checks each row against the producer's own catalogue, loaded in a few queries whatever the
number of rows, and turns the rows into `Plan`s for `bulk.import_csv`. An id that is not
one of the producer's sellable products is "not found", whoever it belongs to.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, Q
from django.utils.translation import gettext as _
from oscar.apps.partner.models import StockRecord

from catalogue.models import Category, Product
from storefront.params import safe_int
from storefront.seller.files import from_spreadsheet
from storefront.seller.models import ListingChange

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
# Applying costs ~12 queries and ~25 ms per changed row on a 2-core machine (most of it in
# Oscar's product-alert receiver on each stock save): 500 rows stay well inside gunicorn's
# 30 s worker timeout. A background import would lift this (issue 10 note).
MAX_ROWS = 500
MAX_STOCK = 1_000_000
MIN_PRICE, MAX_PRICE = 1000, 1_000_000_000
# Whole đồng, optionally grouped by thousands ("150.000", "150,000", "150 000") and
# followed by the currency ("150.000 ₫"). Anything after a decimal mark is refused.
_PRICE = re.compile(r"([0-9]{1,3}(?:([., \u00a0\u202f])[0-9]{3})?(?:\2[0-9]{3})*|[0-9]+)")
_CURRENCY = re.compile(r"\s*(₫|đ|Đ|vnđ|VNĐ|vnd|VND)$")


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
            rows.append(
                (
                    number,
                    {h: from_spreadsheet(c.strip()) for h, c in zip(header, cells, strict=True)},
                )
            )
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
    return Decimal(re.sub(r"[^0-9]", "", text))


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
            # operations.set_price_stock reads the producer and its partner: loaded here
            # rather than twice per row.
            .select_related("producer__partner", "parent__producer__partner")
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
                pk__in=parent_ids | {p.parent_id or p.pk for p in self.products.values()},
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
                self.collect_text(number, row, self.listings[product.pk], weight, option=False)
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
