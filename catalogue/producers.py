"""Producers: the legal owners of OCOP products (chủ thể OCOP)."""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models, transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from catalogue.validators import validate_certificate_scan, validate_image_upload
from storefront.text import slugify

phone_validator = RegexValidator(
    r"^(\+84|0)(2\d{9}|[35789]\d{8})$",
    _("Enter a Vietnamese phone number, e.g. 0912 345 678 or 0251 3822 123."),
)


class Producer(models.Model):
    class Kind(models.TextChoices):
        ENTERPRISE = "enterprise", _("Enterprise")
        COOPERATIVE = "cooperative", _("Cooperative")
        COOPERATIVE_GROUP = "cooperative_group", _("Cooperative group")
        HOUSEHOLD = "household", _("Household business")

    # Oscar's partner owns stock records; each producer has exactly one.
    partner = models.OneToOneField(
        "partner.Partner", on_delete=models.PROTECT, related_name="producer", editable=False
    )
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    registration_number = models.CharField(
        _("business registration number"), max_length=32, blank=True
    )
    tax_code = models.CharField(_("tax code"), max_length=14, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=120, blank=True)
    street = models.CharField(_("street address"), max_length=200, blank=True)
    ward = models.ForeignKey(
        "places.Ward", on_delete=models.PROTECT, verbose_name=_("commune / ward")
    )
    province = models.ForeignKey(
        "places.Province",
        on_delete=models.PROTECT,
        related_name="producers",
        verbose_name=_("province"),
    )
    phone = models.CharField(_("phone"), max_length=16, blank=True, validators=[phone_validator])
    email = models.EmailField(_("e-mail"), blank=True)
    story = models.TextField(_("story"), blank=True)
    logo = models.ImageField(
        _("logo"), upload_to="producers/logos/", blank=True, validators=[validate_image_upload]
    )
    verified = models.BooleanField(
        _("verified"), default=False, help_text=_("Checked by promotion staff.")
    )
    # Set when staff turn an application down; the applicant sees it in the seller centre.
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    date_created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("producer")
        verbose_name_plural = _("producers")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("catalogue:producer", kwargs={"slug": self.slug})

    @property
    def address(self):
        parts = [self.street, self.ward.name, self.province.name]
        return ", ".join(p for p in parts if p)

    def clean(self):
        if self.ward_id and self.province_id and self.ward.province_id != self.province_id:
            raise ValidationError(
                {"ward": _("This commune is not in the chosen province.")}, code="ward_province"
            )

    def save(self, *args, **kwargs):
        from oscar.apps.partner.models import Partner

        if not self.slug:
            self.slug = unique_slug(Producer, self.name)
        with transaction.atomic():
            if self.partner_id is None:
                self.partner = Partner.objects.create(name=self.name)
            elif self.partner.name != self.name:
                Partner.objects.filter(pk=self.partner_id).update(name=self.name)
            super().save(*args, **kwargs)


class ProducerDocument(models.Model):
    """Papers a producer sends with its application: registration, OCOP decisions."""

    class Kind(models.TextChoices):
        REGISTRATION = "registration", _("Business registration")
        OCOP_DECISION = "ocop_decision", _("OCOP decision")
        OTHER = "other", _("Other")

    producer = models.ForeignKey(Producer, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    file = models.FileField(
        _("file (PDF, JPEG or PNG)"),
        upload_to="producers/documents/",
        validators=[validate_certificate_scan],
    )
    date_created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date_created", "id"]
        verbose_name = _("producer document")
        verbose_name_plural = _("producer documents")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.file.name}"


class ProducerPhoto(models.Model):
    producer = models.ForeignKey(Producer, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(
        _("photo"), upload_to="producers/photos/", validators=[validate_image_upload]
    )
    caption = models.CharField(_("caption"), max_length=200, blank=True)
    display_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["display_order", "id"]
        verbose_name = _("producer photo")
        verbose_name_plural = _("producer photos")

    def __str__(self):
        return self.caption or self.image.name


def unique_slug(model, text, field="slug"):
    base = slugify(text)[:180] or "x"
    slug, n = base, 1
    while model.objects.filter(**{field: slug}).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug
