"""The producer's public profile, its photos, the people who act for it, and notices."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from catalogue.producers import ProducerPhoto
from storefront.params import safe_int
from storefront.seller import audit
from storefront.seller.access import seller_required
from storefront.seller.forms import InvitationForm, MultipleFileInput, ProfileForm
from storefront.seller.mail import send_after_commit
from storefront.seller.models import Invitation, ProfileChange
from storefront.seller.photos import clean_photo

MAX_PROFILE_PHOTOS = 12


@seller_required
@require_http_methods(["GET", "POST"])
def profile_edit(request):
    producer = request.producer
    change = producer.profile_changes.filter(state=ProfileChange.State.PENDING).first()
    initial = {
        "story": change.data["story"] if change else producer.story,
        "contact_name": producer.contact_name,
        "phone": producer.phone,
        "email": producer.email,
    }
    form = ProfileForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        waits = False
        with transaction.atomic():
            for field in ("contact_name", "phone", "email"):
                old = getattr(producer, field)
                if old != d[field]:
                    audit.record(request.user, producer, "producer", producer, field, old, d[field])
                    setattr(producer, field, d[field])
            if d["logo"]:
                producer.logo = d["logo"]
            if d["story"] != producer.story:
                if producer.verified:
                    # Public text of a producer on sale waits for review.
                    pending = producer.profile_changes.select_for_update().filter(
                        state=ProfileChange.State.PENDING
                    )
                    if not pending.update(
                        data={"story": d["story"]},
                        submitted_by=request.user,
                        date_updated=timezone.now(),  # update() skips auto_now
                    ):
                        ProfileChange.objects.create(
                            producer=producer, data={"story": d["story"]}, submitted_by=request.user
                        )
                    waits = True
                else:
                    producer.story = d["story"]
            elif change is not None:
                change.delete()  # back to the live text: nothing to review
            producer.save()
        if waits:
            messages.success(
                request,
                _("Saved. Your new story appears once staff have checked it."),
            )
        else:
            messages.success(request, _("Saved."))
        return redirect("seller:profile")
    return render(
        request,
        "seller/profile.html",
        {"form": form, "change": change, "producer": producer},
        status=400 if form.errors else 200,
    )


class ProducerPhotosForm(forms.Form):
    photos = forms.FileField(
        widget=MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        required=False,
    )


@seller_required
@require_http_methods(["GET", "POST"])
def profile_photos(request):
    producer = request.producer
    errors = []
    if request.method == "POST":
        remove = safe_int(request.POST.get("remove", ""))
        if remove is not None:
            producer.photos.filter(pk=remove).delete()  # only this producer's own photos
            messages.success(request, _("Photo removed."))
            return redirect("seller:profile-photos")
        uploads = request.FILES.getlist("photos")
        room = MAX_PROFILE_PHOTOS - producer.photos.count()
        if not uploads:
            errors.append(_("Choose at least one photo."))
        elif len(uploads) > room:
            errors.append(_("At most 12 photos: you can add %(n)s more.") % {"n": max(room, 0)})
        cleaned = []
        if not errors:
            for upload in uploads:
                try:
                    cleaned.append(clean_photo(upload))
                except forms.ValidationError as e:
                    errors.extend(e.messages)
        if not errors:
            start = producer.photos.count()
            for offset, upload in enumerate(cleaned):
                ProducerPhoto.objects.create(
                    producer=producer, image=upload, display_order=start + offset
                )
            messages.success(request, _("Photos added."))
            return redirect("seller:profile-photos")
    return render(
        request,
        "seller/profile_photos.html",
        {"photos": producer.photos.all(), "errors": errors, "producer": producer},
        status=400 if errors else 200,
    )


@seller_required
@require_http_methods(["GET", "POST"])
def members(request):
    producer = request.producer
    form = InvitationForm(request.POST if request.POST.get("action") == "invite" else None)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "invite" and form.is_valid():
            email = form.cleaned_data["email"].strip().lower()
            if producer.partner.users.filter(email__iexact=email).exists():
                form.add_error("email", _("This person already acts for you."))
            else:
                with transaction.atomic():
                    invitation, token = Invitation.issue(producer, email, request.user)
                    link = settings.SITE_URL.rstrip("/") + _reverse_invitation(token)
                    send_after_commit(
                        [email],
                        "invitation",
                        {"producer": producer, "link": link, "inviter": request.user},
                        language=request.LANGUAGE_CODE,
                    )
                messages.success(
                    request, _("Invitation sent to %(email)s (valid 7 days).") % {"email": email}
                )
                return redirect("seller:members")
        elif action == "remove":
            founder = founder_id(producer)
            user = producer.partner.users.filter(pk=safe_int(request.POST.get("user", ""))).first()
            if user is None:
                messages.error(request, _("This person does not act for you."))
            elif user.pk == founder:
                messages.error(
                    request, _("The person who applied for the business cannot be removed.")
                )
            elif request.user.pk not in (founder, user.pk):
                messages.error(
                    request,
                    _("Only the person who applied for the business removes others."),
                )
            else:
                producer.partner.users.remove(user)
                audit.record(request.user, producer, "producer", producer, "member", user.email, "")
                messages.success(request, _("Removed."))
                if user.pk == request.user.pk:
                    return redirect("seller:landing")
            return redirect("seller:members")
        elif action == "cancel":
            invitation = producer.invitations.filter(
                pk=safe_int(request.POST.get("invitation", "")), accepted_at=None
            ).first()
            if invitation is not None:
                invitation.delete()
                messages.success(request, _("Invitation cancelled: its link no longer works."))
            return redirect("seller:members")
    people = producer.partner.users.order_by("email")
    members = {email.lower() for email in people.values_list("email", flat=True)}
    invitations = [
        i
        for i in producer.invitations.filter(accepted_at=None)[:50]
        if i.email.lower() not in members
    ]
    return render(
        request,
        "seller/members.html",
        {
            "people": people,
            "invitations": invitations,
            "form": form,
            "founder": founder_id(producer),
        },
        status=400 if form.errors else 200,
    )


def founder_id(producer):
    """The user who applied for the producer: the first link between them."""
    links = producer.partner.users.through.objects.filter(partner=producer.partner)
    return links.order_by("pk").values_list("user_id", flat=True).first()


def _reverse_invitation(token):
    return reverse("seller:accept-invitation", kwargs={"token": token})


@seller_required
@require_http_methods(["GET", "POST"])
def notices(request):
    """The messages; reading them is marked by the button's POST, never by the GET (a
    prefetch or a preview would otherwise clear them unread)."""
    producer = request.producer
    if request.method == "POST":
        producer.notices.filter(read_at=None).update(read_at=timezone.now())
        return redirect("seller:notices")
    items = list(producer.notices.all()[:100])
    unread = any(item.read_at is None for item in items)
    return render(request, "seller/notices.html", {"notices": items, "unread": unread})
