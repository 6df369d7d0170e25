"""iCalendar (issue 12, step 3): the calendar of all fairs, one fair, one side event; the
output parses with the `icalendar` library and its times are Vietnam's."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from tests.integration.fairs.conftest import make_fair

pytestmark = pytest.mark.django_db
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


def parsed(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def events(calendar):
    return [c for c in calendar.walk("VEVENT")]


def test_a_fairs_ics_has_its_days_and_hours_in_vietnam_time(client, fair):
    calendar = parsed(client.get(f"{fair.url}lich/"))
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Asia/Ho_Chi_Minh"]
    main, matching = events(calendar)
    assert str(main["SUMMARY"]) == fair.title
    start, end = main.decoded("DTSTART"), main.decoded("DTEND")
    assert start == datetime.datetime.combine(fair.start_date, datetime.time(8), tzinfo=VIETNAM)
    assert end == datetime.datetime.combine(fair.end_date, datetime.time(21, 30), tzinfo=VIETNAM)
    assert start.utcoffset() == datetime.timedelta(hours=7)
    assert main["DTSTART"].params["TZID"] == "Asia/Ho_Chi_Minh"
    assert "08:00–21:30" in str(main["DESCRIPTION"])
    assert str(main["URL"]).endswith(fair.url)
    assert "Kết nối giao thương" in str(matching["SUMMARY"])
    assert matching.decoded("DTSTART").hour == 9


def test_a_side_events_ics_holds_that_event_only(client, fair):
    item = fair.side_events.get()
    calendar = parsed(client.get(f"{fair.url}su-kien/{item.pk}/lich/"))
    (event,) = events(calendar)
    assert event.decoded("DTSTART") == item.starts_at.astimezone(VIETNAM)
    assert event.decoded("DTEND").astimezone(VIETNAM).time() == datetime.time(11, 30)
    assert str(event["LOCATION"]).startswith("Hội trường B")
    assert client.get(f"{fair.url}su-kien/999999/lich/").status_code == 404
    assert client.get(f"{fair.url}su-kien/²/lich/").status_code == 404


def test_the_calendar_feed_holds_every_fair_with_stable_ids(client, fair_index):
    one = make_fair(fair_index, "Hội chợ A", starts_in=5)
    two = make_fair(fair_index, "Hội chợ B", starts_in=-30)  # past fairs stay in the feed
    body = client.get(f"{fair_index.url}lich/")
    calendar = parsed(body)
    titles = [str(e["SUMMARY"]) for e in events(calendar)]
    assert "Hội chợ A" in titles and "Hội chợ B" in titles
    uids = {str(e["UID"]) for e in events(calendar)}
    assert f"fair-{one.translation_key}@testserver" in uids
    assert f"fair-{two.translation_key}@testserver" in uids
    assert parsed(client.get(f"{fair_index.url}lich/")).to_ical() == calendar.to_ical()


def test_a_fair_without_hours_spans_whole_days(client, fair_index):
    fair = make_fair(fair_index, "Không giờ", opens_at=None, closes_at=None, days=2)
    (main, _) = events(parsed(client.get(f"{fair.url}lich/")))
    assert main.decoded("DTSTART") == datetime.datetime.combine(
        fair.start_date, datetime.time(0), tzinfo=VIETNAM
    )
    assert main.decoded("DTEND") == datetime.datetime.combine(
        fair.end_date + datetime.timedelta(days=1), datetime.time(0), tzinfo=VIETNAM
    )


def test_the_fair_page_links_its_ics_files(client, fair):
    html = client.get(fair.url).content.decode()
    assert f'href="{fair.url}lich/"' in html
    assert f'href="{fair.url}su-kien/{fair.side_events.get().pk}/lich/"' in html
