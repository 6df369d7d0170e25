"""Trade fairs (hội chợ, triển lãm) as Wagtail pages: the calendar and the fair page with
its zones, side events, gallery and province quotas (inline rows edited with the page).

A fair's state (upcoming, ongoing, past) is decided from its dates against today's date in
Vietnam, on every request: nothing runs at midnight, and a fair ending today is ongoing
until midnight in Asia/Ho_Chi_Minh whatever the server's clock says.
"""

import datetime
from urllib.parse import quote
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.seo import SeoMixin
from cms.slugs import AsciiSlugMixin

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


def today_in_vietnam():
    return timezone.localdate(timezone=VIETNAM)


class FairState(models.TextChoices):
    UPCOMING = "upcoming", _("Upcoming")
    ONGOING = "ongoing", _("On now")
    PAST = "past", _("Past")


class FairIndexPage(RoutablePageMixin, AsciiSlugMixin, Page):
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["fairs.FairPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("fair calendar")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        fairs = FairPage.objects.live().public().child_of(self).select_related("province")
        today = today_in_vietnam()
        current = list(fairs.filter(end_date__gte=today).order_by("start_date", "pk"))
        context["ongoing"] = [f for f in current if f.start_date <= today]
        context["upcoming"] = [f for f in current if f.start_date > today]
        context["past"] = fairs.filter(end_date__lt=today).order_by("-start_date")[:12]
        return context

    @path("lich/", name="calendar")
    def calendar(self, request):
        from fairs.ical import calendar_response

        fairs = (
            FairPage.objects.live()
            .public()
            .child_of(self)
            .prefetch_related("side_events")
            .order_by("start_date", "pk")
        )
        return calendar_response(request, list(fairs), "hoi-cho.ics")


class FairPage(RoutablePageMixin, AsciiSlugMixin, SeoMixin, Page):
    og_type = "website"

    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    opens_at = models.TimeField(_("opens daily at"), null=True, blank=True)
    closes_at = models.TimeField(_("closes daily at"), null=True, blank=True)
    venue = models.CharField(_("venue"), max_length=255)
    street_address = models.CharField(_("street address"), max_length=255, blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    province = models.ForeignKey(
        "places.Province", verbose_name=_("province"), on_delete=models.PROTECT, related_name="+"
    )
    organiser = models.CharField(_("organiser"), max_length=255)
    co_organisers = models.TextField(_("co-organisers"), blank=True, help_text=_("One per line."))
    booths = models.PositiveIntegerField(_("number of booths"), null=True, blank=True)
    application_deadline = models.DateTimeField(
        _("booth applications close"),
        null=True,
        blank=True,
        help_text=_("Empty: producers cannot apply from the seller centre."),
    )
    lead_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("lead image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    intro = RichTextField(_("about the fair"), blank=True)
    discount_percent = models.PositiveSmallIntegerField(
        _("fair discount (%)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
        help_text=_(
            "Applied in the basket to the exhibitors' products during the fair's dates. "
            "Empty: no discount."
        ),
    )
    # The Oscar offer that carries the discount, kept in step by `fairs.offers.sync_offer`.
    offer = models.ForeignKey(
        "offer.ConditionalOffer",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
        FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
        FieldPanel("lead_image"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("venue"), FieldPanel("province")]),
                FieldPanel("street_address"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            _("Where"),
        ),
        FieldRowPanel([FieldPanel("organiser"), FieldPanel("co_organisers")]),
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("booths"), FieldPanel("application_deadline")]),
                InlinePanel("zones", label=_("Zones")),
                InlinePanel("province_quotas", label=_("Booths kept for a province")),
            ],
            _("Booths"),
        ),
        FieldPanel("discount_percent", heading=_("Online edition")),
        InlinePanel("side_events", label=_("Side events")),
        InlinePanel("gallery", label=_("Gallery")),
    ]
    search_fields = Page.search_fields + [index.SearchField("venue"), index.SearchField("intro")]
    parent_page_types = ["fairs.FairIndexPage"]
    subpage_types = []
    # A translation is the same fair: one offer, kept on the default-language page.
    exclude_fields_in_copy = ["offer"]

    class Meta:
        verbose_name = _("trade fair")
        verbose_name_plural = _("trade fairs")

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The last day cannot be before the first.")})
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("Closing time must be after opening time.")})

    # What the page says -----------------------------------------------------------------

    def state(self, today=None):
        today = today or today_in_vietnam()
        if today < self.start_date:
            return FairState.UPCOMING
        if today <= self.end_date:
            return FairState.ONGOING
        return FairState.PAST

    def state_label(self):
        return FairState(self.state()).label

    def is_current(self):
        return self.state() != FairState.PAST

    def accepts_applications(self, now=None):
        now = now or timezone.now()
        return bool(self.application_deadline) and now < self.application_deadline

    def co_organiser_list(self):
        return [line.strip() for line in self.co_organisers.splitlines() if line.strip()]

    def map_url(self):
        """OpenStreetMap: a marker when staff gave coordinates, else a search of the address."""
        if self.latitude is not None and self.longitude is not None:
            lat, lon = self.latitude, self.longitude
            return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}"
        where = ", ".join(
            part for part in (self.street_address, self.venue, self.province.name) if part
        )
        return "https://www.openstreetmap.org/search?query=" + quote(where)

    def starts_at(self):
        return datetime.datetime.combine(
            self.start_date, self.opens_at or datetime.time(0), tzinfo=VIETNAM
        )

    def ends_at(self):
        if self.closes_at:
            return datetime.datetime.combine(self.end_date, self.closes_at, tzinfo=VIETNAM)
        return datetime.datetime.combine(
            self.end_date + datetime.timedelta(days=1), datetime.time(0), tzinfo=VIETNAM
        )

    def get_context(self, request, *args, **kwargs):
        from fairs.booths import exhibitors_of

        context = super().get_context(request, *args, **kwargs)
        context["zones"] = list(self.zones.all())
        context["side_events"] = list(self.side_events.all())
        context["gallery"] = list(self.gallery.select_related("image"))
        context["exhibitors"] = exhibitors_of(self)
        state = self.state()
        if state != FairState.UPCOMING:
            # The online edition: during the fair a shop of what the exhibitors brought,
            # afterwards "buy online what you saw".
            from catalogue.listing import product_cards
            from catalogue.models import Product

            ids = {p.pk for e in context["exhibitors"] for p in e.products.all()}
            context["fair_products"] = list(
                product_cards(Product.objects.browsable().filter(pk__in=ids))[:48]
            )
            context["fair_shop_open"] = state == FairState.ONGOING
        return context

    # SEO ----------------------------------------------------------------------------------

    def seo_image(self):
        return self.lead_image

    def json_ld(self, request):
        data = {
            "@context": "https://schema.org",
            "@type": "Event",
            "name": self.title,
            "startDate": self.starts_at().isoformat(),
            "endDate": self.ends_at().isoformat(),
            "eventStatus": "https://schema.org/EventScheduled",
            "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
            "inLanguage": self.locale.language_code,
            "url": self.get_full_url(request),
            "location": {
                "@type": "Place",
                "name": self.venue,
                "address": {
                    "@type": "PostalAddress",
                    "streetAddress": self.street_address or self.venue,
                    "addressRegion": self.province.name,
                    "addressCountry": "VN",
                },
            },
            "organizer": [{"@type": "Organization", "name": self.organiser}]
            + [{"@type": "Organization", "name": name} for name in self.co_organiser_list()],
        }
        if self.seo_description():
            data["description"] = self.seo_description()
        image = self.seo_image_url(request)
        if image:
            data["image"] = [image]
        return data

    # iCalendar ----------------------------------------------------------------------------

    @path("lich/", name="ics")
    def ics(self, request):
        from fairs.ical import calendar_response

        return calendar_response(request, [self], f"{self.slug}.ics", name=self.title)

    @path("su-kien/<int:event_id>/lich/", name="event-ics")
    def event_ics(self, request, event_id):
        from django.http import Http404

        from fairs.ical import side_event_response

        event = self.side_events.filter(pk=event_id).first()
        if event is None:
            raise Http404
        return side_event_response(request, self, event)


class FairZone(Orderable):
    """A zone of the fair ("Khu OCOP 5 sao") and its booths, numbered code + 01..capacity."""

    page = ParentalKey(FairPage, on_delete=models.CASCADE, related_name="zones")
    name = models.CharField(_("name"), max_length=120)
    code = models.CharField(
        _("booth prefix"), max_length=4, help_text=_("Booths are numbered A01, A02…")
    )
    capacity = models.PositiveSmallIntegerField(_("booths"))

    panels = [FieldRowPanel([FieldPanel("name"), FieldPanel("code"), FieldPanel("capacity")])]

    class Meta(Orderable.Meta):
        verbose_name = _("zone")
        verbose_name_plural = _("zones")

    def __str__(self):
        return self.name

    def booth_numbers(self):
        return [f"{self.code}{n:02d}" for n in range(1, self.capacity + 1)]


class FairProvinceQuota(Orderable):
    """Booths the organiser keeps for producers of one province (often its own)."""

    page = ParentalKey(FairPage, on_delete=models.CASCADE, related_name="province_quotas")
    province = models.ForeignKey(
        "places.Province", verbose_name=_("province"), on_delete=models.PROTECT, related_name="+"
    )
    booths = models.PositiveSmallIntegerField(_("booths kept"))

    panels = [FieldRowPanel([FieldPanel("province"), FieldPanel("booths")])]

    class Meta(Orderable.Meta):
        verbose_name = _("province quota")


class SideEventKind(models.TextChoices):
    SEMINAR = "seminar", _("Seminar")
    MATCHING = "matching", _("Business matching")
    LIVESTREAM = "livestream", _("Livestream sales")
    AWARDS = "awards", _("Award ceremony")


class FairSideEvent(Orderable):
    page = ParentalKey(FairPage, on_delete=models.CASCADE, related_name="side_events")
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=SideEventKind.choices)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=200, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("title"), FieldPanel("kind")]),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at"), FieldPanel("place")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("side event")
        verbose_name_plural = _("side events")

    def __str__(self):
        return self.title

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The end must be after the start.")})


class FairGalleryImage(Orderable):
    page = ParentalKey(FairPage, on_delete=models.CASCADE, related_name="gallery")
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("image"), on_delete=models.CASCADE, related_name="+"
    )
    caption = models.CharField(_("caption"), max_length=200, blank=True)

    panels = [FieldRowPanel([FieldPanel("image"), FieldPanel("caption")])]

    class Meta(Orderable.Meta):
        verbose_name = _("gallery picture")
