"""The review queue and the audit trail in Wagtail's admin (/cms/duyet-nguoi-ban/).

Wagtail lets in only users with admin access; every view here then asks for
`seller.review_sellers` itself, and each decision checks the item: a reviewer who acts for
the item's producer may not decide on it (nobody approves their own listing).
"""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from catalogue.models import Certificate, Producer, ProducerDocument, Product, ProductImage
from storefront.params import safe_int
from storefront.seller.files import attachment
from storefront.seller.models import AuditEntry, ListingChange, ProfileChange
from storefront.seller.operations import product_producer
from storefront.seller.review import queue, services

PERMISSION = "seller.review_sellers"
AUDIT_PAGE_SIZE = 50

# kind in the URL → (rows, producer of a row, approve, reject)
KINDS = {
    "producer": (
        Producer.objects.all(),
        lambda p: p,
        services.approve_producer,
        services.reject_producer,
    ),
    "listing": (
        Product.objects.filter(parent=None).select_related("producer"),
        lambda p: p.producer,
        services.approve_listing,
        services.reject_listing,
    ),
    "change": (
        ListingChange.objects.select_related("product__producer"),
        lambda c: c.product.producer,
        services.approve_change,
        services.reject_change,
    ),
    "photo": (
        ProductImage.objects.select_related("product__producer", "product__parent__producer"),
        lambda i: product_producer(i.product),
        services.approve_photo,
        services.reject_photo,
    ),
    "certificate": (
        Certificate.objects.select_related("producer", "product"),
        lambda c: c.producer,
        services.verify_certificate,
        services.reject_certificate,
    ),
    "profile": (
        ProfileChange.objects.select_related("producer"),
        lambda c: c.producer,
        services.approve_profile_change,
        services.reject_profile_change,
    ),
}


def may_review(user):
    return user.is_authenticated and user.has_perm(PERMISSION)


def reviewer_required(view):
    """Asked first, before the method: a non-reviewer learns nothing, not even a 405."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not may_review(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def _require_impartial(request, producer):
    """Staff who also act for a producer leave its items to a colleague."""
    if producer is not None and producer.partner.users.filter(pk=request.user.pk).exists():
        raise PermissionDenied


def _queue_page(request, errors=None, typed=None, status=200):
    """The queue; `errors`/`typed` by "kind-pk" bring back a refused reason with its text."""
    errors, typed = errors or {}, typed or {}
    sections = queue.sections()
    for section in sections:
        for item in section.items:
            key = f"{section.kind}-{item.pk}"
            item.review_error = errors.get(key, "")
            item.review_typed = typed.get(key, "")
    return render(request, "seller/review/queue.html", {"sections": sections}, status=status)


@reviewer_required
@require_GET
def review_queue(request):
    return _queue_page(request)


@reviewer_required
@require_POST
def decide(request, kind, pk, action):
    if kind not in KINDS or action not in ("approve", "reject"):
        raise Http404
    rows, producer_of, approve, reject = KINDS[kind]
    obj = rows.filter(pk=pk).first()
    back = reverse("seller_review:queue") + f"#{kind}"
    if obj is None:
        messages.warning(request, _("This item is no longer waiting for review."))
        return redirect(back)
    _require_impartial(request, producer_of(obj))
    try:
        if action == "approve":
            approve(obj, request.user)
            messages.success(request, _("Approved: %(item)s") % {"item": obj})
        else:
            reject(obj, request.user, request.POST.get("reason", ""))
            messages.success(request, _("Turned down: %(item)s") % {"item": obj})
    except services.AlreadyDecided as refused:
        messages.warning(request, str(refused))
    except ValidationError as invalid:
        key = f"{kind}-{pk}"
        messages.error(request, " ".join(invalid.messages))
        return _queue_page(
            request,
            errors={key: " ".join(invalid.messages)},
            typed={key: request.POST.get("reason", "")},
            status=400,
        )
    return redirect(back)


@reviewer_required
@require_GET
def producer_document(request, pk):
    """A producer's papers, to staff only and always as a download."""
    document = ProducerDocument.objects.filter(pk=pk).first()
    if document is None:
        raise Http404
    return attachment(document.file)


@reviewer_required
@require_GET
def certificate_scan(request, pk):
    certificate = Certificate.objects.filter(pk=pk).first()
    if certificate is None:
        raise Http404
    return attachment(certificate.scan)


@reviewer_required
@require_GET
def audit_trail(request):
    entries = AuditEntry.objects.select_related("actor", "producer").order_by("-at", "-id")
    producer_id = safe_int(request.GET.get("producer", ""))
    subject = request.GET.get("subject", "")
    subjects = sorted(AuditEntry.objects.values_list("subject", flat=True).distinct())
    if producer_id is not None:
        entries = entries.filter(producer_id=producer_id)
    if subject:
        entries = entries.filter(subject=subject[:32])
    page = Paginator(entries, AUDIT_PAGE_SIZE).get_page(safe_int(request.GET.get("p", ""), 1))
    query = request.GET.copy()
    query.pop("p", None)
    context = {
        "page": page,
        "producers": Producer.objects.order_by("name").only("pk", "name"),
        "subjects": subjects,
        "producer_id": producer_id,
        "subject": subject,
        "query": query.urlencode(),
    }
    return render(request, "seller/review/audit.html", context)
