import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from search.backends import get_backend
from search.backends.base import SearchQuery
from search.models import ProductDocument
from tests.factories import CertificateFactory, ProductFactory

pytestmark = pytest.mark.django_db


@pytest.mark.real_on_commit
def test_products_are_indexed_after_the_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        product = ProductFactory(title="Mật ong hoa cà phê")
        CertificateFactory(product=product, stars=4)
        assert not ProductDocument.objects.filter(product_id=product.id).exists()
    assert callbacks  # indexing waited for the commit
    doc = ProductDocument.objects.get(product_id=product.id)
    assert (doc.stars, doc.price, doc.price_range) == (4, 150000, "100000-200000")
    assert get_backend().search(SearchQuery(text="mat ong hoa")).product_ids == [product.id]


def index_writes(queries):
    """The SQL that wrote to the search index (the document table, SQLite's FTS table)."""
    return [
        q["sql"]
        for q in queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
        and ("search_productdocument" in q["sql"] or "search_fts" in q["sql"])
    ]


@pytest.mark.real_on_commit
def test_a_rolled_back_change_never_reaches_the_index(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        product = ProductFactory(title="Mật ong hoa cà phê")
    assert ProductDocument.objects.get(product_id=product.id).title == "Mật ong hoa cà phê"

    # The index is written only after a commit: a rolled-back rename writes nothing to it
    # (with the database backend a write inside the transaction would be undone with it,
    # so the test watches the SQL; Elasticsearch would keep such a write).
    with (
        CaptureQueriesContext(connection) as ctx,
        django_capture_on_commit_callbacks(execute=True) as callbacks,
    ):
        try:
            with transaction.atomic():
                product.title = "Mật ong đã huỷ"
                product.save()
                assert index_writes(ctx.captured_queries) == []
                raise RuntimeError
        except RuntimeError:
            pass
    assert callbacks == []
    assert index_writes(ctx.captured_queries) == []

    # The next commit indexes what the database holds: still the old name.
    with django_capture_on_commit_callbacks(execute=True):
        ProductFactory(title="Trà xanh Thái Nguyên")
    assert ProductDocument.objects.get(product_id=product.id).title == "Mật ong hoa cà phê"
    assert get_backend().search(SearchQuery(text="mat ong da huy")).product_ids == []
    assert get_backend().search(SearchQuery(text="mat ong hoa")).product_ids == [product.id]


def test_deleting_a_product_removes_it():
    product = ProductFactory()
    assert ProductDocument.objects.filter(product_id=product.id).exists()
    product.delete()
    assert not ProductDocument.objects.filter(product_id=product.id).exists()


def test_rebuild_command(capsys):
    ProductFactory.create_batch(3)
    ProductDocument.objects.all().delete()
    call_command("search_rebuild")
    out = capsys.readouterr().out
    assert "3/3" in out and "Indexed 3 products with the database backend" in out
    assert ProductDocument.objects.count() == 3
