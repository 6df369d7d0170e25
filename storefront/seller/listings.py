"""A producer's listings: create, edit, options, price and stock, photos, state.

Every object is found through `request.producer`; another producer's id is a 404.
"""

from django.contrib import messages
from django.db import transaction
from django.db.models import Count, Exists, Max, Min, OuterRef, Prefetch, Subquery, Sum
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from oscar.apps.partner.models import StockRecord

from catalogue.models import Product, ProductImage
from storefront.params import safe_int
from storefront.seller import audit, operations
from storefront.seller.access import seller_required
from storefront.seller.forms import (
    ListingForm,
    NewListingForm,
    OptionForm,
    PhotoUploadForm,
    PriceStockForm,
)
from storefront.seller.models import ListingChange
from storefront.seller.operations import ListingText, Refused
from storefront.seller.photos import MAX_PHOTOS

State = Product.ListingState


def own_listing(request, pk):
    """One of the producer's listings (never an option, never another's)."""
    product = (
        Product.objects.filter(pk=safe_int(str(pk)), producer=request.producer, parent=None)
        .select_related("producer")
        .first()
    )
    if product is None:
        raise Http404
    return product


def own_option(request, pk):
    option = (
        Product.objects.filter(
            pk=safe_int(str(pk)), parent__producer=request.producer, structure=Product.CHILD
        )
        .select_related("parent")
        .first()
    )
    if option is None:
        raise Http404
    return option


@seller_required
def product_list(request):
    # One subquery per number: joining stock, options, photos and changes in one query
    # would multiply the sums by each other's rows.
    options = StockRecord.objects.filter(product__parent=OuterRef("pk")).values("product__parent")
    products = (
        Product.objects.filter(producer=request.producer, parent=None)
        .annotate(
            option_stock=Subquery(options.annotate(n=Sum("num_in_stock")).values("n")),
            low_price=Subquery(options.annotate(p=Min("price")).values("p")),
            high_price=Subquery(options.annotate(p=Max("price")).values("p")),
            photo_count=Subquery(
                ProductImage.objects.filter(product=OuterRef("pk"))
                .values("product")
                .annotate(n=Count("pk"))
                .values("n")
            ),
            pending_changes=Exists(
                ListingChange.objects.filter(
                    product=OuterRef("pk"), state=ListingChange.State.PENDING
                )
            ),
        )
        .prefetch_related("stockrecords")
        .order_by("-date_updated", "-id")
    )
    state = request.GET.get("state")
    if state in State.values:
        products = products.filter(listing_state=state)
    return render(
        request,
        "seller/products.html",
        {"products": products, "state": state, "states": State.choices},
    )


@seller_required
@require_http_methods(["GET", "POST"])
def product_create(request):
    form = NewListingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        text = ListingText.from_form(d)
        if d["has_options"]:
            product = operations.create_listing(request.producer, request.user, text)
            product.structure = Product.PARENT
            product.save(update_fields=["structure"])
            messages.success(request, _("Saved as a draft. Now add its options."))
            return redirect("seller:product", pk=product.pk)
        product = operations.create_listing(
            request.producer, request.user, text, d["price"], d["num_in_stock"]
        )
        messages.success(request, _("Saved as a draft. Now add photos."))
        return redirect("seller:photos", pk=product.pk)
    return render(request, "seller/product_create.html", {"form": form})


def _text_initial(change, product):
    """The description form's values: the text waiting for review, or the live text."""
    data = change.data if change else ListingText.of(product).as_data()
    return {
        "title": data["title"],
        "description": data["description"],
        "category": data["category"],
        "standards": data.get("standards") or [],
        "weight_grams": data.get("weight_grams"),
    }


@seller_required
@require_http_methods(["GET", "POST"])
def product_edit(request, pk):
    product = own_listing(request, pk)
    change = operations.pending_change(product)
    form = ListingForm(request.POST or None, initial=_text_initial(change, product))
    if request.method == "POST" and form.is_valid():
        if operations.update_text(product, request.user, ListingText.from_form(form.cleaned_data)):
            messages.success(request, _("Saved."))
        else:
            messages.success(
                request,
                _(
                    "Saved. The new text waits for staff review; buyers see the current "
                    "text until it is approved."
                ),
            )
        return redirect("seller:product", pk=product.pk)
    return _edit_page(request, product, change, form=form)


def _edit_page(request, product, change=None, form=None, stock_form=None, option_form=None):
    """The product's page; a refused price/stock or option form comes back in it (400)."""
    if form is None:
        change = operations.pending_change(product)
        form = ListingForm(initial=_text_initial(change, product))
    record = operations.stockrecord_of(product) if not product.is_parent else None
    options = list(
        product.children.order_by("pk").prefetch_related(
            Prefetch("stockrecords", to_attr="records")
        )
    )
    refused = stock_form is not None or option_form is not None
    if stock_form is None and record is not None:
        stock_form = PriceStockForm(
            initial={"price": f"{int(record.price):d}", "num_in_stock": record.num_in_stock}
        )
    context = {
        "product": product,
        "form": form,
        "change": change,
        "record": record,
        "stock_form": stock_form,
        "options": options,
        "option_form": option_form or OptionForm(prefix="new"),
        "moves": [
            (value, label)
            for value, label in State.choices
            if value in operations.PRODUCER_MOVES.get(product.listing_state, ())
        ],
        "photos": list(product.images.order_by("display_order", "id")),
    }
    return render(request, "seller/product_edit.html", context, status=400 if refused else 200)


@seller_required
@require_POST
def product_state(request, pk):
    product = own_listing(request, pk)
    target = request.POST.get("to", "")
    if target not in State.values:
        messages.error(request, _("This listing cannot be moved to that state now."))
        return redirect("seller:product", pk=product.pk)
    try:
        operations.move(product, request.user, target)
    except Refused as e:
        messages.error(request, str(e))
    else:
        messages.success(
            request,
            {
                State.PENDING: _("Sent for review. Staff usually decide within two working days."),
                State.DRAFT: _("Taken back: the listing is a draft again."),
                State.PAUSED: _("Paused: buyers no longer see it."),
                State.LIVE: _("On sale again."),
            }.get(target, _("Saved.")),
        )
    return redirect("seller:product", pk=product.pk)


@seller_required
@require_POST
def stock_edit(request, pk):
    product = own_listing(request, pk)
    if product.is_parent:
        raise Http404
    stock_form = PriceStockForm(request.POST)
    if stock_form.is_valid():
        try:
            operations.set_price_stock(
                product,
                request.user,
                stock_form.cleaned_data["price"],
                stock_form.cleaned_data["num_in_stock"],
            )
        except Refused as e:
            stock_form.add_error("num_in_stock", str(e))
        else:
            messages.success(request, _("Price and stock saved; they apply at once."))
            return redirect("seller:product", pk=product.pk)
    return _edit_page(request, product, stock_form=stock_form)


@seller_required
@require_POST
def option_create(request, pk):
    product = own_listing(request, pk)
    option_form = OptionForm(request.POST, prefix="new")
    if option_form.is_valid():
        d = option_form.cleaned_data
        try:
            operations.add_option(product, request.user, d["label"], d["price"], d["num_in_stock"])
        except Refused as e:
            option_form.add_error(None, str(e))
        else:
            messages.success(request, _("Option added."))
            return redirect("seller:product", pk=product.pk)
    return _edit_page(request, product, option_form=option_form)


@seller_required
@require_http_methods(["GET", "POST"])
def option_edit(request, pk):
    option = own_option(request, pk)
    record = operations.stockrecord_of(option)
    initial = {"label": option.title}
    if record is not None:
        initial.update(price=f"{int(record.price):d}", num_in_stock=record.num_in_stock)
    form = OptionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            with transaction.atomic():
                if operations.option_named(option.parent, d["label"], exclude=option):
                    raise Refused(
                        _("This product already has an option called “%(label)s”.")
                        % {"label": d["label"]}
                    )
                if d["label"] != option.title:
                    audit.record(
                        request.user,
                        request.producer,
                        "product",
                        option,
                        "title",
                        option.title,
                        d["label"],
                    )
                    option.title = d["label"]
                    option.save(update_fields=["title", "date_updated"])
                operations.set_price_stock(option, request.user, d["price"], d["num_in_stock"])
        except Refused as e:
            form.add_error(None, str(e))
        else:
            messages.success(request, _("Option saved; price and stock apply at once."))
            return redirect("seller:product", pk=option.parent_id)
    return render(
        request,
        "seller/option_form.html",
        {"option": option, "form": form, "product": option.parent},
        status=400 if form.errors else 200,
    )


@seller_required
@require_POST
def option_delete(request, pk):
    option = own_option(request, pk)
    with transaction.atomic():
        record = operations.stockrecord_of(option)
        if record is not None and (record.num_allocated or 0) > 0:
            messages.error(
                request,
                _("This option has orders not yet shipped; set its stock to 0 instead."),
            )
            return redirect("seller:product", pk=option.parent_id)
        audit.record(request.user, request.producer, "product", option, "deleted", option.title, "")
        parent_id = option.parent_id
        option.delete()
    messages.success(request, _("Option removed."))
    return redirect("seller:product", pk=parent_id)


@seller_required
@require_http_methods(["GET", "POST"])
def photos(request, pk):
    product = own_listing(request, pk)
    existing = list(product.images.order_by("display_order", "id"))
    form = PhotoUploadForm(
        request.POST or None, request.FILES or None, room=max(0, MAX_PHOTOS - len(existing))
    )
    if request.method == "POST" and form.is_valid():
        needs_review = product.listing_state in (State.LIVE, State.PAUSED)
        start = max((img.display_order for img in existing), default=-1) + 1
        with transaction.atomic():
            for offset, upload in enumerate(form.cleaned_data["photos"]):
                ProductImage.objects.create(
                    product=product,
                    original=upload,
                    caption=product.title[:200],
                    display_order=start + offset,
                    approved=not needs_review,
                )
        if needs_review:
            messages.success(
                request, _("Photos added. They appear to buyers once staff have checked them.")
            )
        else:
            messages.success(request, _("Photos added."))
        return redirect("seller:photos", pk=product.pk)
    return render(
        request,
        "seller/photos.html",
        {"product": product, "photos": existing, "form": form, "max_photos": MAX_PHOTOS},
        status=400 if form.errors else 200,
    )


@seller_required
@require_POST
def photo_action(request, pk):
    image = (
        ProductImage.objects.filter(pk=safe_int(str(pk)), product__producer=request.producer)
        .select_related("product")
        .first()
    )
    if image is None:
        raise Http404
    product = image.product
    action = request.POST.get("action")
    with transaction.atomic():
        images = list(
            ProductImage.objects.select_for_update()
            .filter(product=product)
            .order_by("display_order", "id")
        )
        index = next(i for i, img in enumerate(images) if img.pk == image.pk)
        if action == "delete":
            live = product.listing_state in (State.LIVE, State.PAUSED)
            others = [img for img in images if img.pk != image.pk and img.approved]
            if live and image.approved and not others:
                messages.error(request, _("A listing on sale keeps at least one checked photo."))
                return redirect("seller:photos", pk=product.pk)
            images.pop(index).delete()
        elif action == "main":
            images.insert(0, images.pop(index))
        elif action == "up" and index > 0:
            images[index - 1], images[index] = images[index], images[index - 1]
        elif action == "down" and index < len(images) - 1:
            images[index + 1], images[index] = images[index], images[index + 1]
        elif action not in ("up", "down"):
            messages.error(request, _("Unknown action."))
            return redirect("seller:photos", pk=product.pk)
        for order, img in enumerate(images):
            if img.display_order != order:
                ProductImage.objects.filter(pk=img.pk).update(display_order=order)
    messages.success(request, _("Photos saved."))
    return redirect("seller:photos", pk=product.pk)
