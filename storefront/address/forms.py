"""Who receives a parcel and where: the fields the checkout and the address book share.

`RecipientMixin` cleans the name and phone the way orders store them (+84…); the address
book's form adds the province → commune fields of `places.forms.AddressMixin`, so both
pages narrow the commune list alike, with or without JavaScript.
"""

import re

import phonenumbers
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from catalogue.producers import phone_validator
from storefront.address.models import UserAddress
from storefront.places.forms import AddressMixin, ProvinceChoiceField, ward_field
from storefront.places.models import Province


def national_phone(number) -> str:
    """0912 345 678, as Vietnamese write it (stored as +84912345678)."""
    if not number:
        return ""
    try:
        parsed = phonenumbers.parse(str(number), "VN")
    except phonenumbers.NumberParseException:
        return str(number)
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)


def name_field():
    return forms.CharField(label=_("Full name"), max_length=128)


def phone_field():
    return forms.CharField(
        label=_("Phone number"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )


def province_field():
    return ProvinceChoiceField(
        label=_("Province / city"),
        queryset=Province.objects.order_by("name"),
        empty_label=_("Choose a province"),
        error_messages={
            "required": _("Choose a province."),
            "invalid_choice": _("Choose a province."),
        },
    )


def street_field():
    return forms.CharField(
        label=_("House number, street, hamlet"),
        max_length=255,
        widget=forms.TextInput(attrs={"autocomplete": "address-line1"}),
    )


class RecipientMixin:
    def clean_phone(self):
        raw = self.cleaned_data["phone"]
        phone = re.sub(r"[\s.\-()]", "", raw)
        phone_validator(phone)
        return "+84" + phone[1:] if phone.startswith("0") else phone

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if "\x00" in name:
            raise ValidationError(_("Enter a valid name."))
        return name


def initial_from(address) -> dict:
    """The checkout's and the address form's fields, from a saved or an order's address."""
    return {
        "name": address.last_name,
        "phone": national_phone(address.phone_number),
        "province": address.province_id,
        "ward": address.ward_id,
        "street": address.line1,
    }


class AddressForm(RecipientMixin, AddressMixin, forms.Form):
    """One entry of the address book. Without JavaScript the buyer presses "Show communes"
    (`choose_province`) and the page comes back with the province's communes."""

    name = name_field()
    phone = phone_field()
    province = province_field()
    ward = ward_field()
    street = street_field()
    is_default_for_shipping = forms.BooleanField(
        label=_("Use as my default delivery address"), required=False
    )

    def __init__(self, *args, user, instance=None, **kwargs):
        self.user, self.instance = user, instance or UserAddress(user=user, country_id="VN")
        if instance is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                **initial_from(instance),
                "is_default_for_shipping": instance.is_default_for_shipping,
            }
        super().__init__(*args, **kwargs)
        if instance is None and not UserAddress.objects.filter(user=user).exists():
            # Shown as it will be saved: a buyer's first address is their default.
            self.fields["is_default_for_shipping"].initial = True
        self.set_ward_choices()

    def clean(self):
        data = self.clean_ward_in_province(super().clean())
        if not self.errors:
            fill(self.instance, data)
            same = UserAddress.objects.filter(user=self.user, hash=self.instance.generate_hash())
            if same.exclude(pk=self.instance.pk).exists():
                raise ValidationError(_("This address is already in your address book."))
        return data

    def save(self) -> UserAddress:
        # A buyer's first address is where they want things delivered.
        first = not UserAddress.objects.filter(user=self.user).exclude(pk=self.instance.pk).exists()
        self.instance.is_default_for_shipping = (
            first or self.cleaned_data["is_default_for_shipping"]
        )
        self.instance.save()
        return self.instance


def fill(address, data):
    """Write the cleaned fields into a UserAddress the way order addresses are written."""
    address.first_name = ""
    address.last_name = data["name"]
    address.phone_number = data["phone"]
    address.line1 = data["street"]
    address.line4 = data["ward"].name
    address.state = data["province"].name
    address.province = data["province"]
    address.ward = data["ward"]
    address.country_id = "VN"
