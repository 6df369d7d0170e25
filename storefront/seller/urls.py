from django.urls import include, path

from storefront.seller import certificates, fairs, listings, parcels, profile, views

app_name = "seller"

urlpatterns = [
    # The way in
    path("", views.landing, name="landing"),
    path("dang-ky/", views.apply, name="apply"),
    path("loi-moi/<str:token>/", views.accept_invitation, name="accept-invitation"),
    path("chung-nhan/<int:pk>/ban-quet/", certificates.public_scan, name="certificate-scan"),
    # The centre
    path("kenh/", views.home, name="home"),
    path("kenh/san-pham/", listings.product_list, name="products"),
    path("kenh/san-pham/them/", listings.product_create, name="product-create"),
    path("kenh/san-pham/<int:pk>/", listings.product_edit, name="product"),
    path("kenh/san-pham/<int:pk>/trang-thai/", listings.product_state, name="product-state"),
    path("kenh/san-pham/<int:pk>/gia-kho/", listings.stock_edit, name="product-stock"),
    path("kenh/san-pham/<int:pk>/phan-loai/them/", listings.option_create, name="option-create"),
    path("kenh/phan-loai/<int:pk>/", listings.option_edit, name="option"),
    path("kenh/phan-loai/<int:pk>/xoa/", listings.option_delete, name="option-delete"),
    path("kenh/san-pham/<int:pk>/anh/", listings.photos, name="photos"),
    path("kenh/anh/<int:pk>/", listings.photo_action, name="photo-action"),
    path("kenh/chung-nhan/", certificates.certificate_list, name="certificates"),
    path("kenh/chung-nhan/them/", certificates.certificate_create, name="certificate-create"),
    path("kenh/chung-nhan/<int:pk>/", certificates.certificate_detail, name="certificate"),
    path("kenh/chung-nhan/<int:pk>/ban-quet/", certificates.own_scan, name="own-certificate-scan"),
    path("kenh/don-hang/", parcels.parcel_list, name="parcels"),
    path("kenh/don-hang/<int:pk>/", parcels.parcel_detail, name="parcel"),
    path("kenh/ho-so/", profile.profile_edit, name="profile"),
    path("kenh/ho-so/anh/", profile.profile_photos, name="profile-photos"),
    path("kenh/thanh-vien/", profile.members, name="members"),
    path("kenh/thong-bao/", profile.notices, name="notices"),
    path("kenh/hoi-cho/", fairs.fair_list, name="fairs"),
    path("kenh/hoi-cho/dang-ky/", fairs.fair_apply, name="fair-apply"),
    path("kenh/hoi-cho/don/<int:pk>/", fairs.fair_application, name="fair-application"),
    path("kenh/hoi-cho/don/<int:pk>/rut/", fairs.fair_withdraw, name="fair-withdraw"),
    path("kenh/hoi-cho/don/<int:pk>/tai-lieu/", fairs.fair_document, name="fair-document"),
    path("kenh/", include("storefront.seller.reports.urls")),
]
