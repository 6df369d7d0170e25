"""A product chooser for the Wagtail admin: a modal listing Oscar products, searched with
the shop's own search backend (so "keo dua" finds "Kẹo dừa" here too).

Used by the home page's featured-products block, news articles' related products and
the certificate form.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.views.generic import chooser as chooser_views
from wagtail.admin.viewsets.chooser import ChooserViewSet


class ProductSearchForm(BaseFilterForm):
    q = forms.CharField(
        label=_("Search term"),
        widget=forms.TextInput(attrs={"placeholder": _("Product name, producer, province")}),
        required=False,
    )

    def filter(self, objects):
        objects = super().filter(objects)
        text = (self.cleaned_data.get("q") or "").strip()
        self.is_searching = bool(text)
        self.search_query = text
        if text:
            from search.backends import get_backend

            ids = [pid for pid, _title in get_backend().suggest_products(text, 50)]
            objects = objects.filter(pk__in=ids)
        return objects


class ProductListing:
    filter_form_class = ProductSearchForm
    ordering = ["-date_created"]


class ProductChooseView(ProductListing, chooser_views.ChooseView):
    pass


class ProductChooseResultsView(ProductListing, chooser_views.ChooseResultsView):
    pass


class ProductChooserViewSet(ChooserViewSet):
    model = "catalogue.Product"
    icon = "pick"
    choose_one_text = _("Choose a product")
    choose_another_text = _("Choose another product")
    edit_item_text = _("Edit product")
    per_page = 20
    choose_view_class = ProductChooseView
    choose_results_view_class = ProductChooseResultsView

    def get_object_list(self):
        from catalogue.models import Product

        return Product.objects.filter(is_public=True).select_related("producer")


product_chooser_viewset = ProductChooserViewSet("product_chooser")
ProductChooserBlock = product_chooser_viewset.get_block_class(
    name="ProductChooserBlock", module_path="cms.choosers"
)
ProductChooserWidget = product_chooser_viewset.widget_class
