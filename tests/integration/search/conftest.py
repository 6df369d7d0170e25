import datetime
import os
import uuid
from decimal import Decimal

import pytest
from django.utils import timezone

from catalogue.models import Category, Standard
from search.backends.database import DatabaseBackend
from search.documents import iter_documents
from tests.factories import (
    CertificateFactory,
    ProducerFactory,
    ProductFactory,
    first_ward,
    province,
)


def backend_params():
    params = [pytest.param("database", id="database")]
    # Its own variable: ELASTICSEARCH_URL (the shop's) no longer switches the tests.
    if os.environ.get("TEST_ELASTICSEARCH_URL"):
        params.append(pytest.param("elasticsearch", id="elasticsearch"))
    else:
        params.append(
            pytest.param(
                "elasticsearch",
                id="elasticsearch",
                marks=pytest.mark.skip(reason="TEST_ELASTICSEARCH_URL is not set: no cluster here"),
            )
        )
    return params


@pytest.fixture(params=backend_params())
def backend(request, settings):
    if request.param == "database":
        yield DatabaseBackend()
        return
    from search.backends.elasticsearch import ElasticsearchBackend

    es = ElasticsearchBackend(
        os.environ["TEST_ELASTICSEARCH_URL"],
        alias=f"ocop-test-{uuid.uuid4().hex[:8]}",
        refresh="wait_for",  # the contract reads its own writes at once
    )
    yield es
    # By name: Elasticsearch 8 refuses a wildcard delete (action.destructive_requires_name),
    # which would have failed every test's teardown (issue 15, item 8). Reading by a
    # wildcard is allowed.
    names = list(es.client.indices.get(index=f"{es.alias}-*", ignore_unavailable=True))
    for name in names:
        es.client.indices.delete(index=name)


def make(
    title,
    producer,
    price,
    stars=None,
    days_ago=100,
    category="I.1.a",
    standards=(),
    stock=10,
    description="",
):
    product = ProductFactory(
        title=title,
        producer=producer,
        stock=Decimal(price),
        stock__num_in_stock=stock,
        category=Category.objects.get(code=category),
        description=description,
    )
    if standards:
        product.standards.set(Standard.objects.filter(code__in=standards))
    if stars:
        CertificateFactory(
            product=product,
            stars=stars,
            decision_date=timezone.localdate() - datetime.timedelta(days=days_ago),
        )
    return product


@pytest.fixture
def catalogue(db, backend):
    dong_nai = ProducerFactory(name="HTX Nấm Xuân Lộc", kind="cooperative")
    vinh_long = ProducerFactory(
        name="Cơ sở Kẹo dừa Thanh Long",
        kind="household",
        province=province(86),
        ward=first_ward(province(86)),
    )
    hanoi = ProducerFactory(
        name="Công ty Trà Hà Nội",
        kind="enterprise",
        province=province(1),
        ward=first_ward(province(1)),
    )
    p = {
        "nam_rom": make("Nấm rơm sạch", dong_nai, 90000, stars=4, standards=["vietgap"]),
        "nam_rom_plain": make("Nam rom kho", dong_nai, 60000, stars=3, category="I.3.c"),
        "keo_dua": make(
            "Kẹo dừa sầu riêng",
            vinh_long,
            45000,
            stars=5,
            category="I.3.c",
            standards=["haccp", "vietgap"],
        ),
        "keo_dua_expired": make(
            "Kẹo dừa lá dứa", vinh_long, 42000, stars=5, days_ago=1200, category="I.3.c"
        ),
        "tra": make("Trà xanh Thái Nguyên", hanoi, 320000, stars=4, category="I.5.a", stock=0),
        "ruou": make("Rượu nếp cái hoa vàng", hanoi, 1500000, category="II.1.a"),
        "dac_san": make("Đặc sản mắm cá linh", vinh_long, 130000, stars=3, category="I.3.d"),
    }
    backend.rebuild(iter_documents())
    return p


@pytest.fixture
def es_stub(settings):
    """The shop pointed at a recording Elasticsearch stub (tests/esstub.py)."""
    from tests import esstub

    with esstub.running() as stub:
        settings.SEARCH_BACKEND = "elasticsearch"
        settings.ELASTICSEARCH_URL = stub.url
        yield stub


@pytest.fixture
def es_down(settings):
    """The shop pointed at a cluster that is down (a closed loopback port)."""
    from tests import esstub

    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = esstub.closed_port_url()
