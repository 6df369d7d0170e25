import shutil

import pytest
from django.db import transaction
from django.test import TestCase, override_settings

from cms.demo.loader import ContentLoader
from cms.models import HomePage
from tests.factories import CertificateFactory, ProducerFactory


@pytest.fixture(scope="module")
def demo_content(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo content (home blocks, news, policies, fairs, English versions) over a small
    catalogue with one 5★ product, built once per module: about 2 s, instead of once per test.

    It is written inside a transaction held open for the module and rolled back at its end;
    each test's own transaction is a savepoint inside it, rolled back after the test, so a
    test still sees exactly the content and never what an earlier test changed (Django's
    `TestCase.setUpTestData` works the same way). Tests in the module that do not ask for
    the content may see it too. The on_commit callbacks of the build (image renditions,
    search index) run as they would after the loader's commit. Returns the media folder."""
    media = tmp_path_factory.mktemp("demo-media")
    with django_db_blocker.unblock():
        module_transaction = transaction.atomic()
        module_transaction.__enter__()
        try:
            with (
                override_settings(
                    MEDIA_ROOT=str(media),
                    EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
                ),
                TestCase.captureOnCommitCallbacks(execute=True),
            ):
                producer = ProducerFactory(name="HTX Nấm rơm Xuân Lộc")
                CertificateFactory(
                    product__title="Nấm rơm sạch Đồng Nai", product__producer=producer, stars=5
                )
                ContentLoader(say=lambda *_: None, image_size=160).load()
        except BaseException:
            transaction.set_rollback(True)
            module_transaction.__exit__(None, None, None)
            raise
    yield media
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        module_transaction.__exit__(None, None, None)


@pytest.fixture
def content(db, demo_content, settings):
    """The demo home page; the content's images are copied into this test's media folder."""
    shutil.copytree(demo_content, settings.MEDIA_ROOT, dirs_exist_ok=True)
    return HomePage.objects.get(
        locale__language_code="vi", depth=2, sites_rooted_here__is_default_site=True
    )
