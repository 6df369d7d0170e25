"""Staff approving booth applications at the same moment, on PostgreSQL's real locks
(issue 12): never two exhibitors on one booth, never more booths than the zone has."""

import pytest
from django.contrib.auth import get_user_model

from fairs import applications
from fairs.models import BoothApplication
from storefront.seller.review.services import AlreadyDecided
from tests.factories import ProducerFactory, ProductFactory
from tests.integration.checkout.conftest import run_together
from tests.integration.fairs.conftest import index_page, make_fair

pytestmark = [pytest.mark.postgres]


def approving(application, reviewer):
    def call():
        try:
            applications.approve(application, reviewer)
            return "approved"
        except applications.Refused:
            return "full"
        except AlreadyDecided:
            return "decided"

    return call


def staff(n):
    return [
        get_user_model().objects.create_user(f"staff{i}", f"staff{i}@so.vn", "pw-12345678")
        for i in range(n)
    ]


def pending(fair, n):
    zone = fair.zones.get(code="A")  # 2 booths
    result = []
    for _ in range(n):
        producer = ProducerFactory()
        result.append(
            applications.apply(
                fair, producer, zone=zone, products=[ProductFactory(producer=producer)]
            )
        )
    return result


def test_six_staff_approving_six_applications_for_two_booths_give_out_two(reference_data):
    fair = make_fair(index_page())
    outcomes = run_together(
        [approving(a, r) for a, r in zip(pending(fair, 6), staff(6), strict=True)]
    )
    assert sorted(outcomes) == ["approved", "approved", "full", "full", "full", "full"]
    booths = list(
        BoothApplication.objects.filter(fair=fair, state="approved")
        .order_by("booth")
        .values_list("booth", flat=True)
    )
    assert booths == ["A01", "A02"]


def test_two_staff_approving_the_same_application_give_it_one_booth(reference_data):
    fair = make_fair(index_page())
    (application,) = pending(fair, 1)
    outcomes = run_together([approving(application, r) for r in staff(2)])
    assert sorted(outcomes) == ["approved", "decided"]
    application.refresh_from_db()
    assert application.booth == "A01"
    assert BoothApplication.objects.filter(fair=fair, state="approved").count() == 1


def test_a_withdrawal_racing_an_approval_never_doubles_a_booth(reference_data):
    fair = make_fair(index_page())
    first, second, third = pending(fair, 3)
    reviewer = staff(1)[0]
    applications.approve(first, reviewer)
    applications.approve(second, reviewer)
    applications.waitlist(third, reviewer, "Khu A đã kín")
    late = pending(fair, 1)[0]

    def withdraw():
        applications.withdraw(first)
        return "withdrawn"

    outcomes = run_together([withdraw, approving(late, reviewer)])
    assert outcomes[0] == "withdrawn"
    booths = list(
        BoothApplication.objects.filter(fair=fair, state="approved").values_list("booth", flat=True)
    )
    assert sorted(booths) == ["A01", "A02"]  # the freed booth went to one of them only
