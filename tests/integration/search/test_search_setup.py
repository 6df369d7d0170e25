"""Issue 15, item 4: the index and its alias are made at deploy time (`search_setup`, run
by compose.yaml before gunicorn), against the recording stub."""

from io import StringIO

import pytest
from django.core.management import call_command

from tests import esstub
from tests.factories import ProductFactory
from tests.integration.operations.conftest import ROOT

pytestmark = pytest.mark.django_db


def setup_output():
    out, err = StringIO(), StringIO()
    call_command("search_setup", stdout=out, stderr=err)
    return out.getvalue() + err.getvalue()


def test_a_missing_alias_is_built_from_the_catalogue(es_stub):
    product = ProductFactory(title="Kẹo dừa sầu riêng")
    esstub.accepting(es_stub)
    es_stub.requests.clear()
    assert "Created the Elasticsearch alias ocop-products with 1 products" in setup_output()
    (swap,) = es_stub.seen("POST", r"^/_aliases$")
    (add,) = [a["add"] for a in swap.body["actions"] if "add" in a]
    assert add["alias"] == "ocop-products"
    loaded = [line for r in es_stub.seen("PUT", r"^/_bulk$") for line in r.body]
    assert any(f'"_id":{product.id}' in line.replace(" ", "") for line in loaded)


def test_an_existing_alias_is_left_alone(es_stub):
    esstub.accepting(es_stub, indices=["ocop-products-first"])
    assert "is ready" in setup_output()
    assert not es_stub.seen("PUT") and not es_stub.seen("POST")


def test_a_cluster_down_does_not_stop_the_deploy(es_down):
    assert "searches the database" in setup_output()


def test_the_database_backend_needs_nothing():
    assert "nothing to set up" in setup_output()


def test_compose_runs_it_before_gunicorn():
    text = (ROOT / "compose.yaml").read_text()
    web = text[text.index("  web:") : text.index("  worker:")]
    command = web[web.index("command:") : web.index("ports:")]
    assert command.index("migrate") < command.index("search_setup") < command.index("gunicorn")


def test_a_rebuild_while_another_runs_fails_clearly(es_stub):
    from django.core.management.base import CommandError
    from django.utils import timezone

    esstub.accepting(es_stub, indices=["ocop-products-first"])
    lock = "ocop-products-rebuild"
    es_stub.route("PUT", rf"^/{lock}$", (400, esstub.already_exists(lock)))
    started = {"_meta": {"started": timezone.now().isoformat()}}
    es_stub.route("GET", rf"^/{lock}/_mapping$", (200, {lock: {"mappings": started}}))
    with pytest.raises(CommandError, match="another rebuild"):
        call_command("search_rebuild", stdout=StringIO())
    assert not es_stub.seen("POST", r"^/_aliases$")


def test_a_refused_rebuild_leaves_the_database_index_alone(es_stub):
    """The lock is taken before the database's half of the rebuild, not only before the
    cluster's: two rebuilds never rewrite ProductDocument at once."""
    from django.utils import timezone

    from search.backends.es_indexing import RebuildRunning
    from search.indexing import rebuild
    from search.models import ProductDocument

    product = ProductFactory(title="Kẹo dừa sầu riêng")
    ProductDocument.objects.filter(product_id=product.id).delete()
    esstub.accepting(es_stub, indices=["ocop-products-first"])
    lock = "ocop-products-rebuild"
    es_stub.route("PUT", rf"^/{lock}$", (400, esstub.already_exists(lock)))
    started = {"_meta": {"started": timezone.now().isoformat()}}
    es_stub.route("GET", rf"^/{lock}/_mapping$", (200, {lock: {"mappings": started}}))
    with pytest.raises(RebuildRunning):
        rebuild()
    assert not ProductDocument.objects.filter(product_id=product.id).exists()


def test_a_rebuild_with_the_cluster_down_still_rebuilds_the_database(es_down):
    from search.indexing import rebuild
    from search.models import ProductDocument

    product = ProductFactory(title="Kẹo dừa sầu riêng")
    ProductDocument.objects.filter(product_id=product.id).delete()
    with pytest.raises(Exception):  # noqa: B017 - the client's connection error
        rebuild()
    assert ProductDocument.objects.filter(product_id=product.id).exists()
