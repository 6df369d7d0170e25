import pytest

from catalogue.models import Category, Standard
from storefront.places.models import Province, Ward

pytestmark = pytest.mark.django_db


def test_34_provinces_and_3321_communes_from_the_package():
    assert Province.objects.count() == 34
    assert Ward.objects.count() == 3321
    assert Province.objects.get(code=75).name == "Đồng Nai"
    assert Province.objects.get(code=86).name == "Vĩnh Long"
    assert Province.objects.get(code=79).name_en == "Ho Chi Minh City"


def test_category_tree_loaded_by_migration():
    assert Category.objects.filter(depth=1).count() == 6
    assert Category.objects.filter(depth=2).count() == 17
    assert Category.objects.filter(numchild=0).count() == 26
    tea = Category.objects.get(code="I.5")
    assert tea.name == "Chè" and tea.name_en == "Tea"
    assert [c.code for c in tea.get_children()] == ["I.5.a", "I.5.b"]
    assert Standard.objects.count() == 6


@pytest.mark.django_db
def test_province_and_commune_lists_are_in_vietnamese_order():
    from storefront.checkout.forms import CheckoutForm
    from storefront.text import vietnamese_key

    form = CheckoutForm(data={"province": 79})
    labels = [str(label) for value, label in form.fields["province"].choices if value != ""]
    assert len(labels) == 34
    assert labels == sorted(labels, key=vietnamese_key)
    # "Thành phố Hà Nội" among the H's, "Đồng Nai" right after the D's.
    hanoi = next(i for i, name in enumerate(labels) if name.endswith("Hà Nội"))
    assert labels.index(next(n for n in labels if n.endswith("Đồng Nai"))) < hanoi
    wards = [label for value, label in form.fields["ward"].widget.choices if value != ""]
    assert wards == sorted(wards, key=vietnamese_key) and len(wards) > 50
