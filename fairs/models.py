"""Trade fairs (hội chợ, triển lãm) as Wagtail pages: the public fair page and a calendar.

This is the part the home page needs (what is on, when, where). Exhibitors, zones and
booth applications come with the fairs module's own issue.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from cms.slugs import AsciiSlugMixin


class FairIndexPage(AsciiSlugMixin, Page):
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["fairs.FairPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("fair calendar")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        fairs = FairPage.objects.live().public().child_of(self).select_related("province")
        today = timezone.localdate()
        context["upcoming"] = fairs.filter(end_date__gte=today).order_by("start_date")
        context["past"] = fairs.filter(end_date__lt=today).order_by("-start_date")[:12]
        return context


class FairPage(AsciiSlugMixin, Page):
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    venue = models.CharField(_("venue"), max_length=255)
    province = models.ForeignKey(
        "places.Province", verbose_name=_("province"), on_delete=models.PROTECT, related_name="+"
    )
    organiser = models.CharField(_("organiser"), max_length=255)
    booths = models.PositiveIntegerField(_("number of booths"), null=True, blank=True)
    intro = RichTextField(_("about the fair"), blank=True)

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
        FieldRowPanel([FieldPanel("venue"), FieldPanel("province")]),
        FieldRowPanel([FieldPanel("organiser"), FieldPanel("booths")]),
        FieldPanel("intro"),
    ]
    search_fields = Page.search_fields + [index.SearchField("venue"), index.SearchField("intro")]
    parent_page_types = ["fairs.FairIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("trade fair")
        verbose_name_plural = _("trade fairs")

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The last day cannot be before the first.")})


def upcoming_fairs(limit, language=None, province=None):
    """The next fairs, each in the visitor's language where staff translated it and in
    Vietnamese where not (one query): the English home linked every fair in Vietnamese."""
    from django.conf import settings
    from django.utils.translation import get_language

    language = (language or get_language() or settings.LANGUAGE_CODE)[:2]
    today = timezone.localdate()
    fairs = (
        FairPage.objects.live()
        .public()
        .filter(end_date__gte=today, **({"province_id": province} if province else {}))
        .select_related("province", "locale")
        .order_by("start_date", "pk")[: limit * len(settings.LANGUAGES)]
    )
    chosen = {}
    for fair in fairs:
        mine = fair.locale.language_code == language
        if fair.translation_key not in chosen or mine:
            chosen[fair.translation_key] = fair
    return sorted(chosen.values(), key=lambda f: (f.start_date, f.pk))[:limit]
