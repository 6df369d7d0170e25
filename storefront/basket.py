"""Oscar's basket page with one crash fixed (issue 9, item 20).

Oscar's `BasketView.remove_deleted_forms` reads `form-MIN_NUM_FORMS` and
`form-MAX_NUM_FORMS` from the posted data without checking they are there, so a post with
a broken management form (found by the property test) was a 500. Here a broken management
form is simply an invalid formset: the basket page again, with the form's errors.
Mounted in storefront/urls.py on Oscar's own path before Oscar's include.

An empty basket is not priced (issue 13): Oscar loads every site offer, the shipping
methods and the surcharges to show the totals of nothing.
"""

from oscar.apps.basket.views import BasketView as OscarBasketView
from oscar.apps.basket.views import SavedLineFormSet


class BasketView(OscarBasketView):
    def get_context_data(self, **kwargs):
        basket = self.request.basket
        if not basket.is_empty:
            return super().get_context_data(**kwargs)
        # Oscar's view without the totals: the formset, the voucher form, the saved items.
        context = super(OscarBasketView, self).get_context_data(**kwargs)
        context["voucher_form"] = self.get_basket_voucher_form()
        context["basket_warnings"] = []
        context["upsell_messages"] = []
        if self.request.user.is_authenticated:
            saved = self.basket_model.saved.filter(owner=self.request.user).first()
            if saved is not None:
                saved.strategy = basket.strategy
                if not saved.is_empty:
                    context["saved_formset"] = SavedLineFormSet(
                        strategy=self.request.strategy,
                        basket=basket,
                        queryset=saved.all_lines(),
                        prefix="saved",
                    )
        return context

    def formset_invalid(self, formset):
        if not formset.management_form.is_valid():
            return self.render_to_response(self.get_context_data(formset=formset))
        return super().formset_invalid(formset)


basket_view = BasketView.as_view()
