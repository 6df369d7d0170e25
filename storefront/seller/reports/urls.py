"""Seller-centre pages for statements, insight and bulk CSV (mounted under /ban-hang/kenh/)."""

urlpatterns = []
