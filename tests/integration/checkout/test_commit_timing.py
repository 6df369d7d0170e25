"""The order e-mail leaves after the order is committed, never for an order rolled back.

Only the search index's callbacks run at once in tests (tests/conftest.py); the e-mail keeps
Django's timing, so these tests see what production does."""

import pytest
from django.core import mail
from django.db import transaction

from storefront.order import services
from storefront.order.models import Order

from .conftest import basket_with, buyer

pytestmark = pytest.mark.django_db


class Interrupted(Exception):
    """Whatever fails after the order was written, in the same transaction."""


def test_the_confirmation_leaves_only_when_the_order_commits(
    two_producers, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        order = services.place_order(basket_with((two_producers[0], 1)), buyer(), "cod")
        assert mail.outbox == []  # written, not yet committed: nothing sent

    assert len(callbacks) == 1
    callbacks[0]()  # the commit
    assert [m.to for m in mail.outbox] == [["lan@example.com"]]
    assert Order.objects.get(pk=order.pk).number in mail.outbox[0].subject


def test_an_order_rolled_back_sends_nothing(two_producers, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(Interrupted), transaction.atomic():
            services.place_order(basket_with((two_producers[0], 1)), buyer(), "cod")
            raise Interrupted

    assert callbacks == []
    assert mail.outbox == []
    assert not Order.objects.exists()
