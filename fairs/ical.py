"""iCalendar for fairs: the whole calendar, one fair, one side event (the `icalendar`
library writes RFC 5545, with the Asia/Ho_Chi_Minh VTIMEZONE so calendars show local
times even on a phone set to another zone).

A fair is one event from its first day's opening to its last day's closing: a calendar
showing it as a block of days is what a visitor plans around; the daily hours are in the
description.
"""

from django.http import HttpResponse
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from fairs.pages import VIETNAM

PRODID = "-//Cho OCOP//Hoi cho//VI"


def _calendar(name):
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Asia/Ho_Chi_Minh")
    return calendar


def _host(request):
    return request.get_host().split(":")[0] or "localhost"


def fair_event(request, fair):
    event = Event()
    event.add("uid", f"fair-{fair.translation_key}@{_host(request)}")
    event.add("summary", fair.title)
    event.add("dtstart", fair.starts_at())
    event.add("dtend", fair.ends_at())
    event.add("dtstamp", (fair.last_published_at or fair.first_published_at or fair.starts_at()))
    event.add("location", ", ".join(p for p in (fair.venue, fair.street_address) if p))
    event.add("url", fair.get_full_url(request))
    lines = [_("Organiser: %(name)s") % {"name": fair.organiser}]
    if fair.opens_at and fair.closes_at:
        lines.append(
            _("Open daily %(opens)s–%(closes)s")
            % {"opens": f"{fair.opens_at:%H:%M}", "closes": f"{fair.closes_at:%H:%M}"}
        )
    event.add("description", "\n".join(lines))
    return event


def side_event(request, fair, item):
    event = Event()
    event.add("uid", f"fair-event-{item.pk}@{_host(request)}")
    event.add("summary", f"{item.title} — {fair.title}")
    event.add("dtstart", item.starts_at.astimezone(VIETNAM))
    event.add("dtend", item.ends_at.astimezone(VIETNAM))
    event.add("dtstamp", fair.last_published_at or item.starts_at)
    event.add("location", ", ".join(p for p in (item.place, fair.venue) if p))
    event.add("categories", [item.get_kind_display()])
    event.add("url", fair.get_full_url(request))
    return event


def _response(calendar, filename):
    calendar.add_missing_timezones()
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def calendar_response(request, fairs, filename, name=None):
    """All `fairs` with their side events."""
    calendar = _calendar(name or _("OCOP trade fairs"))
    for fair in fairs:
        calendar.add_component(fair_event(request, fair))
        for item in fair.side_events.all():
            calendar.add_component(side_event(request, fair, item))
    return _response(calendar, filename)


def side_event_response(request, fair, item):
    calendar = _calendar(fair.title)
    calendar.add_component(side_event(request, fair, item))
    return _response(calendar, f"{fair.slug}-{item.pk}.ics")
