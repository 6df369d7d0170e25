"""Forms of the seller centre. Every field says what is wrong in the user's language, and
a refused form comes back with everything typed still in it (files must be chosen again:
browsers never refill a file input, so the page says so)."""

import datetime
import re
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from catalogue.models import Category, Certificate, Producer, Product, Standard
from catalogue.producers import ProducerDocument, phone_validator
from catalogue.validators import validate_certificate_scan
from storefront.params import safe_int
from storefront.places.forms import AddressMixin, ProvinceChoiceField, ward_field
from storefront.places.models import Province

# Decision 490/QĐ-TTg of 7 May 2018 started the OCOP programme: no decision is older.
OCOP_STARTED = datetime.date(2018, 5, 7)
INVISIBLE = re.compile(r"[\s\u200b-\u200f\u2060\ufeff]+")


def clean_text(value, *, required=True):
    """Strip, refuse NUL and text made only of invisible characters."""
    value = (value or "").strip()
    if "\x00" in value:
        raise ValidationError(_("This text contains a character that is not allowed."))
    if required and not INVISIBLE.sub("", value):
        raise ValidationError(_("This field is required."))
    return value


def normalise_phone(raw):
    phone = re.sub(r"[\s.\-()]", "", raw or "")
    phone_validator(phone)
    return phone


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleDocumentField(forms.FileField):
    """Several scans at once, each checked like a certificate scan."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else ([data] if data else [])
        if not files:
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return []
        if len(files) > 10:
            raise ValidationError(_("Send at most 10 files at a time."))
        cleaned = []
        for f in files:
            f = super().clean(f, initial)
            validate_certificate_scan(f)
            cleaned.append(f)
        return cleaned


class ContactForm(forms.Form):
    """Who staff and buyers reach: a contact person, a Vietnamese phone, an e-mail."""

    contact_name = forms.CharField(label=_("Contact person"), max_length=120)
    phone = forms.CharField(
        label=_("Phone number"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    email = forms.EmailField(label=_("E-mail"))

    def clean_contact_name(self):
        return clean_text(self.cleaned_data["contact_name"])

    def clean_phone(self):
        return normalise_phone(self.cleaned_data["phone"])


class ApplicationForm(AddressMixin, ContactForm):
    """Bán hàng cùng Chợ OCOP: a producer asks to sell. Staff check the papers."""

    name = forms.CharField(
        label=_("Name of the business"),
        max_length=200,
        help_text=_('As on the registration, e.g. "HTX Nấm rơm Tân Phú".'),
    )
    kind = forms.ChoiceField(label=_("Kind of business"), choices=Producer.Kind.choices)
    registration_number = forms.CharField(label=_("Business registration number"), max_length=32)
    tax_code = forms.CharField(
        label=_("Tax code"),
        max_length=14,
        required=False,
        help_text=_("10 digits, or 10 digits, a dash and 3 digits for a branch."),
    )
    province = ProvinceChoiceField(
        label=_("Province / city"),
        queryset=Province.objects.order_by("name"),
        empty_label=_("Choose a province"),
    )
    ward = ward_field()
    street = forms.CharField(label=_("House number, street, hamlet"), max_length=200)
    registration_scan = MultipleDocumentField(
        label=_("Business registration (PDF, JPEG or PNG)"),
        required=True,
        error_messages={"required": _("Attach a scan or photo of the business registration.")},
    )
    ocop_scans = MultipleDocumentField(
        label=_("OCOP decisions (if you have them)"),
        required=False,
        help_text=_("PDF, JPEG or PNG, at most 10 MB each."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.set_ward_choices()

    def clean_name(self):
        return clean_text(self.cleaned_data["name"])

    def clean_registration_number(self):
        number = re.sub(r"\s", "", clean_text(self.cleaned_data["registration_number"]))
        if Producer.objects.filter(registration_number__iexact=number).exists():
            raise ValidationError(
                _(
                    "A business with this registration number already sells here. If you "
                    "work for it, ask the person who manages it to invite you."
                )
            )
        return number

    def clean_street(self):
        return clean_text(self.cleaned_data["street"])

    def clean_tax_code(self):
        code = re.sub(r"\s", "", self.cleaned_data["tax_code"])
        if code and not re.fullmatch(r"\d{10}(-\d{3})?", code):
            raise ValidationError(_("A tax code is 10 digits, or 10 digits, a dash and 3 digits."))
        return code

    def clean(self):
        return self.clean_ward_in_province(super().clean())

    def documents(self):
        d = self.cleaned_data
        for f in d.get("registration_scan") or []:
            yield ProducerDocument.Kind.REGISTRATION, f
        for f in d.get("ocop_scans") or []:
            yield ProducerDocument.Kind.OCOP_DECISION, f


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail of the person to invite"),
        help_text=_("They get a link, valid for 7 days, to sign in or register and join."),
    )


def category_choices():
    """Leaves of the Decision 148 tree, grouped under their group (optgroups)."""
    nodes = list(Category.objects.order_by("path").only("id", "name", "code", "depth", "numchild"))
    groups, current = [], None
    for node in nodes:
        if node.depth == 1:
            current = (f"{node.code}. {node.name}", [])
            groups.append(current)
        elif node.numchild == 0 and current is not None:
            current[1].append((node.pk, f"{node.code} {node.name}"))
    return [("", _("Choose a category"))] + groups


class CategoryField(forms.TypedChoiceField):
    def __init__(self, **kwargs):
        super().__init__(coerce=int, **kwargs)
        self.choices = category_choices

    def clean(self, value):
        pk = super().clean(safe_int(str(value or "")) if value not in (None, "") else value)
        if pk in (None, ""):
            return None
        category = Category.objects.filter(pk=pk, numchild=0).first()
        if category is None:
            raise ValidationError(_("Choose a category from the list."))
        return category


def vnd_field(label, **kwargs):
    return forms.CharField(
        label=label,
        max_length=16,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        **kwargs,
    )


def parse_vnd(raw):
    """ "150.000", "150,000", "150000 đ" → 150000. Whole đồng only: VND has no decimals."""
    text = re.sub(r"\s|₫|đ|Đ|vnd|VND", "", raw or "")
    # Thousands grouped by "." (Vietnamese) or "," (English); anything after a decimal
    # mark ("150.000,5") is refused, not read as 1.500.005.
    if not re.fullmatch(r"\d{1,3}(?:\.\d{3})+|\d{1,3}(?:,\d{3})+|\d{1,10}", text):
        raise ValidationError(_("Enter the price in whole đồng, e.g. 150000 or 150.000."))
    value = Decimal(text.replace(".", "").replace(",", ""))
    if value < 1000:
        raise ValidationError(_("A price is at least 1.000 ₫."))
    if value > 1_000_000_000:
        raise ValidationError(_("A price is at most 1.000.000.000 ₫."))
    return value


class CountField(forms.CharField):
    """A whole number of units, written as people write it: "1000", "1.000" or "1,000".

    Django's IntegerField reads "1.000" as 1 (it drops a decimal part of zeros): a
    producer who typed a thousand would be selling one."""

    def __init__(self, *, min_value=0, max_value=1_000_000, **kwargs):
        self.min_value, self.max_value = min_value, max_value
        kwargs.setdefault("max_length", 12)
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})
        )
        super().__init__(**kwargs)

    def clean(self, value):
        text = super().clean(value)
        if text in self.empty_values:
            return None
        text = re.sub(r"\s", "", text)
        if text.startswith("-"):
            raise ValidationError(_("Stock cannot be negative."))
        if not re.fullmatch(r"\d{1,3}(?:\.\d{3})+|\d{1,3}(?:,\d{3})+|\d{1,9}", text):
            raise ValidationError(_("Enter a whole number."))
        number = int(text.replace(".", "").replace(",", ""))
        if number > self.max_value:
            raise ValidationError(
                _("At most %(max)s.") % {"max": f"{self.max_value:,}".replace(",", ".")}
            )
        return number


def stock_field(**kwargs):
    return CountField(label=_("Stock"), **kwargs)


class ListingForm(forms.Form):
    title = forms.CharField(
        label=_("Product name"),
        max_length=200,
        help_text=_('What is on the package, e.g. "Mật ong rừng U Minh".'),
    )
    category = CategoryField(label=_("Category (Decision 148)"))
    description = forms.CharField(
        label=_("Description"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Ingredients, how it is made, how to use and keep it."),
    )
    standards = forms.ModelMultipleChoiceField(
        label=_("Quality standards"),
        queryset=Standard.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    weight_grams = forms.IntegerField(
        label=_("Shipping weight (g)"),
        min_value=1,
        max_value=100_000,
        required=False,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={"invalid": _("Enter a whole number of grams.")},
    )

    def clean_title(self):
        return clean_text(self.cleaned_data["title"])

    def clean_description(self):
        return clean_text(self.cleaned_data["description"])


class NewListingForm(ListingForm):
    """A new listing: the text, and a price and stock unless it will have options."""

    has_options = forms.BooleanField(
        label=_("This product comes in several options (sizes, packs)"), required=False
    )
    price = vnd_field(_("Price (₫, VAT included)"), required=False)
    num_in_stock = stock_field(required=False)

    def clean(self):
        data = super().clean()
        if not data.get("has_options"):
            if not self.data.get("price"):
                self.add_error("price", _("Enter a price, or tick the options box."))
            elif "price" in data:
                try:
                    data["price"] = parse_vnd(data["price"])
                except ValidationError as e:
                    self.add_error("price", e)
            if data.get("num_in_stock") is None and "num_in_stock" not in self.errors:
                self.add_error("num_in_stock", _("How many can you sell now?"))
        return data


class PriceStockForm(forms.Form):
    price = vnd_field(_("Price (₫, VAT included)"))
    num_in_stock = stock_field()

    def clean_price(self):
        return parse_vnd(self.cleaned_data["price"])


class OptionForm(PriceStockForm):
    label = forms.CharField(
        label=_("Option"), max_length=100, help_text=_('e.g. "Hộp 250 g" or "Chai 1 lít".')
    )

    field_order = ["label", "price", "num_in_stock"]

    def clean_label(self):
        return clean_text(self.cleaned_data["label"])


class PhotoUploadForm(forms.Form):
    # A plain Field: Django's FileField takes one file; clean_photos checks each of them.
    photos = forms.Field(
        label=_("Add photos (JPEG, PNG or WebP)"),
        required=False,
        widget=MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )

    def __init__(self, *args, room=12, **kwargs):
        self.room = room
        super().__init__(*args, **kwargs)

    def clean_photos(self):
        from storefront.seller.photos import clean_photo

        files = self.files.getlist("photos")
        if not files:
            raise ValidationError(_("Choose at least one photo."))
        if len(files) > self.room:
            raise ValidationError(
                _("A listing has at most 12 photos: you can add %(n)s more.") % {"n": self.room}
            )
        cleaned, errors = [], []
        for f in files:
            try:
                cleaned.append(clean_photo(f))
            except ValidationError as e:
                errors.extend(e.messages)
        if errors:
            raise ValidationError(errors)
        return cleaned


class CertificateForm(forms.ModelForm):
    """A producer's OCOP decision; its badge waits for staff to verify it."""

    class Meta:
        model = Certificate
        fields = [
            "product",
            "decision_number",
            "decision_date",
            "issuer",
            "issuer_level",
            "stars",
            "score",
            "scan",
        ]
        widgets = {"decision_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, producer, **kwargs):
        self.producer = producer
        super().__init__(*args, **kwargs)
        self.instance.producer = producer
        self.fields["product"].queryset = Product.objects.filter(
            producer=producer, parent=None
        ).order_by("title")
        self.fields["product"].empty_label = _("Choose the product")
        self.fields["scan"].required = True
        self.fields["scan"].error_messages["required"] = _(
            "Attach the scan or a clear photo of the decision."
        )
        self.fields["decision_date"].input_formats = ["%Y-%m-%d", "%d/%m/%Y"]
        self.fields["stars"] = forms.TypedChoiceField(
            label=_("Stars"),
            coerce=int,
            choices=[("", _("Choose the stars on the decision"))]
            + [(n, "★" * n) for n in range(1, 6)],
        )
        self.fields["decision_date"].error_messages["invalid"] = _(
            "Enter the date as on the decision, e.g. 12/11/2024."
        )

    def clean_decision_number(self):
        return clean_text(self.cleaned_data["decision_number"])

    def clean_issuer(self):
        return clean_text(self.cleaned_data["issuer"])

    def clean_decision_date(self):
        date = self.cleaned_data["decision_date"]
        if date and date < OCOP_STARTED:
            raise ValidationError(
                _("The OCOP programme began in 2018: check the date on the decision.")
            )
        return date


class ProfileForm(ContactForm):
    story = forms.CharField(
        label=_("Your story"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Shown on your public page after staff review."),
    )
    logo = forms.FileField(
        label=_("Logo (JPEG, PNG or WebP)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )

    def clean_story(self):
        return clean_text(self.cleaned_data["story"], required=False)

    def clean_logo(self):
        from storefront.seller.photos import clean_photo

        logo = self.cleaned_data.get("logo")
        return clean_photo(logo) if logo else None
