"""What promotion staff decide about producers, listings, listing and profile changes,
photos and certificates (issue 10). The review queue's views call these; so can a shell.

Each decision is one transaction: the row is locked and checked to be still waiting
(two reviewers on the same item: the second is told `AlreadyDecided` and nothing
changes), the change is applied and audited, and the producer gets a notice in the seller
centre and an e-mail after commit. Turning something down always needs a reason: the
producer reads it.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from catalogue.models import Certificate, Producer, Product, ProductImage
from storefront.seller import audit
from storefront.seller.forms import INVISIBLE
from storefront.seller.mail import producer_addresses, send_after_commit
from storefront.seller.models import ListingChange, Notice, ProfileChange
from storefront.seller.operations import ListingText, _apply_text, product_producer

State = Product.ListingState
Change = ListingChange.State
CertState = Certificate.ReviewState


class AlreadyDecided(Exception):
    """Someone decided first (or the item is gone); the message is for the reviewer."""


def clean_reason(reason):
    reason = (reason or "").strip()
    if not INVISIBLE.sub("", reason):  # spaces or zero-width characters only
        raise ValidationError(_("Write the reason: the producer reads it."), code="no_reason")
    return reason


def apply_text(product, text: ListingText):
    """The seller centre's own way of writing a listing's text (`operations._apply_text`)."""
    _apply_text(product, text)


def notify(producer, message, link, kind, **context):
    """A notice in the seller centre and the `review_<kind>` e-mail after commit."""
    Notice.objects.create(producer=producer, message=message, link=link)
    context = {"producer": producer, "message": message, "link": link, **context}
    send_after_commit(producer_addresses(producer), f"review_{kind}", context)


def _link(name, **kwargs):
    """A seller-centre path in Vietnamese, whatever language the reviewer reads."""
    with translation.override("vi"):
        return reverse(name, kwargs=kwargs or None)


def _locked(queryset, pk):
    obj = queryset.select_for_update(of=("self",)).filter(pk=pk).first()
    if obj is None:
        raise AlreadyDecided(_("This item is no longer waiting for review."))
    return obj


# Producers -----------------------------------------------------------------------------


def _waiting_producer(producer):
    producer = _locked(Producer.objects.all(), producer.pk)
    if producer.verified or producer.rejection_reason:
        raise AlreadyDecided(_("Someone has already decided on %(name)s.") % {"name": producer})
    return producer


@transaction.atomic
def approve_producer(producer, reviewer):
    producer = _waiting_producer(producer)
    producer.verified = True
    producer.rejection_reason = ""
    producer.save(update_fields=["verified", "rejection_reason"])
    audit.record(reviewer, producer, "producer", producer, "verified", False, True)
    with translation.override("vi"):
        message = _("%(name)s is verified: your approved listings are now on sale in the shop.") % {
            "name": producer.name
        }
    notify(producer, message, _link("seller:home"), "producer", approved=True)
    return producer


@transaction.atomic
def reject_producer(producer, reviewer, reason):
    reason = clean_reason(reason)
    producer = _waiting_producer(producer)
    producer.verified = False
    producer.rejection_reason = reason
    producer.save(update_fields=["verified", "rejection_reason"])
    audit.record(reviewer, producer, "producer", producer, "rejection_reason", "", reason)
    with translation.override("vi"):
        message = _("The application of %(name)s was not accepted: %(reason)s") % {
            "name": producer.name,
            "reason": reason,
        }
    notify(producer, message, _link("seller:profile"), "producer", approved=False, reason=reason)
    return producer


# Listings ------------------------------------------------------------------------------


def _waiting_listing(product):
    product = _locked(Product.objects.filter(parent=None), product.pk)
    if product.listing_state != State.PENDING:
        raise AlreadyDecided(
            _("“%(title)s” is no longer waiting for review (now: %(state)s).")
            % {"title": product.title, "state": product.get_listing_state_display()}
        )
    return product


def _decide_listing(product, reviewer, new_state, reason):
    product.listing_state = new_state
    product.rejection_reason = reason
    # save(), not update(): the search index hears of the change.
    product.save(update_fields=["listing_state", "rejection_reason", "date_updated"])
    audit.record(
        reviewer, product.producer, "product", product, "listing_state", State.PENDING, new_state
    )
    if reason:
        audit.record(reviewer, product.producer, "product", product, "rejection_reason", "", reason)


@transaction.atomic
def approve_listing(product, reviewer):
    product = _waiting_listing(product)
    _decide_listing(product, reviewer, State.LIVE, "")
    with translation.override("vi"):
        if product.producer.verified:
            message = _("“%(title)s” was approved and is on sale.") % {"title": product.title}
        else:
            message = _(
                "“%(title)s” was approved; it goes on sale once your business is verified."
            ) % {"title": product.title}
    link = _link("seller:product", pk=product.pk)
    notify(product.producer, message, link, "listing", approved=True, product=product)
    return product


@transaction.atomic
def reject_listing(product, reviewer, reason):
    reason = clean_reason(reason)
    product = _waiting_listing(product)
    _decide_listing(product, reviewer, State.REJECTED, reason)
    with translation.override("vi"):
        message = _("“%(title)s” was not approved: %(reason)s. Edit it and send it again.") % {
            "title": product.title,
            "reason": reason,
        }
    link = _link("seller:product", pk=product.pk)
    notify(
        product.producer, message, link, "listing", approved=False, product=product, reason=reason
    )
    return product


# Text changes to live listings -------------------------------------------------------------


def _still_pending(rows, change):
    """The change, locked, if nobody decided it meanwhile."""
    change = _locked(rows, change.pk)
    if change.state != Change.PENDING:
        raise AlreadyDecided(_("This change has already been decided."))
    return change


def _waiting_change(change):
    return _still_pending(ListingChange.objects.select_related("product__producer"), change)


def _text_changes(before, after):
    """(field, old, new) for each field of the listing's text that differs."""
    return [(f, before[f], after[f]) for f in before if before[f] != after[f]]


@transaction.atomic
def approve_change(change, reviewer):
    change = _waiting_change(change)
    product = Product.objects.select_for_update().get(pk=change.product_id)
    before = ListingText.of(product).as_data()
    text = ListingText.from_data(change.data)
    apply_text(product, text)
    for field, old, new in _text_changes(before, text.as_data()):
        audit.record(reviewer, product.producer, "product", product, field, old, new)
    change.state = Change.APPROVED
    change.reviewed_by = reviewer
    change.save(update_fields=["state", "reviewed_by", "date_updated"])
    with translation.override("vi"):
        message = _("Your changes to “%(title)s” were approved and are now shown.") % {
            "title": product.title
        }
    link = _link("seller:product", pk=product.pk)
    notify(product.producer, message, link, "change", approved=True, product=product)
    return change


@transaction.atomic
def reject_change(change, reviewer, reason):
    reason = clean_reason(reason)
    change = _waiting_change(change)
    product = change.product
    change.state = Change.REJECTED
    change.rejection_reason = reason
    change.reviewed_by = reviewer
    change.save(update_fields=["state", "rejection_reason", "reviewed_by", "date_updated"])
    audit.record(
        reviewer,
        product.producer,
        "listing_change",
        change,
        "state",
        Change.PENDING,
        Change.REJECTED,
    )
    with translation.override("vi"):
        message = _(
            "Your changes to “%(title)s” were not approved: %(reason)s. The listing keeps "
            "its current text."
        ) % {"title": product.title, "reason": reason}
    link = _link("seller:product", pk=product.pk)
    notify(
        product.producer, message, link, "change", approved=False, product=product, reason=reason
    )
    return change


# Producer profile changes ----------------------------------------------------------------


def _waiting_profile_change(change):
    return _still_pending(ProfileChange.objects.select_related("producer"), change)


@transaction.atomic
def approve_profile_change(change, reviewer):
    change = _waiting_profile_change(change)
    producer = Producer.objects.select_for_update().get(pk=change.producer_id)
    story = change.data.get("story", producer.story)
    audit.record(reviewer, producer, "producer", producer, "story", producer.story, story)
    producer.story = story
    producer.save(update_fields=["story"])
    change.state = Change.APPROVED
    change.reviewed_by = reviewer
    change.save(update_fields=["state", "reviewed_by", "date_updated"])
    with translation.override("vi"):
        message = _("Your new story was approved and is shown on your page.")
    notify(producer, message, _link("seller:profile"), "profile", approved=True)
    return change


@transaction.atomic
def reject_profile_change(change, reviewer, reason):
    reason = clean_reason(reason)
    change = _waiting_profile_change(change)
    producer = change.producer
    change.state = Change.REJECTED
    change.rejection_reason = reason
    change.reviewed_by = reviewer
    change.save(update_fields=["state", "rejection_reason", "reviewed_by", "date_updated"])
    audit.record(
        reviewer, producer, "profile_change", change, "state", Change.PENDING, Change.REJECTED
    )
    with translation.override("vi"):
        message = _(
            "Your new story was not approved: %(reason)s. Your page keeps the current one."
        ) % {"reason": reason}
    notify(producer, message, _link("seller:profile"), "profile", approved=False, reason=reason)
    return change


# Photos added to live listings ----------------------------------------------------------


def _waiting_photo(image):
    image = _locked(ProductImage.objects.select_related("product__parent"), image.pk)
    if image.approved:
        raise AlreadyDecided(_("This photo has already been approved."))
    return image


def _listing_of(image):
    """The listing a photo shows: an option's photo belongs to its parent's page."""
    return image.product.parent if image.product.parent_id else image.product


@transaction.atomic
def approve_photo(image, reviewer):
    image = _waiting_photo(image)
    image.approved = True
    image._skip_renditions = True  # made when it was uploaded
    image.save(update_fields=["approved"])
    listing = _listing_of(image)
    producer = product_producer(image.product)
    audit.record(reviewer, producer, "photo", image, "approved", False, True)
    with translation.override("vi"):
        message = _("Your new photo of “%(title)s” was approved.") % {"title": listing.title}
    link = _link("seller:photos", pk=listing.pk)
    notify(producer, message, link, "photo", approved=True, product=listing)
    return image


@transaction.atomic
def reject_photo(image, reviewer, reason):
    """The photo is deleted (its file after commit); the notice says why."""
    reason = clean_reason(reason)
    image = _waiting_photo(image)
    listing = _listing_of(image)
    producer = product_producer(image.product)
    audit.record(reviewer, producer, "photo", image, "rejected", "", reason)
    original = image.original
    name, storage = original.name, original.storage
    image.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))
    with translation.override("vi"):
        message = _("A new photo of “%(title)s” was not approved and was removed: %(reason)s") % {
            "title": listing.title,
            "reason": reason,
        }
    link = _link("seller:photos", pk=listing.pk)
    notify(producer, message, link, "photo", approved=False, product=listing, reason=reason)


# Certificates -----------------------------------------------------------------------------


def _waiting_certificate(certificate):
    certificate = _locked(Certificate.objects.select_related("product", "producer"), certificate.pk)
    if certificate.review_state != CertState.PENDING:
        raise AlreadyDecided(
            _("Certificate %(number)s has already been decided.")
            % {"number": certificate.decision_number}
        )
    return certificate


def _decide_certificate(certificate, reviewer, new_state, reason):
    certificate.review_state = new_state
    certificate.rejection_reason = reason
    certificate.reviewed_by = reviewer if getattr(reviewer, "is_authenticated", False) else None
    certificate.reviewed_at = timezone.now()
    certificate.save()
    # Certificate.save() already calls this; it is what gives (or withholds) the badge, so
    # it is said here too rather than left to a side effect.
    certificate.product.refresh_certification()
    producer = certificate.producer
    audit.record(
        reviewer, producer, "certificate", certificate, "review_state", CertState.PENDING, new_state
    )
    if reason:
        audit.record(reviewer, producer, "certificate", certificate, "rejection_reason", "", reason)


@transaction.atomic
def verify_certificate(certificate, reviewer):
    certificate = _waiting_certificate(certificate)
    _decide_certificate(certificate, reviewer, CertState.VERIFIED, "")
    with translation.override("vi"):
        message = _(
            "Certificate %(number)s (%(stars)s★) of “%(title)s” was verified; the stars are "
            "shown on the product."
        ) % {
            "number": certificate.decision_number,
            "stars": certificate.stars,
            "title": certificate.product.title,
        }
    link = _link("seller:certificate", pk=certificate.pk)
    notify(
        certificate.producer, message, link, "certificate", approved=True, certificate=certificate
    )
    return certificate


@transaction.atomic
def reject_certificate(certificate, reviewer, reason):
    reason = clean_reason(reason)
    certificate = _waiting_certificate(certificate)
    _decide_certificate(certificate, reviewer, CertState.REJECTED, reason)
    with translation.override("vi"):
        message = _("Certificate %(number)s of “%(title)s” was not accepted: %(reason)s") % {
            "number": certificate.decision_number,
            "title": certificate.product.title,
            "reason": reason,
        }
    link = _link("seller:certificate", pk=certificate.pk)
    notify(
        certificate.producer,
        message,
        link,
        "certificate",
        approved=False,
        certificate=certificate,
        reason=reason,
    )
    return certificate
