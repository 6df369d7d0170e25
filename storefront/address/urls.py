"""The address book on Oscar's own paths (mounted before Oscar's include in
storefront/urls.py), so `{% url "customer:address-list" %}` and the rest still name it."""

from django.urls import path, re_path

from storefront.address import views

urlpatterns = [
    path("", views.AddressListView.as_view()),
    path("add/", views.AddressFormView.as_view()),
    path("<int:pk>/", views.AddressFormView.as_view()),
    path("<int:pk>/delete/", views.AddressDeleteView.as_view()),
    re_path(
        r"^(?P<pk>\d+)/(?P<action>default_for_(?:billing|shipping))/$",
        views.AddressDefaultView.as_view(),
    ),
]
