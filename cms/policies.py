"""Programme pages (about OCOP, how stars are awarded) and the policies the law asks a
selling site to publish, each with the date it takes effect.

A policy can carry an upcoming version. The marketplace rules may only change with at
least five days' notice (Decree 52/2013, art. 38; Decree 85/2021): the upcoming version is
shown from the day it is published, and takes effect on the later of the chosen date and
the publication date plus five days. Nothing has to run at midnight: which version is in
force is decided on each request.
"""

import datetime
import hashlib
import json

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.blocks import ArticleBlocks
from cms.seo import SeoMixin
from cms.slugs import AsciiSlugMixin

NOTICE_DAYS = 5


class ProgrammePage(AsciiSlugMixin, SeoMixin, Page):
    lead = models.TextField(_("lead"), max_length=400, blank=True)
    effective_from = models.DateField(_("effective from"), null=True, blank=True)
    body = StreamField(ArticleBlocks(), verbose_name=_("body"))

    content_panels = Page.content_panels + [
        FieldPanel("lead"),
        FieldPanel("effective_from"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("lead"), index.SearchField("body")]
    subpage_types = ["cms.ProgrammePage", "cms.PolicyPage"]

    class Meta:
        verbose_name = _("programme page")

    def seo_description(self):
        return self.search_description or self.lead


class PolicyPage(AsciiSlugMixin, SeoMixin, Page):
    class Kind(models.TextChoices):
        MARKETPLACE_RULES = "rules", _("Marketplace rules")
        GOODS_INSPECTION = "inspection", _("Goods inspection")
        RETURNS = "returns", _("Returns and refunds")
        DELIVERY = "delivery", _("Delivery")
        PAYMENT = "payment", _("Payment")
        PRIVACY = "privacy", _("Personal data protection")
        OTHER = "other", _("Other policy")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    effective_from = models.DateField(_("effective from"))
    body = StreamField(ArticleBlocks(), verbose_name=_("text in force"))
    upcoming_effective_from = models.DateField(
        _("upcoming version takes effect on"), null=True, blank=True
    )
    upcoming_body = StreamField(ArticleBlocks(), verbose_name=_("upcoming version"), blank=True)

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("effective_from")]),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("upcoming_effective_from"), FieldPanel("upcoming_body")],
            heading=_("Announce a change"),
            help_text=_(
                "The new text is shown from publication and takes effect on the date "
                "chosen, at least 5 days after it is published."
            ),
        ),
    ]
    search_fields = Page.search_fields + [index.SearchField("body")]
    parent_page_types = ["cms.ProgrammePage", "cms.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("policy page")

    def clean(self):
        super().clean()
        if bool(self.upcoming_effective_from) != bool(self.upcoming_body):
            raise ValidationError(
                {"upcoming_effective_from": _("Give both the upcoming text and its date.")}
            )
        if self.upcoming_effective_from and self.announcement() is None:
            earliest = timezone.localdate() + datetime.timedelta(days=NOTICE_DAYS)
            if self.upcoming_effective_from < earliest:
                raise ValidationError(
                    {
                        "upcoming_effective_from": _(
                            "A change must be announced at least %(days)s days ahead: "
                            "choose %(date)s or later."
                        )
                        % {"days": NOTICE_DAYS, "date": earliest.strftime("%d/%m/%Y")}
                    }
                )

    def fingerprint(self) -> str:
        if not self.upcoming_effective_from:
            return ""
        raw = json.dumps(
            [self.upcoming_effective_from.isoformat(), self.upcoming_body.get_prep_value()],
            sort_keys=True,
            default=str,
        )
        return hashlib.sha256(raw.encode()).hexdigest()

    def announcement(self):
        fingerprint = self.fingerprint()
        if not fingerprint or not self.pk:
            return None
        return PolicyAnnouncement.objects.filter(page=self, fingerprint=fingerprint).first()

    def mark_announced(self, today=None):
        """Called when the page is published: a new upcoming version starts its notice.
        Kept outside the page (and its revisions) so a later edit cannot reset it."""
        fingerprint = self.fingerprint()
        if fingerprint:
            PolicyAnnouncement.objects.get_or_create(
                page=self,
                fingerprint=fingerprint,
                defaults={"announced_on": today or timezone.localdate()},
            )

    @property
    def upcoming_starts(self):
        announcement = self.announcement() if self.upcoming_effective_from else None
        if announcement is None:
            return None
        earliest = announcement.announced_on + datetime.timedelta(days=NOTICE_DAYS)
        return max(self.upcoming_effective_from, earliest)

    def versions(self, today=None):
        """(text in force, its start date, upcoming text or None, its start date)."""
        today = today or timezone.localdate()
        starts = self.upcoming_starts
        if starts is None:
            return self.body, self.effective_from, None, None
        if today >= starts:
            return self.upcoming_body, starts, None, None
        return self.body, self.effective_from, self.upcoming_body, starts

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        current, since, upcoming, upcoming_since = self.versions()
        context.update(
            current=current, since=since, upcoming=upcoming, upcoming_since=upcoming_since
        )
        return context


class PolicyAnnouncement(models.Model):
    """The day an upcoming policy version (identified by its content) was first published."""

    page = models.ForeignKey(PolicyPage, on_delete=models.CASCADE, related_name="announcements")
    fingerprint = models.CharField(max_length=64)
    announced_on = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["page", "fingerprint"], name="one_announcement")
        ]

    def __str__(self):
        return f"{self.page} ({self.announced_on:%d/%m/%Y})"
