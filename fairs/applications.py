"""What happens to a booth application: apply, approve (with a booth), wait-list, reject,
withdraw. The seller centre, the staff screen in Wagtail's admin and a shell all call these.

Every decision locks the fair's row first, then the application: two staff approving at
the same moment are served one after the other, so the second sees the booth the first
took (and the `(fair, booth)` unique constraint is the last word if anything else writes
booths). Capacity is checked against the fair's booth count, the zone's booths and the
booths kept for provinces. A withdrawal frees the booth and gives it to the first
application on the waiting list that fits. The producer is told at every step: a notice in
the seller centre and an e-mail after commit.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext as _

from fairs.booths import BoothApplication
from fairs.offers import sync_offer
from fairs.pages import FairPage
from storefront.seller.mail import producer_addresses, send_after_commit
from storefront.seller.models import Notice
from storefront.seller.review.services import AlreadyDecided, clean_reason

State = BoothApplication.State
OPEN = (State.PENDING, State.WAITLISTED)


class Refused(ValidationError):
    """The action cannot be done (no booth left, deadline passed…); the message says why."""


def _link(application):
    with translation.override("vi"):
        return reverse("seller:fair-application", kwargs={"pk": application.pk})


def notify(application, text, **params):
    """Tell the producer, in Vietnamese whatever the reviewer reads: the seller centre and
    its e-mails are in Vietnamese."""
    with translation.override("vi"):
        message = gettext(text) % params
    Notice.objects.create(producer=application.producer, message=message, link=_link(application))
    send_after_commit(
        producer_addresses(application.producer),
        "fair_decision",
        {"application": application, "message": message, "link": _link(application)},
        folder="seller/fairs/email",
    )


def _dates(fair):
    return f"{fair.start_date:%d/%m/%Y}–{fair.end_date:%d/%m/%Y}"


# Applying ------------------------------------------------------------------------------


def apply(fair, producer, *, zone, products, note="", document=None, now=None):
    """A new pending application; refused after the deadline or when one already exists."""
    with transaction.atomic():
        fair = FairPage.objects.select_for_update(of=("self",)).get(pk=fair.pk)
        if not fair.accepts_applications(now):
            raise Refused(_("Applications for this fair are closed."), code="closed")
        if BoothApplication.objects.filter(fair=fair, producer=producer).exists():
            raise Refused(_("You have already applied to this fair."), code="duplicate")
        try:
            with transaction.atomic():
                application = BoothApplication.objects.create(
                    fair=fair, producer=producer, zone=zone, note=note, document=document or ""
                )
        except IntegrityError as twice:
            raise Refused(_("You have already applied to this fair."), code="duplicate") from twice
        application.products.set(products)
        notify(
            application,
            gettext_noop(
                "Your application for a booth at %(fair)s was received; staff will reply."
            ),
            fair=fair.title,
        )
    return application


# Deciding ------------------------------------------------------------------------------


def _lock(application):
    """The fair's row, then the application's: every decision on one fair queues here."""
    FairPage.objects.select_for_update(of=("self",)).filter(pk=application.fair_id).first()
    locked = (
        BoothApplication.objects.select_for_update(of=("self",))
        .select_related("fair", "producer__province", "zone")
        .filter(pk=application.pk)
        .first()
    )
    if locked is None:
        raise AlreadyDecided(_("This application no longer exists."))
    return locked


def free_booth(application, zone=None):
    """The first free booth for `application` in `zone` (its preferred zone by default), or
    raise Refused saying which limit is reached. Call with the fair's row locked."""
    fair = application.fair
    zone = zone or application.zone
    approved = BoothApplication.objects.filter(fair=fair, state=State.APPROVED).exclude(
        pk=application.pk
    )
    taken = set(approved.values_list("booth", flat=True))
    zones_of_fair = list(fair.zones.all())
    capacity = fair.booths if fair.booths is not None else sum(z.capacity for z in zones_of_fair)
    if len(taken) >= capacity:
        raise Refused(_("Every booth of this fair is taken."), code="fair_full")
    # Booths kept for other provinces and not yet taken by them are not for this producer.
    province_of = dict(approved.values_list("booth", "producer__province_id"))
    kept = 0
    for quota in fair.province_quotas.all():
        if quota.province_id == application.producer.province_id:
            continue
        used = sum(1 for p in province_of.values() if p == quota.province_id)
        kept += max(0, quota.booths - used)
    if len(taken) + kept >= capacity:
        raise Refused(_("The booths left are kept for producers of other provinces."), code="quota")
    zones = [zone] if zone else zones_of_fair
    if not zones:
        raise Refused(_("Choose a zone: this fair has no zones yet."), code="no_zone")
    for candidate in zones:
        for number in candidate.booth_numbers():
            if number not in taken:
                return candidate, number
    if zone:
        raise Refused(
            _("Every booth of %(zone)s is taken.") % {"zone": zone.name}, code="zone_full"
        )
    raise Refused(_("Every booth of this fair is taken."), code="fair_full")


@transaction.atomic
def approve(application, reviewer, zone=None):
    application = _lock(application)
    if application.state not in OPEN:
        raise AlreadyDecided(_("Someone has already decided on this application."))
    zone, number = free_booth(application, zone)
    _give_booth(application, zone, number, reviewer)
    return application


def _give_booth(application, zone, number, reviewer):
    application.state = State.APPROVED
    application.zone = zone
    application.booth = number
    application.reason = ""
    application.decided_by = reviewer
    application.date_decided = timezone.now()
    application.save()
    fair = application.fair
    sync_offer(fair)  # the exhibitor's products join the fair discount
    notify(
        application,
        gettext_noop("Approved: booth %(booth)s (%(zone)s) at %(fair)s, %(dates)s."),
        booth=number,
        zone=zone.name,
        fair=fair.title,
        dates=_dates(fair),
    )


@transaction.atomic
def waitlist(application, reviewer, reason):
    reason = clean_reason(reason)
    application = _lock(application)
    if application.state != State.PENDING:
        raise AlreadyDecided(_("Someone has already decided on this application."))
    application.state = State.WAITLISTED
    application.reason = reason
    application.decided_by = reviewer
    application.date_decided = application.waitlisted_at = timezone.now()
    application.save()
    notify(
        application,
        gettext_noop("You are on the waiting list for %(fair)s: %(reason)s"),
        fair=application.fair.title,
        reason=reason,
    )
    return application


@transaction.atomic
def reject(application, reviewer, reason):
    reason = clean_reason(reason)
    application = _lock(application)
    if application.state not in OPEN:
        raise AlreadyDecided(_("Someone has already decided on this application."))
    application.state = State.REJECTED
    application.reason = reason
    application.decided_by = reviewer
    application.date_decided = timezone.now()
    application.save()
    notify(
        application,
        gettext_noop("Your application for %(fair)s was not accepted: %(reason)s"),
        fair=application.fair.title,
        reason=reason,
    )
    return application


@transaction.atomic
def withdraw(application):
    """The producer withdraws; a booth they held goes to the first on the waiting list that
    fits (same zone first, then any zone), who is told."""
    application = _lock(application)
    if not application.may_withdraw():
        raise Refused(_("This application can no longer be withdrawn."), code="final")
    had_booth = application.state == State.APPROVED
    zone = application.zone
    application.state = State.WITHDRAWN
    application.booth = ""
    application.date_decided = timezone.now()
    application.save()
    notify(
        application,
        gettext_noop("You withdrew from %(fair)s."),
        fair=application.fair.title,
    )
    promoted = None
    if had_booth:
        promoted = _promote_first_waiting(application.fair, zone)
        sync_offer(application.fair)
    return application, promoted


def _promote_first_waiting(fair, zone):
    waiting = (
        BoothApplication.objects.select_for_update(of=("self",))
        .select_related("fair", "producer__province", "zone")
        .filter(fair=fair, state=State.WAITLISTED)
        .order_by("waitlisted_at", "pk")
    )
    for candidate in waiting:
        try:
            booth_zone, number = free_booth(candidate, candidate.zone or zone)
        except Refused:
            continue
        _give_booth(candidate, booth_zone, number, None)
        return candidate
    return None
