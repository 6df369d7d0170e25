from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from storefront.address.forms import (
    RecipientMixin,
    name_field,
    phone_field,
    province_field,
    street_field,
)
from storefront.order.models import PaymentMethod
from storefront.places.forms import AddressMixin, ward_field
from storefront.privacy.forms import consent_label


def available_payment_methods():
    methods = [PaymentMethod.COD, PaymentMethod.VIETQR]
    if settings.STRIPE_ENABLED:
        methods.append(PaymentMethod.STRIPE)
    return methods


# What the buyer agrees to; stored word for word with the order (storefront/privacy).
DELIVERY_STATEMENT = _(
    "I agree that the shop and the producers of my order use my name, phone and "
    "address to deliver it."
)


class CheckoutForm(RecipientMixin, AddressMixin, forms.Form):
    """Who receives the parcels, where, and how they pay.

    The commune list follows the chosen province. Without JavaScript the buyer presses
    "Show communes" (the `choose_province` button) and the page comes back narrowed.
    """

    name = name_field()
    phone = phone_field()
    email = forms.EmailField(
        label=_("E-mail"),
        help_text=_("We send the order confirmation and the link to follow it here."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    province = province_field()
    # A plain number checked in clean(): a commune from another province gets a message
    # that says so, not Django's generic "not one of the available choices".
    ward = ward_field()
    street = street_field()
    notes = forms.CharField(
        label=_("Delivery notes"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    # Shown to signed-in buyers only; not ticked for them (what goes in their book is theirs
    # to choose).
    save_address = forms.BooleanField(
        label=_("Save this address to my address book"), required=False
    )
    payment_method = forms.ChoiceField(label=_("Payment method"), widget=forms.RadioSelect)
    consent = forms.BooleanField(
        label=DELIVERY_STATEMENT,
        error_messages={"required": _("We cannot deliver without your agreement.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent"].label = consent_label(DELIVERY_STATEMENT)
        self.fields["payment_method"].choices = [
            (m.value, m.label) for m in available_payment_methods()
        ]
        self.set_ward_choices()  # safe_int: not "²" (issue 9, item 20)

    def clean(self):
        return self.clean_ward_in_province(super().clean())

    def session_data(self):
        d = self.cleaned_data
        return {
            "name": d["name"],
            "phone": d["phone"],
            "email": d["email"],
            "province": d["province"].pk,
            "ward": d["ward"].pk,
            "street": d["street"],
            "notes": d["notes"],
            "payment_method": d["payment_method"],
            "save_address": d["save_address"],
        }
