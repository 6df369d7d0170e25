"""Seller-centre pages for statements, insight and bulk CSV (mounted under /ban-hang/kenh/)."""

from django.urls import path

from storefront.seller.reports import bulk, insight, statements

urlpatterns = [
    path("sao-ke/", statements.statement_page, name="statement"),
    path("sao-ke/tai-ve/", statements.statement_download, name="statement-csv"),
    path("ban-hang/", insight.insight_page, name="insight"),
    path("tai-len/", bulk.bulk_page, name="bulk"),
    path("tai-len/tai-ve/", bulk.bulk_export, name="bulk-export"),
    path("tai-len/nhap/", bulk.bulk_import, name="bulk-import"),
]
