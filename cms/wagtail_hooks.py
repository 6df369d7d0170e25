from wagtail import hooks

from cms.choosers import product_chooser_viewset


@hooks.register("register_admin_viewset")
def register_product_chooser():
    # Also becomes the widget of every ForeignKey to Product in the admin (certificates).
    return product_chooser_viewset
