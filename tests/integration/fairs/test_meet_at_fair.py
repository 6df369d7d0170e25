"""Product and producer pages say where to meet the producer while a fair with their
booth is upcoming or ongoing (issue 12, step 4), in one query that does not grow. On a
product page the sentence is in the producer's part, which the page loads from its own URL
(catalogue.views.ProducerMoreView)."""

import datetime
from unittest import mock

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from fairs import applications
from tests.factories import CertificateFactory, ProducerFactory, ProductFactory
from tests.integration.fairs.conftest import make_fair
from tests.pages import producer_part

# Tests here count what rendering costs: the page cache is off.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]


def count(client, url):
    client.get(url)  # warm the process-wide caches, as tests/integration/test_query_counts.py
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def part_url(product):
    return producer_part(Client().get(product.get_absolute_url()).content.decode())[0]


def exhibit(fair, producer, reviewer=None, product=None):
    product = product or ProductFactory(producer=producer)
    application = applications.apply(
        fair, producer, zone=fair.zones.get(code="A"), products=[product]
    )
    applications.approve(application, reviewer)
    application.refresh_from_db()
    return application


@pytest.fixture
def producer(db):
    return ProducerFactory(name="HTX Mật ong Tân Phú")


@pytest.fixture
def honey(producer):
    return CertificateFactory(product__producer=producer, product__title="Mật ong rừng").product


def test_product_and_producer_pages_name_the_fair_booth_and_dates(
    client, fair_index, producer, honey
):
    later = make_fair(fair_index, "Hội chợ cuối năm", starts_in=40)
    soon = make_fair(fair_index, "Hội chợ OCOP Đồng Nai", starts_in=10)
    exhibit(later, producer, product=honey)
    exhibit(soon, producer, product=honey)
    sentence = (
        f"Gặp nhà sản xuất tại Hội chợ OCOP Đồng Nai, gian A01, "
        f"{soon.start_date:%d/%m}–{soon.end_date:%d/%m/%Y}"
    )
    for url in (part_url(honey), producer.get_absolute_url()):
        html = client.get(url).content.decode()
        assert sentence in html, url  # the nearest fair first
        assert f'href="{soon.url}"' in html


def test_an_ongoing_fair_is_named_and_a_past_one_is_not(client, fair_index, producer, honey):
    past = make_fair(fair_index, "Hội chợ đã qua", starts_in=-10, days=2, application_deadline=None)
    past.application_deadline = timezone.now() + datetime.timedelta(days=1)  # to apply
    past.save()
    exhibit(past, producer, product=honey)
    assert "Gặp nhà sản xuất" not in client.get(part_url(honey)).content.decode()
    ongoing = make_fair(fair_index, "Hội chợ hôm nay", starts_in=-2, days=3)  # ends today
    ongoing.application_deadline = timezone.now() + datetime.timedelta(days=1)
    ongoing.save()
    exhibit(ongoing, producer, product=honey)
    html = client.get(part_url(honey)).content.decode()
    assert "Gặp nhà sản xuất tại Hội chợ hôm nay, gian A01" in html


def test_only_an_approved_booth_is_named(client, fair, producer, honey):
    application = applications.apply(
        fair, producer, zone=fair.zones.get(code="A"), products=[honey]
    )
    assert "Gặp nhà sản xuất" not in client.get(part_url(honey)).content.decode()
    applications.approve(application, None)
    assert "gian A01" in client.get(part_url(honey)).content.decode()
    applications.withdraw(application)
    assert "Gặp nhà sản xuất" not in client.get(part_url(honey)).content.decode()


def test_the_sentence_costs_two_queries_whatever_the_fairs_and_one_without_a_booth(
    fair_index, producer, honey
):
    client = Client()
    product_url, producer_url = part_url(honey), producer.get_absolute_url()
    # A producer without a booth (most of them): one small query, for its booths.
    with mock.patch("catalogue.views.next_appearance", return_value=None):
        without = (count(client, product_url), count(client, producer_url))
    no_booth = (count(client, product_url), count(client, producer_url))
    assert (no_booth[0] - without[0], no_booth[1] - without[1]) == (1, 1)
    # Three fairs with this producer's booth and others', over both pages: one more, for
    # the fairs; and no more with six.
    for i in range(3):
        fair = make_fair(fair_index, f"Hội chợ số {i}", starts_in=5 + i)
        exhibit(fair, producer, product=honey)
        exhibit(fair, ProducerFactory())
    three = (count(client, product_url), count(client, producer_url))
    assert (three[0] - without[0], three[1] - without[1]) == (2, 2)
    for i in range(3, 6):
        exhibit(make_fair(fair_index, f"Hội chợ số {i}", starts_in=5 + i), producer, product=honey)
    assert (count(client, product_url), count(client, producer_url)) == three
