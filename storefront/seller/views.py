"""The seller centre's own pages: the way in (apply, accept an invitation) and the home.

Listings, photos, certificates, parcels and the profile live in their own modules; every
view that acts for a producer is wrapped in `seller_required` and finds objects through
`request.producer`.
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from oscar.apps.partner.models import StockRecord

from catalogue.models import Certificate, Producer, Product
from catalogue.producers import ProducerDocument
from storefront.order.models import Parcel
from storefront.seller.access import producer_of, seller_required
from storefront.seller.forms import ApplicationForm
from storefront.seller.mail import send_after_commit
from storefront.seller.models import Invitation, Notice

LOW_STOCK = 5


def landing(request):
    """Bán hàng cùng Chợ OCOP: what selling here means, and the way in."""
    return render(request, "seller/landing.html", {"producer": producer_of(request.user)})


@login_required
@require_http_methods(["GET", "POST"])
def apply(request):
    producer = producer_of(request.user)
    if producer is not None:
        return redirect("seller:home")
    form = ApplicationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        with transaction.atomic():
            # One application per account, even from two taps at once: the second waits
            # for the first's lock and then finds its producer.
            get_user_model().objects.select_for_update().get(pk=request.user.pk)
            if producer_of(request.user) is not None:
                return redirect("seller:home")
            producer = Producer(
                name=d["name"],
                kind=d["kind"],
                registration_number=d["registration_number"],
                tax_code=d["tax_code"],
                province=d["province"],
                ward=d["ward"],
                street=d["street"],
                contact_name=d["contact_name"],
                phone=d["phone"],
                email=d["email"],
                verified=False,
            )
            producer.save()
            producer.partner.users.add(request.user)
            for kind, upload in form.documents():
                ProducerDocument.objects.create(producer=producer, kind=kind, file=upload)
            Notice.objects.create(
                producer=producer,
                message=_(
                    "Your application was received. Staff check the papers, usually within "
                    "two working days; you can prepare your listings meanwhile."
                ),
            )
            send_after_commit(
                [d["email"], request.user.email],
                "application_received",
                {"producer": producer},
                language=request.LANGUAGE_CODE,
            )
        messages.success(request, _("Thank you. Your application has been sent for review."))
        return redirect("seller:home")
    return render(request, "seller/apply.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def accept_invitation(request, token):
    invitation = Invitation.find(token)
    if invitation is None:
        return render(request, "seller/invitation_invalid.html", status=404)
    current = producer_of(request.user)
    # The link works only for the address it was sent to: a forwarded or leaked link
    # does not let somebody else in.
    wrong_person = invitation.email.strip().lower() != (request.user.email or "").strip().lower()
    if request.method == "POST" and current is None and not wrong_person:
        with transaction.atomic():
            locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
            added = locked.accepted_at is None
            if added:
                locked.accepted_at = timezone.now()
                locked.accepted_by = request.user
                locked.save(update_fields=["accepted_at", "accepted_by"])
                invitation.producer.partner.users.add(request.user)
        if not added:
            return render(request, "seller/invitation_invalid.html", status=404)
        messages.success(
            request, _("You now act for %(name)s.") % {"name": invitation.producer.name}
        )
        return redirect("seller:home")
    return render(
        request,
        "seller/invitation.html",
        {"invitation": invitation, "current": current, "wrong_person": wrong_person},
        status=403 if wrong_person else 200,
    )


@seller_required
def home(request):
    producer = request.producer
    products = Product.objects.filter(producer=producer, parent=None)
    counts = {state: 0 for state in Product.ListingState.values}
    for state in products.values_list("listing_state", flat=True):
        counts[state] += 1
    to_ship = Parcel.objects.filter(
        producer=producer,
        status__in=[Parcel.Status.PREPARING, Parcel.Status.CONFIRMED],
        order__status__in=["placed", "paid"],
    ).count()
    low_stock = (
        StockRecord.objects.filter(partner=producer.partner, num_in_stock__lte=LOW_STOCK)
        .exclude(product__listing_state=Product.ListingState.DRAFT)
        .select_related("product__parent")
        .order_by("num_in_stock", "product__title")[:20]
    )
    context = {
        "producer": producer,
        "state_counts": [
            (value, label, counts[value]) for value, label in Product.ListingState.choices
        ],
        "to_ship": to_ship,
        "low_stock": low_stock,
        "notices": producer.notices.all()[:10],
        "pending_certificates": producer.certificates.filter(
            review_state=Certificate.ReviewState.PENDING
        ).count(),
    }
    return render(request, "seller/home.html", context)
