"""The buyer's address book in the post-2025 form: name, phone, street, commune, province.

Oscar's fields are kept and filled the way order addresses are (`line1` the street,
`line4` the commune's name, `state` the province's name), so Oscar's summary, hash and
duplicate check keep working; the commune and province are also real foreign keys, which
the checkout form is prefilled from.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from oscar.apps.address.abstract_models import AbstractUserAddress


class UserAddress(AbstractUserAddress):
    province = models.ForeignKey(
        "places.Province", on_delete=models.PROTECT, null=True, verbose_name=_("province")
    )
    ward = models.ForeignKey(
        "places.Ward", on_delete=models.PROTECT, null=True, verbose_name=_("commune / ward")
    )

    class Meta(AbstractUserAddress.Meta):
        # The default first, then the most used, then the newest.
        ordering = ["-is_default_for_shipping", "-num_orders_as_shipping_address", "-pk"]

    @property
    def one_line(self) -> str:
        """12 Lê Lợi, Phường Sài Gòn, Thành phố Hồ Chí Minh."""
        return ", ".join(part for part in (self.line1, self.line4, self.state) if part)


from oscar.apps.address.models import *  # noqa: E402, F403
