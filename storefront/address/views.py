"""The address book: list, add, edit, delete, default. Every address is looked up through
the signed-in user (`request.user.addresses`), so another buyer's id is a 404, never a
403 that confirms it exists. Nothing changes on a GET."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views import View
from django.views.generic import ListView

from storefront.address.forms import AddressForm

BOOK = "customer:address-list"


def own_address(request, pk):
    return get_object_or_404(request.user.addresses.select_related("province", "ward"), pk=pk)


class AccountPage(LoginRequiredMixin):
    """What Oscar's account pages give their base template."""

    active_tab = "addresses"
    page_title = _lazy("Address book")

    def account_context(self, **extra):
        return {"active_tab": self.active_tab, "page_title": self.page_title, **extra}


class AddressListView(AccountPage, ListView):
    template_name = "oscar/customer/address/address_list.html"
    context_object_name = "addresses"

    def get_queryset(self):
        # The model's ordering: the default first, then the most used, then the newest.
        return self.request.user.addresses.select_related("province", "ward")

    def get_context_data(self, **kwargs):
        return super().get_context_data(**self.account_context(**kwargs))


class AddressFormView(AccountPage, View):
    """Add (no pk) or edit (pk) an address. "Show communes" re-draws the form narrowed to
    the chosen province and keeps everything typed (the no-JavaScript path)."""

    template_name = "oscar/customer/address/address_form.html"

    def instance(self, request, pk):
        return own_address(request, pk) if pk is not None else None

    def get(self, request, pk=None):
        instance = self.instance(request, pk)
        return self.render(request, AddressForm(user=request.user, instance=instance), instance)

    def post(self, request, pk=None):
        instance = self.instance(request, pk)
        if "choose_province" in request.POST:
            form = AddressForm(user=request.user, instance=instance, initial=request.POST.dict())
            return self.render(request, form, instance)
        form = AddressForm(request.POST, user=request.user, instance=instance)
        if not form.is_valid():
            return self.render(request, form, instance, status=400)
        address = form.save()
        messages.success(request, _("Address saved: %(address)s") % {"address": address.one_line})
        return redirect(BOOK)

    def render(self, request, form, instance, status=200):
        title = _("Edit address") if instance else _("Add an address")
        context = self.account_context(form=form, address=instance, page_title=title)
        return render(request, self.template_name, context, status=status)


class AddressDeleteView(AccountPage, View):
    template_name = "oscar/customer/address/address_delete.html"

    def get(self, request, pk):
        address = own_address(request, pk)
        context = self.account_context(address=address, page_title=_("Delete address?"))
        return render(request, self.template_name, context)

    def post(self, request, pk):
        address = own_address(request, pk)
        address.delete()
        messages.success(request, _("Address deleted: %(address)s") % {"address": address.one_line})
        return redirect(BOOK)


class AddressDefaultView(AccountPage, View):
    """Make an address the default for deliveries; a POST only (Oscar's did it on GET).
    The shop has no billing addresses, so `default_for_billing` is not a page."""

    http_method_names = ["post", "options"]

    def post(self, request, pk, action):
        if action != "default_for_shipping":
            raise Http404
        address = own_address(request, pk)
        address.is_default_for_shipping = True
        address.save()  # Oscar's save() takes the flag off the buyer's other addresses
        message = _("Deliveries now go to %(address)s by default.")
        messages.success(request, message % {"address": address.one_line})
        return redirect(BOOK)
