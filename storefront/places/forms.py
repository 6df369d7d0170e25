"""Province, then a commune of that province: the address fields of the checkout and of
a producer's application, with the commune list following the province."""

from django import forms
from django.forms.models import ModelChoiceIterator
from django.utils.translation import gettext_lazy as _

from storefront.params import safe_int
from storefront.places.models import Ward
from storefront.text import vietnamese_key


class VietnameseOrder(ModelChoiceIterator):
    """Provinces in the order a reader looks for them (`Province.sort_key`)."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in sorted(self.queryset, key=lambda province: province.sort_key):
            yield self.choice(obj)


class ProvinceChoiceField(forms.ModelChoiceField):
    iterator = VietnameseOrder

    def label_from_instance(self, obj):
        return obj.display_name


class AddressMixin:
    """Province, then a commune of that province (the list follows the province)."""

    def set_ward_choices(self):
        choices = [("", _("Choose a commune or ward"))]
        code = self.data.get("province") or self.initial.get("province")
        if hasattr(code, "pk"):
            code = code.pk
        code = safe_int(str(code or ""))
        if code is not None:
            wards = Ward.objects.filter(province_id=code).values_list("code", "name")
            choices += sorted(wards, key=lambda row: vietnamese_key(row[1]))
        self.fields["ward"].widget.choices = choices

    def clean_ward_in_province(self, data):
        province, code = data.get("province"), data.get("ward")
        if code is None:
            return data
        ward = Ward.objects.filter(pk=code).first()
        if ward is None:
            self.add_error("ward", _("Choose a commune or ward."))
        elif province and ward.province_id != province.pk:
            self.add_error(
                "ward",
                _("%(ward)s is not in %(province)s: choose a commune of that province.")
                % {"ward": ward.name, "province": province.display_name},
            )
        else:
            data["ward"] = ward
        return data


def ward_field():
    return forms.IntegerField(
        label=_("Commune / ward"),
        widget=forms.Select,
        error_messages={
            "required": _("Choose a commune or ward."),
            "invalid": _("Choose a commune or ward."),
        },
    )
