"""The demo's trade fairs (issue 12): a past, an ongoing and the upcoming fairs of the
content demo, in several provinces, with zones, hours, side events, and booth applications
in every state. Run by `load_demo` after the sellers exist; once (skipped when any booth
application exists). Decisions go through `fairs.applications`, so the producers' notices
are the real ones; no e-mail is sent."""

import datetime

from django.db import transaction
from django.test.utils import override_settings
from wagtail.models import Locale

from catalogue.models import Producer, Product
from fairs import applications
from fairs.models import (
    BoothApplication,
    FairIndexPage,
    FairPage,
    FairSideEvent,
    FairZone,
    today_in_vietnam,
)
from fairs.pages import VIETNAM

ZONES = [("Khu OCOP 4–5 sao", "A", 6), ("Khu ẩm thực", "B", 6), ("Khu thủ công mỹ nghệ", "C", 4)]
EVENTS = [
    ("Hội thảo xây dựng thương hiệu sản phẩm OCOP", "seminar", 0, (9, 0), (11, 0), "Hội trường A"),
    (
        "Kết nối giao thương với siêu thị và nhà phân phối",
        "matching",
        1,
        (14, 0),
        (16, 30),
        "Phòng B",
    ),
    ("Livestream bán hàng OCOP", "livestream", 1, (19, 30), (21, 0), "Sân khấu chính"),
    ("Lễ trao chứng nhận sản phẩm OCOP", "awards", 2, (8, 30), (10, 0), "Sân khấu chính"),
]
NEW_FAIRS = [
    {
        "title": "Hội chợ OCOP Quảng Ninh mùa xuân",
        "slug": "hoi-cho-ocop-quang-ninh-mua-xuan",
        "in_days": -60,
        "length": 6,
        "venue": "Cung Quy hoạch, Hội chợ và Triển lãm Quảng Ninh",
        "street_address": "Đường Trần Quốc Nghiễn, phường Hồng Gai",
        "province_id": 22,
        "organiser": "Sở Công Thương tỉnh Quảng Ninh",
        "booths": 16,
    },
    {
        "title": "Phiên chợ OCOP cuối tuần Thành phố Hồ Chí Minh",
        "slug": "phien-cho-ocop-cuoi-tuan-tp-hcm",
        "in_days": -1,
        "length": 3,
        "venue": "Nhà Văn hóa Thanh niên",
        "street_address": "4 Phạm Ngọc Thạch, phường Sài Gòn",
        "province_id": 79,
        "organiser": "Sở Công Thương Thành phố Hồ Chí Minh",
        "booths": 16,
    },
]


def _at(day, hour, minute=0):
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=VIETNAM)


def _furnish(fair, deadline):
    if fair.zones.exists():
        return fair
    fair.opens_at, fair.closes_at = datetime.time(8), datetime.time(21, 30)
    fair.co_organisers = "Hội Nông dân tỉnh\nLiên minh Hợp tác xã tỉnh"
    fair.application_deadline = deadline
    fair.street_address = fair.street_address or "Đường 30 Tháng 4"
    for order, (name, code, capacity) in enumerate(ZONES):
        fair.zones.add(FairZone(name=name, code=code, capacity=capacity, sort_order=order))
    for order, (title, kind, day, start, end, place) in enumerate(EVENTS):
        day = min(fair.start_date + datetime.timedelta(days=day), fair.end_date)
        fair.side_events.add(
            FairSideEvent(
                title=title,
                kind=kind,
                starts_at=_at(day, *start),
                ends_at=_at(day, *end),
                place=place,
                sort_order=order,
            )
        )
    fair.save_revision().publish()
    return FairPage.objects.get(pk=fair.pk)


def _exhibitors(count, skip=0):
    producers = Producer.objects.filter(verified=True).order_by("pk")[skip : skip + count]
    return [
        (p, list(Product.objects.filter(producer=p, parent=None).order_by("pk")[:2]))
        for p in producers
    ]


def _booths_by_hand(fair, count, skip):
    """Exhibitors written as they stand, booth numbers in order: past and ongoing fairs
    closed their applications long ago, and the later upcoming fairs show a few already."""
    zone = fair.zones.order_by("sort_order").first()
    exhibitors = _exhibitors(count, skip)
    for number, (producer, products) in zip(zone.booth_numbers(), exhibitors, strict=False):
        application = BoothApplication.objects.create(
            fair=fair, producer=producer, zone=zone, state="approved", booth=number
        )
        application.products.set(products)


def load(say=print):
    if BoothApplication.objects.exists():
        say("Demo fairs already present; left as they are.")
        return
    index = FairIndexPage.objects.filter(locale=Locale.get_default()).first()
    if index is None:
        return
    today = today_in_vietnam()
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        with transaction.atomic():
            upcoming = list(
                FairPage.objects.child_of(index).filter(start_date__gt=today).order_by("start_date")
            )
            for item in NEW_FAIRS:
                if FairPage.objects.child_of(index).filter(slug=item["slug"]).exists():
                    continue  # the catalogue was rebuilt under the fairs: keep them
                values = {k: v for k, v in item.items() if k not in ("in_days", "length")}
                start = today + datetime.timedelta(days=item["in_days"])
                end = start + datetime.timedelta(days=item["length"] - 1)
                index.add_child(instance=FairPage(start_date=start, end_date=end, **values))
            past, ongoing = (
                FairPage.objects.child_of(index).get(slug=item["slug"]) for item in NEW_FAIRS
            )
            past = _furnish(past, _at(past.start_date - datetime.timedelta(days=20), 17))
            ongoing = _furnish(ongoing, _at(ongoing.start_date - datetime.timedelta(days=10), 17))
            _booths_by_hand(past, 4, skip=0)
            _booths_by_hand(ongoing, 4, skip=4)
            for n, fair in enumerate(upcoming):
                deadline = _at(fair.start_date - datetime.timedelta(days=7 + n), 17)
                upcoming[n] = _furnish(fair, deadline)
            if upcoming:
                _every_state(upcoming[0])
            for fair in upcoming[1:]:
                _booths_by_hand(fair, 3, skip=8)
    say(
        f"Demo fairs: {FairPage.objects.count()} fairs, "
        f"{BoothApplication.objects.count()} booth applications."
    )


def _every_state(fair):
    """Pending, approved with a booth, wait-listed, rejected and withdrawn."""
    zone_a, zone_b = fair.zones.order_by("sort_order")[:2]
    made = []
    for n, (producer, products) in enumerate(_exhibitors(8)):
        made.append(
            applications.apply(
                fair,
                producer,
                zone=zone_a if n % 2 == 0 else zone_b,
                products=products,
                note="Xin gian gần lối vào." if n == 0 else "",
            )
        )
    for application in made[:4]:
        applications.approve(application, None)
    applications.waitlist(made[4], None, "Khu đã đủ đơn vị cùng nhóm sản phẩm; chờ gian trống.")
    applications.reject(made[5], None, "Chưa gửi giấy chứng nhận an toàn thực phẩm còn hạn.")
    applications.withdraw(made[3])  # frees a booth: the wait-listed one takes it
    # made[6] and made[7] stay pending; one more wait-listed stays on the list.
    applications.waitlist(made[6], None, "Chờ ban tổ chức xác nhận thêm gian.")
