"""Trade fairs in the seller centre (issue 12): the fairs open for booth applications, the
producer's applications, applying and withdrawing. What an application goes through is in
`fairs/applications.py`; every application is looked up through `request.producer`."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from wagtail.models import Locale

from fairs import applications
from fairs.forms import BoothApplicationForm
from fairs.models import BoothApplication, FairPage, today_in_vietnam
from storefront.params import safe_int
from storefront.seller.access import seller_required
from storefront.seller.files import attachment


def open_fairs():
    """Live fairs, in the site's default language, still taking applications."""
    return (
        FairPage.objects.live()
        .public()
        .filter(
            locale=Locale.get_default(),
            end_date__gte=today_in_vietnam(),
            application_deadline__gt=timezone.now(),
        )
        .select_related("province")
        .order_by("application_deadline", "pk")
    )


def _own(request, pk):
    application = (
        BoothApplication.objects.filter(pk=safe_int(str(pk)), producer=request.producer)
        .select_related("fair__province", "zone")
        .first()
    )
    if application is None:
        raise Http404
    return application


@seller_required
def fair_list(request):
    mine = list(
        BoothApplication.objects.filter(producer=request.producer)
        .select_related("fair", "zone")
        .order_by("-date_created", "-pk")
    )
    applied = {a.fair_id for a in mine}
    fairs = [f for f in open_fairs() if f.pk not in applied]
    return render(request, "seller/fairs/list.html", {"fairs": fairs, "applications": mine})


@seller_required
@require_http_methods(["GET", "POST"])
def fair_apply(request):
    fair = (
        FairPage.objects.live()
        .public()
        .filter(pk=safe_int(request.GET.get("hoi-cho", "")))
        .select_related("province")
        .first()
    )
    if fair is None:
        raise Http404
    existing = BoothApplication.objects.filter(fair=fair, producer=request.producer).first()
    if existing is not None:
        messages.info(request, _("You have already applied to this fair."))
        return redirect("seller:fair-application", pk=existing.pk)
    form = BoothApplicationForm(
        request.POST or None, request.FILES or None, fair=fair, producer=request.producer
    )
    closed = not fair.accepts_applications()
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            application = applications.apply(
                fair,
                request.producer,
                zone=d["zone"],
                products=d["products"],
                note=d["note"],
                document=d["document"],
            )
        except applications.Refused as refused:
            form.add_error(None, refused)
        else:
            messages.success(request, _("Your application was sent. Staff will reply here."))
            return redirect("seller:fair-application", pk=application.pk)
    context = {"fair": fair, "form": form, "closed": closed}
    status = 400 if form.errors else 200
    return render(request, "seller/fairs/apply.html", context, status=status)


@seller_required
def fair_application(request, pk):
    application = _own(request, pk)
    return render(
        request,
        "seller/fairs/application.html",
        {"application": application, "products": application.products.order_by("title")},
    )


@seller_required
@require_POST
def fair_withdraw(request, pk):
    application = _own(request, pk)
    try:
        applications.withdraw(application)
    except applications.Refused as refused:
        messages.error(request, " ".join(refused.messages))
    else:
        messages.success(request, _("You withdrew your application."))
    return redirect("seller:fair-application", pk=application.pk)


@seller_required
def fair_document(request, pk):
    return attachment(_own(request, pk).document)
