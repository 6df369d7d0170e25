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
