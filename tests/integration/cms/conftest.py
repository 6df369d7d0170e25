import pytest

from cms.demo.loader import ContentLoader
from cms.models import HomePage
from tests.factories import CertificateFactory, ProducerFactory


@pytest.fixture
def content(db):
    """The demo content (home blocks, news, policies, fairs, English versions) over a small
    catalogue with one 5★ product."""
    producer = ProducerFactory(name="HTX Nấm rơm Xuân Lộc")
    CertificateFactory(product__title="Nấm rơm sạch Đồng Nai", product__producer=producer, stars=5)
    ContentLoader(say=lambda *_: None, image_size=160).load()
    return HomePage.objects.get(locale__language_code="vi")
