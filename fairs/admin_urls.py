from django.urls import path

from fairs import admin_views

app_name = "fair_applications"

urlpatterns = [
    path("", admin_views.application_list, name="list"),
    path("<int:pk>/<slug:action>/", admin_views.decide, name="decide"),
    path("tai-lieu/<int:pk>/", admin_views.document, name="document"),
]
