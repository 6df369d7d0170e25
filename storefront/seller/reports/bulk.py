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
from dataclasses import dataclass, field

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
from storefront.seller import audit, operations
from storefront.seller.access import seller_required
from storefront.seller.files import spreadsheet_safe
from storefront.seller.models import ListingChange
from storefront.seller.operations import ListingText, Refused
from storefront.seller.reports.bulk_check import (
    COLUMNS,
    MAX_ROWS,
    Checker,
    FileRefused,
    RowError,
    read_rows,
)

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
        row = export_row(product, pending, categories)
        writer.writerow({key: spreadsheet_safe(value) for key, value in row.items()})
    return out.getvalue()


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
