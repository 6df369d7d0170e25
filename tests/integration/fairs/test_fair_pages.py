"""The fair page and the calendar (issue 12, step 1): content, state by Vietnam's date,
JSON-LD, renditions made on save, sitemap."""

import datetime
import json
import re
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from wagtail.images import get_image_model

from fairs.models import FairGalleryImage, FairState, today_in_vietnam
from tests.integration.fairs.conftest import make_fair, picture

pytestmark = pytest.mark.django_db


def test_the_fair_page_shows_hours_address_map_zones_and_side_events(client, fair):
    html = client.get(fair.url).content.decode()
    assert "08:00–21:30" in html
    assert "1 Đường 30/4, phường Trấn Biên" in html
    # A plain link to OpenStreetMap, no script or frame from it.
    assert 'href="https://www.openstreetmap.org/search?query=1%20%C4%90%C6%B0%E1%BB%9Dng' in html
    assert "<iframe" not in html and "openstreetmap.org/" not in "".join(
        re.findall(r"<script[^>]*src=\"([^\"]+)\"", html)
    )
    assert "Hội Nông dân tỉnh, Liên minh HTX" in html
    assert "Khu OCOP 5 sao" in html and "A01–A02" in html and "B01–B03" in html
    assert "Kết nối giao thương với siêu thị" in html and "Kết nối giao thương" in html
    assert "Sắp diễn ra" in html  # upcoming, in Vietnamese


def test_coordinates_give_a_marker_link(fair):
    fair.latitude, fair.longitude = 10.95, 106.82
    assert fair.map_url().startswith("https://www.openstreetmap.org/?mlat=10.95&mlon=106.82")


def _at_vietnam(hour, minute, day):
    moment = datetime.datetime.combine(day, datetime.time(hour, minute))
    return timezone.make_aware(moment, datetime.timezone(datetime.timedelta(hours=7)))


def test_a_fair_ending_today_is_ongoing_until_midnight_in_vietnam(fair_index):
    fair = make_fair(fair_index, starts_in=-2, days=3)  # last day: today
    last = fair.end_date
    # 23:59 in Vietnam is 16:59 UTC: still on. 00:00 the next day is 17:00 UTC: over.
    with mock.patch("django.utils.timezone.now", return_value=_at_vietnam(23, 59, last)):
        assert today_in_vietnam() == last
        assert fair.state() == FairState.ONGOING
    with mock.patch(
        "django.utils.timezone.now",
        return_value=_at_vietnam(0, 0, last + datetime.timedelta(days=1)),
    ):
        assert fair.state() == FairState.PAST
    # The first day starts at midnight in Vietnam: 23:59 the day before is still upcoming.
    first = fair.start_date
    with mock.patch(
        "django.utils.timezone.now",
        return_value=_at_vietnam(23, 59, first - datetime.timedelta(days=1)),
    ):
        assert fair.state() == FairState.UPCOMING


def test_states_are_named_in_both_languages(fair_index):
    ongoing = make_fair(fair_index, "Đang diễn ra", starts_in=0, days=2)
    with translation.override("vi"):
        assert ongoing.state_label() == "Đang diễn ra"
    with translation.override("en"):
        assert ongoing.state_label() == "On now"
        assert str(FairState.PAST.label) == "Past"


def test_the_calendar_sorts_fairs_by_state_and_past_fairs_keep_their_page(client, fair_index):
    make_fair(fair_index, "Hội chợ đang mở", starts_in=-1, days=3)
    make_fair(fair_index, "Hội chợ sắp tới", starts_in=20)
    past = make_fair(fair_index, "Hội chợ năm ngoái", starts_in=-400)
    html = client.get(fair_index.url).content.decode()
    assert (
        html.index("Hội chợ đang mở")
        < html.index("Hội chợ sắp tới")
        < html.index("Hội chợ năm ngoái")
    )
    assert "Đang diễn ra" in html and "Đã diễn ra" in html
    response = client.get(past.url)
    assert response.status_code == 200 and "Đã diễn ra" in response.content.decode()


def test_event_json_ld_carries_vietnam_times_and_place(client, fair):
    html = client.get(fair.url).content.decode()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    event = next(json.loads(b) for b in blocks if '"Event"' in b)
    assert event["@type"] == "Event"
    assert event["startDate"] == f"{fair.start_date.isoformat()}T08:00:00+07:00"
    assert event["endDate"] == f"{fair.end_date.isoformat()}T21:30:00+07:00"
    assert event["location"]["address"]["addressCountry"] == "VN"
    assert [o["name"] for o in event["organizer"]] == [
        "Sở Công Thương Đồng Nai",
        "Hội Nông dân tỉnh",
        "Liên minh HTX",
    ]


def test_lead_image_and_gallery_come_from_renditions_made_on_save(
    client, fair, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        lead = picture("Ảnh chính")
        shot = picture("Gian hàng")
    fair.lead_image = lead
    fair.gallery.add(FairGalleryImage(image=shot, caption="Gian hàng mật ong"))
    fair.save_revision().publish()
    renditions = get_image_model().get_rendition_model().objects
    before = renditions.count()
    assert before > 0
    html = client.get(fair.url).content.decode()
    assert renditions.count() == before  # the page made none: a GET never writes
    assert ".webp" in html and "Gian hàng mật ong" in html


def test_a_fair_cannot_end_before_it_starts_nor_close_before_it_opens(fair):
    fair.end_date = fair.start_date - datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as bad:
        fair.full_clean()
    assert "end_date" in bad.value.message_dict
    fair.end_date = fair.start_date
    fair.closes_at = datetime.time(7)
    with pytest.raises(ValidationError) as bad:
        fair.full_clean()
    assert "closes_at" in bad.value.message_dict


def test_fairs_are_in_the_sitemap(client, fair):
    xml = client.get("/sitemap-pages.xml").content.decode()
    assert f"http://testserver{fair.url}" in xml


def test_upcoming_fairs_block_keeps_an_ongoing_fair(fair_index):
    from fairs.models import upcoming_fairs

    make_fair(fair_index, "Kết thúc hôm nay", starts_in=-2, days=3)
    assert "Kết thúc hôm nay" in [f.title for f in upcoming_fairs(5)]
    assert today_in_vietnam()


def test_the_english_page_shows_the_same_exhibitors_and_says_states_in_english(client, fair):
    from wagtail.models import Locale

    from fairs import applications
    from tests.factories import ProducerFactory, ProductFactory

    producer = ProducerFactory(name="HTX Kẹo dừa Mỏ Cày")
    application = applications.apply(
        fair, producer, zone=None, products=[ProductFactory(producer=producer)]
    )
    applications.approve(application, None)
    english, _ = Locale.objects.get_or_create(language_code="en")
    copy = fair.copy_for_translation(english, copy_parents=True)
    copy.title = "Đồng Nai OCOP Fair"
    copy.save_revision().publish()
    assert copy.offer_id is None  # one offer per fair, on the Vietnamese page
    html = client.get(copy.url).content.decode()
    assert copy.url.startswith("/en/")
    assert "HTX Kẹo dừa Mỏ Cày" in html and "Booth A01" in html and "Upcoming" in html


def test_the_calendar_makes_a_fixed_number_of_queries(client, fair_index, no_page_cache):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        client.get(fair_index.url)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(fair_index.url).status_code == 200
        return len(ctx.captured_queries)

    make_fair(fair_index, "Một", starts_in=-1)
    make_fair(fair_index, "Hai", starts_in=-100)
    small = count()
    for i, starts_in in enumerate((-2, 3, 30, -50)):
        make_fair(fair_index, f"Hội chợ {i}", starts_in=starts_in)
    assert count() == small
