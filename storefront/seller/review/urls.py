from django.urls import path

from storefront.seller.review import views

app_name = "seller_review"

urlpatterns = [
    path("", views.review_queue, name="queue"),
    path("<slug:kind>/<int:pk>/<slug:action>/", views.decide, name="decide"),
    path("tai-lieu/<int:pk>/", views.producer_document, name="document"),
    path("ban-quet/<int:pk>/", views.certificate_scan, name="scan"),
    path("nhat-ky/", views.audit_trail, name="audit"),
]
