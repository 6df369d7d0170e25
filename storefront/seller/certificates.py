"""A producer's OCOP decisions: upload one, see whether staff verified it."""

from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from catalogue.models import Certificate, Product
from storefront.params import safe_int
from storefront.seller import audit
from storefront.seller.access import seller_required
from storefront.seller.files import attachment
from storefront.seller.forms import CertificateForm


@seller_required
def certificate_list(request):
    certificates = (
        Certificate.objects.filter(producer=request.producer)
        .select_related("product")
        .order_by("-date_created", "-id")
    )
    return render(request, "seller/certificates.html", {"certificates": certificates})


@seller_required
@require_http_methods(["GET", "POST"])
def certificate_create(request):
    form = CertificateForm(request.POST or None, request.FILES or None, producer=request.producer)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            certificate = form.save(commit=False)
            certificate.producer = request.producer
            certificate.review_state = Certificate.ReviewState.PENDING
            certificate.submitted_by = request.user
            certificate.save()
            audit.record(
                request.user,
                request.producer,
                "certificate",
                certificate,
                "review_state",
                "",
                certificate.review_state,
            )
        messages.success(
            request,
            _("Sent. The star badge appears on the product once staff have verified it."),
        )
        return redirect("seller:certificates")
    return render(
        request,
        "seller/certificate_form.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


@seller_required
def certificate_detail(request, pk):
    certificate = (
        Certificate.objects.filter(pk=safe_int(str(pk)), producer=request.producer)
        .select_related("product")
        .first()
    )
    if certificate is None:
        raise Http404
    return render(request, "seller/certificate_detail.html", {"certificate": certificate})


@seller_required
def own_scan(request, pk):
    """The producer's own scan, whatever its review state."""
    certificate = Certificate.objects.filter(
        pk=safe_int(str(pk)), producer=request.producer
    ).first()
    if certificate is None:
        raise Http404
    return attachment(certificate.scan)


def public_scan(request, pk):
    """The scan of a verified certificate of a product on sale: the decision is a public
    act, and showing it is the shop's proof. Anything else is a 404."""
    certificate = Certificate.objects.filter(
        pk=safe_int(str(pk)),
        review_state=Certificate.ReviewState.VERIFIED,
        product__in=Product.objects.for_sale(),
    ).first()
    if certificate is None:
        raise Http404
    return attachment(certificate.scan)
