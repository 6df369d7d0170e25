"""The seller centre's reports at the sizes the limits allow: a statement month of many
parcels, the sales page over many orders, and a CSV import of the largest file accepted
(`bulk_check.MAX_ROWS` rows), which must finish well inside gunicorn's 30 s worker
timeout. The import runs with the index's real timing: one batch for every touched product
after the commit (not measured here; `search_rebuild` times show its cost per product).

    make bench PYTEST_ARGS=-k seller_reports

Printed, not asserted (apart from the import being all or nothing).
"""

import datetime
import os
import time
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from oscar.apps.partner.models import StockRecord

from catalogue.models import Product
from storefront.seller.reports import bulk_check
from tests.factories import ProducerFactory, ProductFactory
from tests.integration.seller.test_reports import seller, sold

pytestmark = [pytest.mark.benchmark, pytest.mark.django_db]
ROWS = int(os.environ.get("BENCH_ROWS", str(bulk_check.MAX_ROWS)))


def timed(client, method, url, **kwargs):
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = getattr(client, method)(url, **kwargs)
        elapsed = time.perf_counter() - started
    return response, elapsed, len(queries)


def test_statement_and_sales_of_a_busy_month(client):
    coop = ProducerFactory(kind="cooperative")
    product = ProductFactory(producer=coop)
    now = timezone.now()
    for i in range(ROWS):
        placed = now - datetime.timedelta(hours=i)
        method = ("cod", "vietqr", "stripe")[i % 3]
        sold(
            coop, Decimal(150000), Decimal(30000), method, placed, product=product, placed_at=placed
        )
    seller(client, coop, "lan")
    for name, url in (
        ("statement", reverse("seller:statement")),
        ("statement CSV", reverse("seller:statement-csv")),
        ("sales, 90 days", reverse("seller:insight") + "?days=90"),
    ):
        response, elapsed, queries = timed(client, "get", url)
        assert response.status_code == 200
        print(f"\n{name}: {elapsed * 1000:.0f} ms, {queries} queries ({ROWS} parcels)")


@pytest.mark.real_on_commit  # the index is updated once, after the import's commit
def test_importing_the_largest_file_accepted(client):
    coop = ProducerFactory()
    for _i in range(ROWS):
        ProductFactory(producer=coop, stock__num_in_stock=3)
    seller(client, coop, "lan")
    exported = client.get(reverse("seller:bulk-export")).content.decode("utf-8-sig")
    header, *rows = exported.strip().split("\n")
    changed = "\n".join([header] + [r.replace(",3,", ",4,") for r in rows]) + "\n"
    new = header + "\n" + ",,,Mắm tép chưng thịt,,I.1.a,120000,30,250,\n" * ROWS

    for name, body in (("update stock", changed), ("create drafts", new)):
        upload = SimpleUploadedFile("san-pham.csv", body.encode(), content_type="text/csv")
        response, elapsed, queries = timed(
            client, "post", reverse("seller:bulk-import"), data={"file": upload}
        )
        assert response.status_code == 302
        print(f"\nimport, {name}: {elapsed:.1f} s, {queries} queries ({ROWS} rows)")
    assert StockRecord.objects.filter(product__producer=coop, num_in_stock=4).count() == ROWS
    assert Product.objects.filter(producer=coop, listing_state="draft").count() == ROWS
