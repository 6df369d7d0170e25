"""Oscar's basket page with one crash fixed (issue 9, item 20).

Oscar's `BasketView.remove_deleted_forms` reads `form-MIN_NUM_FORMS` and
`form-MAX_NUM_FORMS` from the posted data without checking they are there, so a post with
a broken management form (found by the property test) was a 500. Here a broken management
form is simply an invalid formset: the basket page again, with the form's errors.
Mounted in storefront/urls.py on Oscar's own path before Oscar's include.
"""

from oscar.apps.basket.views import BasketView as OscarBasketView


class BasketView(OscarBasketView):
    def formset_invalid(self, formset):
        if not formset.management_form.is_valid():
            return self.render_to_response(self.get_context_data(formset=formset))
        return super().formset_invalid(formset)


basket_view = BasketView.as_view()
