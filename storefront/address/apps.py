import oscar.apps.address.apps as apps


class AddressConfig(apps.AddressConfig):
    """Oscar's address app, forked for a post-2025 address book (province → commune).

    The address book's pages are ours (storefront/address/views.py), mounted on Oscar's
    paths in storefront/address/urls.py, so `customer:address-*` names still reverse.
    """

    name = "storefront.address"
