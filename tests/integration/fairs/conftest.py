import datetime
import io

import pytest
from django.core.files.images import ImageFile
from PIL import Image
from wagtail.images import get_image_model
from wagtail.models import Page

from fairs.models import FairIndexPage, FairPage, FairSideEvent, FairZone, today_in_vietnam
from fairs.pages import VIETNAM
from tests.factories import province


def picture(title="Hội chợ"):
    buf = io.BytesIO()
    Image.new("RGB", (320, 200), (200, 120, 40)).save(buf, "JPEG")
    image = get_image_model()(title=title)
    image.file = ImageFile(io.BytesIO(buf.getvalue()), name="hoi-cho.jpg")
    image.focal_point_x, image.focal_point_y, image.focal_point_width = 160, 100, 40
    image.focal_point_height = 40
    image.save()
    return image


@pytest.fixture
def fair_index(db):
    return index_page()


def index_page():
    home = Page.objects.get(depth=2, locale__language_code="vi")
    existing = FairIndexPage.objects.child_of(home).first()
    if existing:
        return existing
    index = home.add_child(instance=FairIndexPage(title="Hội chợ, triển lãm", slug="hoi-cho"))
    index.save_revision().publish()
    return index


def make_fair(index, title="Hội chợ OCOP Đồng Nai", *, starts_in=10, days=3, **fields):
    start = today_in_vietnam() + datetime.timedelta(days=starts_in)
    values = {
        "title": title,
        "start_date": start,
        "end_date": start + datetime.timedelta(days=days - 1),
        "venue": "Trung tâm Hội nghị tỉnh",
        "street_address": "1 Đường 30/4, phường Trấn Biên",
        "province": province(75),
        "organiser": "Sở Công Thương Đồng Nai",
        "co_organisers": "Hội Nông dân tỉnh\nLiên minh HTX",
        "opens_at": datetime.time(8, 0),
        "closes_at": datetime.time(21, 30),
        "booths": 10,
        "application_deadline": datetime.datetime.combine(
            start - datetime.timedelta(days=3), datetime.time(17), tzinfo=VIETNAM
        ),
        **fields,
    }
    fair = index.add_child(instance=FairPage(**values))
    fair.zones.add(FairZone(name="Khu OCOP 5 sao", code="A", capacity=2, sort_order=0))
    fair.zones.add(FairZone(name="Khu ẩm thực", code="B", capacity=3, sort_order=1))
    fair.side_events.add(
        FairSideEvent(
            title="Kết nối giao thương với siêu thị",
            kind="matching",
            starts_at=datetime.datetime.combine(start, datetime.time(9), tzinfo=VIETNAM),
            ends_at=datetime.datetime.combine(start, datetime.time(11, 30), tzinfo=VIETNAM),
            place="Hội trường B",
        )
    )
    fair.save_revision().publish()
    return FairPage.objects.get(pk=fair.pk)  # a fresh copy: the zones saved, with their ids


@pytest.fixture
def fair(fair_index):
    return make_fair(fair_index)


@pytest.fixture
def moderator(django_user_model):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user(
        "kiem-duyet", "kiemduyet@so-cong-thuong.vn", "pw-12345678"
    )
    user.groups.add(Group.objects.get(name="Moderators"))
    return user
