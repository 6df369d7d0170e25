"""The booth application form of the seller centre and the staff decision form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from catalogue.models import Product
from catalogue.validators import validate_certificate_scan
from storefront.seller.forms import INVISIBLE, clean_text

NOTE_LENGTH = 1000


class BoothApplicationForm(forms.Form):
    zone = forms.ModelChoiceField(
        label=_("Preferred zone"),
        queryset=None,
        empty_label=_("Choose a zone"),
        error_messages={
            "required": _("Choose the zone you would like a booth in."),
            "invalid_choice": _("Choose one of this fair's zones."),
        },
    )
    products = forms.ModelMultipleChoiceField(
        label=_("Products you will bring"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Choose at least one of your products."),
            "invalid_choice": _("Choose only among your own products."),
            "invalid_pk_value": _("Choose only among your own products."),
        },
    )
    note = forms.CharField(
        label=_("Note to the organiser"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("At most 1,000 characters."),
    )
    document = forms.FileField(
        label=_("Document (optional)"),
        required=False,
        help_text=_("Your OCOP certificate or food-safety papers: a PDF or a photo."),
        validators=[validate_certificate_scan],
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,.webp"}),
    )

    def __init__(self, *args, fair, producer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["zone"].queryset = fair.zones.all()
        self.fields["zone"].required = fair.zones.exists()
        self.fields["products"].queryset = Product.objects.filter(
            producer=producer, parent=None
        ).order_by("title")

    def clean_note(self):
        note = clean_text(self.cleaned_data["note"], required=False)
        if not INVISIBLE.sub("", note):  # zero-width characters only: no note
            return ""
        if len(note) > NOTE_LENGTH:
            raise forms.ValidationError(
                _("Keep the note under 1,000 characters (it has %(n)s).") % {"n": len(note)}
            )
        return note


class DecisionForm(forms.Form):
    """Staff: a zone for the booth (approve) or a reason (wait-list, reject)."""

    zone = forms.ModelChoiceField(
        queryset=None,
        required=False,
        error_messages={"invalid_choice": _("Choose one of this fair's zones.")},
    )
    reason = forms.CharField(
        required=False,
        max_length=2000,
        error_messages={"max_length": _("Keep the reason under 2,000 characters.")},
    )

    def __init__(self, *args, fair, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["zone"].queryset = fair.zones.all()

    def clean_reason(self):
        return clean_text(self.cleaned_data["reason"], required=False)
