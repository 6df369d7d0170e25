"""Booth applications in Wagtail's admin (/cms/hoi-cho-gian/), for holders of
`seller.review_sellers` (Moderators), like the seller review queue: approve with a booth,
wait-list or reject with a reason the producer reads."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from fairs import applications
from fairs.forms import DecisionForm
from fairs.models import BoothApplication, FairPage
from storefront.params import safe_int
from storefront.seller.files import attachment
from storefront.seller.review.services import AlreadyDecided
from storefront.seller.review.views import _require_impartial, reviewer_required

State = BoothApplication.State
ACTIONS = ("approve", "waitlist", "reject")


def _page(request, errors=None, typed=None, status=200):
    fairs = list(
        FairPage.objects.filter(applications__isnull=False)
        .distinct()
        .order_by("-start_date", "pk")
        .only("pk", "title", "start_date", "end_date", "booths")
    )
    fair = next((f for f in fairs if f.pk == safe_int(request.GET.get("fair", ""))), None)
    rows = (
        BoothApplication.objects.select_related("fair", "producer__province", "zone")
        .prefetch_related("products")
        .order_by("fair_id", "state", "waitlisted_at", "date_created", "pk")
    )
    if fair is not None:
        rows = rows.filter(fair=fair)
    state = request.GET.get("state", "")
    if state in State.values:
        rows = rows.filter(state=state)
    items = list(rows[:200])
    errors, typed = errors or {}, typed or {}
    zones = {}
    for item in items:
        item.error = errors.get(item.pk, "")
        item.typed = typed.get(item.pk, "")
        if item.fair_id not in zones:
            zones[item.fair_id] = list(item.fair.zones.all())
        item.fair_zones = zones[item.fair_id]
    context = {
        "fairs": fairs,
        "fair": fair,
        "state": state,
        "states": State.choices,
        "items": items,
    }
    return render(request, "fairs/admin/applications.html", context, status=status)


@reviewer_required
@require_GET
def application_list(request):
    return _page(request)


@reviewer_required
@require_POST
def decide(request, pk, action):
    if action not in ACTIONS:
        raise Http404
    application = (
        BoothApplication.objects.select_related("fair", "producer__partner").filter(pk=pk).first()
    )
    back = reverse("fair_applications:list")
    if application is None:
        messages.warning(request, _("This application no longer exists."))
        return redirect(back)
    _require_impartial(request, application.producer)
    form = DecisionForm(request.POST, fair=application.fair)
    try:
        if not form.is_valid():
            raise ValidationError(
                [e for errors in form.errors.values() for e in errors] or [_("Check the form.")]
            )
        d = form.cleaned_data
        if action == "approve":
            applications.approve(application, request.user, zone=d["zone"])
            messages.success(request, _("Approved: %(item)s") % {"item": application})
        elif action == "waitlist":
            applications.waitlist(application, request.user, d["reason"])
            messages.success(
                request, _("Put on the waiting list: %(item)s") % {"item": application}
            )
        else:
            applications.reject(application, request.user, d["reason"])
            messages.success(request, _("Turned down: %(item)s") % {"item": application})
    except AlreadyDecided as refused:
        messages.warning(request, str(refused))
    except ValidationError as invalid:
        text = " ".join(invalid.messages)
        messages.error(request, text)
        return _page(
            request,
            errors={application.pk: text},
            typed={application.pk: request.POST.get("reason", "")},
            status=400,
        )
    return redirect(f"{back}?fair={application.fair_id}#application-{application.pk}")


@reviewer_required
@require_GET
def document(request, pk):
    application = BoothApplication.objects.filter(pk=pk).first()
    if application is None:
        raise Http404
    return attachment(application.document)
