"""Issue 10: a producer's monthly statement (and its CSV) and its sales insight.

Orders and parcels are written directly where only their numbers matter (fast, exact);
one test goes through checkout, shipping and delivery to show the real path lands in the
statement too."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from storefront.order import services, statuses
from storefront.order.models import Order, Parcel
from storefront.seller.models import CommissionRate
from storefront.seller.reports import insight, statements
from tests.factories import ProducerFactory, ProductFactory
from tests.integration.checkout.conftest import basket_with, buyer

pytestmark = pytest.mark.django_db

Line = get_model("order", "Line")
TZ = timezone.get_fixed_timezone(7 * 60)  # Asia/Ho_Chi_Minh, without DST
_numbers = iter(range(900000, 999999))


def at(year, month, day, hour=12, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=TZ)


def seller(client, producer, name):
    user = get_user_model().objects.create_user(name, f"{name}@example.vn", "mat-khau-dai-123")
    producer.partner.users.add(user)
    client.force_login(user)
    return client


def sold(
    producer,
    goods,
    shipping=0,
    method="cod",
    delivered_at=None,
    status=Parcel.Status.DELIVERED,
    product=None,
    quantity=1,
    placed_at=None,
    order_status=statuses.DELIVERED,
):
    """An order with one parcel (and one line) of `producer`."""
    order = Order.objects.create(
        number=str(next(_numbers)),
        currency="VND",
        total_incl_tax=goods + shipping,
        total_excl_tax=goods + shipping,
        payment_method=method,
        status=order_status,
        date_placed=placed_at or timezone.now(),
    )
    parcel = Parcel.objects.create(
        order=order,
        producer=producer,
        zone="same_province",
        subtotal=goods,
        shipping_charge=shipping,
        status=status,
        delivered_at=delivered_at,
    )
    if product is not None:
        Line.objects.create(
            order=order,
            partner=producer.partner,
            partner_name=producer.name,
            partner_sku=f"sku-{product.pk}",
            product=product,
            title=product.title,
            quantity=quantity,
            line_price_incl_tax=goods,
            line_price_excl_tax=goods,
            line_price_before_discounts_incl_tax=goods,
            line_price_before_discounts_excl_tax=goods,
            num_allocated=0,
        )
    return parcel


@pytest.fixture
def coop():
    return ProducerFactory(name="HTX Mật ong Tân Phú", kind="cooperative")


@pytest.fixture
def rate():
    """The data migration seeds a rate per kind; these tests set their own."""
    return CommissionRate.objects.update_or_create(
        kind="cooperative", defaults={"percent": Decimal("7.5")}
    )[0]


@pytest.fixture
def october(coop):
    """A known mix of parcels around October 2026 (local time, UTC+7)."""
    d = Decimal
    return {
        "cod": sold(coop, d(200000), d(30000), "cod", at(2026, 10, 5)),
        "transfer": sold(coop, d(150000), d(20000), "vietqr", at(2026, 10, 12)),
        "card": sold(coop, d(99999), d(0), "stripe", at(2026, 10, 20)),
        # 23:30 on the last evening, local: still October (16:30 UTC).
        "late": sold(coop, d(100000), d(0), "cod", at(2026, 10, 31, 23, 30)),
        # 00:30 on 1 November, local: not October although it is 31 October in UTC.
        "next": sold(coop, d(500000), d(0), "vietqr", at(2026, 11, 1, 0, 30)),
        "before": sold(coop, d(400000), d(0), "cod", at(2026, 9, 30, 12)),
        "shipped": sold(coop, d(300000), d(0), "cod", None, Parcel.Status.SHIPPED),
        "returned": sold(coop, d(300000), d(0), "cod", at(2026, 10, 6), Parcel.Status.RETURNED),
    }


# --- Statements -------------------------------------------------------------------------


def test_the_statement_adds_up_cod_transfer_and_card_parcels_of_the_month(coop, rate, october):
    s = statements.build_statement(coop, datetime.date(2026, 10, 1))

    assert [r.parcel for r in s.rows] == [
        october["cod"],
        october["transfer"],
        october["card"],
        october["late"],
    ]
    assert s.goods == 549999
    assert s.cod_collected == 230000 + 100000  # goods + shipping, kept by the producer
    assert s.prepaid_received == 170000 + 99999  # received by the platform
    # 7.5 % of each parcel's goods, rounded half-up: 15000 + 11250 + 7499.925→7500 + 7500
    assert [r.commission for r in s.rows] == [15000, 11250, 7500, 7500]
    assert s.commission == 41250
    assert s.balance == 269999 - 41250  # the platform pays the producer
    assert all(isinstance(v, Decimal) for v in (s.goods, s.commission, s.balance))


def test_commission_is_rounded_half_up_to_whole_dong():
    assert statements.commission_of(Decimal(10), Decimal("5")) == Decimal(1)  # 0.5 → 1
    assert statements.commission_of(Decimal(29), Decimal("5")) == Decimal(1)  # 1.45 → 1
    assert statements.commission_of(Decimal(99999), Decimal("7.5")) == Decimal(7500)
    assert statements.commission_of(Decimal(99999), None) == 0


def test_a_producer_with_only_cash_on_delivery_owes_the_commission(client, coop, rate):
    sold(coop, Decimal(200000), Decimal(25000), "cod", at(2026, 10, 5))
    s = statements.build_statement(coop, datetime.date(2026, 10, 1))
    assert s.balance == -15000

    page = seller(client, coop, "lan").get(reverse("seller:statement") + "?month=2026-10")
    html = page.content.decode()
    assert "Số dư: bạn nợ sàn" in html  # "Balance: you owe the platform"
    assert 'data-balance="-15000"' in html
    assert "15.000" in html and "-15.000" not in html


def test_without_a_commission_rate_the_commission_is_zero_and_the_page_says_so(
    client, coop, october
):
    CommissionRate.objects.filter(kind="cooperative").delete()
    s = statements.build_statement(coop, datetime.date(2026, 10, 1))
    assert s.percent is None and s.commission == 0
    assert s.balance == s.prepaid_received

    html = seller(client, coop, "lan").get(reverse("seller:statement") + "?month=2026-10")
    assert "Chưa có mức hoa hồng" in html.content.decode()


def test_the_statement_page_lists_the_months_parcels_and_totals(client, coop, rate, october):
    response = seller(client, coop, "lan").get(reverse("seller:statement") + "?month=2026-10")
    assert response.status_code == 200
    html = response.content.decode()
    for key in ("cod", "transfer", "card", "late"):
        assert october[key].order.number in html
    for key in ("next", "before", "shipped", "returned"):
        assert october[key].order.number not in html
    assert "228.749" in html  # balance: 269 999 − 41 250
    assert "Số dư: sàn trả cho bạn" in html
    assert 'class="table-scroll"' in html


@pytest.mark.parametrize(
    "value", ["", "2026-13", "2026-1", "abcd-ef", "٢٠٢٦-١٠", "2026-10-01", "9999999-01", "0000-00"]
)
def test_bad_months_fall_back_to_the_current_month(client, coop, value):
    today = timezone.localdate()
    assert statements.parse_month(value) == today.replace(day=1)
    response = seller(client, coop, "lan").get(reverse("seller:statement"), {"month": value})
    assert response.status_code == 200
    assert today.strftime("%m/%Y") in response.content.decode()
    csv_response = client.get(reverse("seller:statement-csv"), {"month": value})
    assert csv_response.status_code == 200


def test_the_statement_downloads_as_an_excel_friendly_csv(client, coop, rate, october):
    coop.slug = "htx-mat-ong-tan-phu"
    coop.save()
    response = seller(client, coop, "lan").get(reverse("seller:statement-csv") + "?month=2026-10")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="sao-ke-htx-mat-ong-tan-phu-2026-10.csv"'
    )
    body = response.content
    assert body.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows[0][:6] == [
        "Đơn hàng",
        "Ngày giao",
        "Phương thức thanh toán",
        "Tiền hàng (₫)",
        "Phí vận chuyển (₫)",
        "Hoa hồng (₫)",
    ]
    parcels = rows[1:5]
    assert [r[0] for r in parcels] == [
        october[k].order.number for k in ("cod", "transfer", "card", "late")
    ]
    assert parcels[0][1:6] == [
        "05/10/2026",
        "Thanh toán khi nhận hàng (COD)",
        "200000",
        "30000",
        "15000",
    ]
    assert parcels[3][1] == "31/10/2026"
    totals = {r[0]: r[-1] for r in rows[6:] if r}
    assert totals["Hoa hồng của sàn"] == "41250"
    assert totals["Số dư: sàn trả cho bạn"] == "228749"


def test_the_statement_costs_the_same_queries_for_one_parcel_or_ten(client, coop, rate):
    seller(client, coop, "lan")
    url = reverse("seller:statement") + "?month=2026-10"
    sold(coop, Decimal(100000), Decimal(0), "cod", at(2026, 10, 2))
    client.get(url)  # warm caches (sessions, site, content types)
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as one_csv:
        client.get(reverse("seller:statement-csv") + "?month=2026-10")
    for day in range(3, 12):
        sold(coop, Decimal(100000), Decimal(10000), "vietqr", at(2026, 10, day))
    with CaptureQueriesContext(connection) as ten:
        response = client.get(url)
    with CaptureQueriesContext(connection) as ten_csv:
        client.get(reverse("seller:statement-csv") + "?month=2026-10")
    assert len(response.context["statement"].rows) == 10
    assert len(ten) == len(one), [q["sql"] for q in ten.captured_queries]
    assert len(ten_csv) == len(one_csv)
    assert len(ten) <= 10


def test_a_parcel_delivered_through_the_real_flow_is_in_this_months_statement(client, rate):
    product = ProductFactory(stock=120000, producer=ProducerFactory(kind="cooperative"))
    order = services.place_order(basket_with((product, 2)), buyer(), "cod")
    assert services.confirm(order, actor=statuses.STAFF)
    parcel = order.parcels.get()
    assert services.ship_parcel(parcel)
    assert services.deliver_parcel(parcel)
    parcel.refresh_from_db()

    s = statements.build_statement(product.producer, timezone.localdate().replace(day=1))
    assert [r.parcel.pk for r in s.rows] == [parcel.pk]
    assert s.goods == 240000
    assert s.cod_collected == 240000 + parcel.shipping_charge
    assert s.commission == 18000
    assert s.balance == -18000


# --- Insight ----------------------------------------------------------------------------


@pytest.fixture
def sales(coop):
    """Sales of three products in the last days, one cancelled, one 60 days ago, and a
    sale of another producer that must never count."""
    now = timezone.now()
    honey = ProductFactory(producer=coop, title="Mật ong rừng U Minh")
    pollen = ProductFactory(producer=coop, title="Phấn hoa")
    wax = ProductFactory(producer=coop, title="Sáp ong")
    other = ProductFactory(title="Nước mắm Cái Rồng")
    d = Decimal
    sold(coop, d(300000), product=honey, quantity=2, placed_at=now)
    sold(coop, d(150000), product=honey, quantity=1, placed_at=now - datetime.timedelta(days=2))
    sold(coop, d(80000), product=pollen, quantity=4, placed_at=now - datetime.timedelta(days=5))
    sold(coop, d(20000), product=wax, quantity=1, placed_at=now - datetime.timedelta(days=10))
    sold(
        coop,
        d(999000),
        product=honey,
        quantity=9,
        placed_at=now,
        order_status=statuses.CANCELLED,
    )
    sold(
        coop,
        d(888000),
        product=pollen,
        quantity=8,
        placed_at=now,
        order_status=statuses.REFUNDED,
    )
    sold(coop, d(60000), product=wax, quantity=3, placed_at=now - datetime.timedelta(days=60))
    sold(other.producer, d(777000), product=other, quantity=7, placed_at=now)
    return {"honey": honey, "pollen": pollen, "wax": wax, "other": other}


def test_insight_counts_orders_units_and_revenue_of_the_period(coop, sales):
    last30 = insight.insight(coop, 30)
    assert (last30["orders"], last30["units"], last30["revenue"]) == (4, 8, 550000)
    assert [(r["title"], r["units"], r["revenue"]) for r in last30["top"]] == [
        ("Mật ong rừng U Minh", 3, 450000),
        ("Phấn hoa", 4, 80000),
        ("Sáp ong", 1, 20000),
    ]
    last90 = insight.insight(coop, 90)
    assert (last90["orders"], last90["units"], last90["revenue"]) == (5, 11, 610000)
    assert len(last90["bars"]) == 90
    assert sum(b.revenue for b in last90["bars"]) == 610000
    today = timezone.localdate()
    assert last30["bars"][-1].day == today
    assert last30["bars"][-1].revenue == 300000
    assert last30["best"].day == today


def test_insight_keeps_the_top_five(coop):
    now = timezone.now()
    for i in range(7):
        product = ProductFactory(producer=coop, title=f"Sản phẩm {i}")
        sold(coop, Decimal(10000 * (i + 1)), product=product, placed_at=now)
    top = insight.insight(coop, 30)["top"]
    assert [r["title"] for r in top] == [f"Sản phẩm {i}" for i in (6, 5, 4, 3, 2)]


def test_the_insight_page_draws_an_accessible_svg_chart(client, coop, sales):
    response = seller(client, coop, "lan").get(reverse("seller:insight") + "?days=90")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<svg role="img" aria-labelledby="chart-title"' in html
    assert '<title id="chart-title">' in html
    assert html.count('<rect class="bar"') == 90
    assert "610.000" in html  # revenue, in the summary and the totals
    # The same numbers as a table for screen readers, and nothing fetched from elsewhere.
    assert '<figcaption class="visually-hidden">' in html
    assert html.count('<th scope="row">') == 90
    assert "<script" not in html.split('<div class="seller-page">')[1].split("</svg>")[0]
    assert "Mật ong rừng U Minh" in html
    assert "Nước mắm Cái Rồng" not in html
    assert "777.000" not in html


@pytest.mark.parametrize("value", ["", "7", "abc", "30.0", "-30", "٣٠", "99999999999"])
def test_bad_periods_fall_back_to_30_days(client, coop, value):
    response = seller(client, coop, "lan").get(reverse("seller:insight"), {"days": value})
    assert response.status_code == 200
    assert response.context["days"] == 30


def test_low_stock_warns_of_records_with_five_or_fewer_free_units(client, coop):
    from oscar.apps.partner.models import StockRecord

    def product(title, stock, held=0, state="live"):
        p = ProductFactory(producer=coop, title=title, listing_state=state)
        StockRecord.objects.filter(product=p).update(num_in_stock=stock, num_allocated=held)
        return p

    product("Còn nhiều", 50)
    product("Sắp hết", 5)
    product("Bị giữ gần hết", 12, held=8)  # 4 free
    product("Còn sáu", 6)
    product("Bản nháp hết hàng", 0, state="draft")
    product("Hết hàng tạm dừng", 0, state="paused")

    low = insight.low_stock(coop)
    assert [r.product.title for r in low] == ["Hết hàng tạm dừng", "Bị giữ gần hết", "Sắp hết"]

    html = seller(client, coop, "lan").get(reverse("seller:insight")).content.decode()
    assert "Sắp hết" in html and "Bị giữ gần hết" in html
    assert "Còn sáu" not in html and "Bản nháp hết hàng" not in html


def test_low_stock_leaves_out_options_of_a_draft_listing(coop):
    from storefront.seller import operations

    user = get_user_model().objects.create_user("lan", "lan@example.vn", "x")
    draft = ProductFactory(producer=coop, listing_state="draft", stock__num_in_stock=50)
    operations.add_option(draft, user, "Hộp 250 g", Decimal(90000), 1)
    live = ProductFactory(producer=coop, listing_state="live", stock__num_in_stock=50)
    option = operations.add_option(live, user, "Hộp 500 g", Decimal(150000), 2)
    assert [r.product for r in insight.low_stock(coop)] == [option]


def test_the_insight_page_costs_the_same_queries_for_few_or_many_sales(client, coop):
    seller(client, coop, "lan")
    url = reverse("seller:insight")
    now = timezone.now()
    product = ProductFactory(producer=coop)
    sold(coop, Decimal(100000), product=product, placed_at=now)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for i in range(10):
        p = ProductFactory(producer=coop, stock__num_in_stock=1)
        sold(coop, Decimal(100000), product=p, placed_at=now - datetime.timedelta(days=i))
    client.get(url)  # after a write the host's storefront (theme) is looked up once again
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]


# --- Another producer sees nothing of A's -----------------------------------------------


def test_another_producer_sees_nothing_of_a_on_any_report_page(client, coop, rate, october, sales):
    other = ProducerFactory(name="Cơ sở Nước mắm Cái Rồng", kind="cooperative")
    seller(client, other, "binh")
    month = "?month=2026-10"
    pages = {
        "statement": client.get(reverse("seller:statement") + month),
        "statement-csv": client.get(reverse("seller:statement-csv") + month),
        "insight 30": client.get(reverse("seller:insight")),
        "insight 90": client.get(reverse("seller:insight") + "?days=90"),
        "bulk": client.get(reverse("seller:bulk")),
        "bulk-export": client.get(reverse("seller:bulk-export")),
    }
    a_marks = [p.order.number for p in october.values()] + [
        "Mật ong rừng U Minh",
        "Phấn hoa",
        "Sáp ong",
        "Tân Phú",
        "tan-phu",
    ]
    for name, response in pages.items():
        assert response.status_code == 200, name
        body = response.content.decode("utf-8-sig")
        for mark in a_marks:
            assert mark not in body, (name, mark)
    assert pages["statement"].context["statement"].rows == []


def test_guests_are_sent_to_log_in_and_users_without_a_producer_to_apply(client):
    urls = [
        reverse("seller:statement"),
        reverse("seller:statement-csv"),
        reverse("seller:insight"),
        reverse("seller:bulk"),
        reverse("seller:bulk-export"),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302 and "login" in response["Location"], url
    client.force_login(get_user_model().objects.create_user("khach", "k@example.vn", "x"))
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == reverse("seller:apply"), url
