"""URLs of the intake and item pages."""

from django.urls import path

from zabta.content import views

app_name = "content"
urlpatterns = [
    path("intake/", views.intake, name="intake"),
    path("intake/bulk/", views.bulk_intake, name="bulk_intake"),
    path("items/", views.item_list, name="item_list"),
    path("items/<int:pk>/", views.item_detail, name="item_detail"),
    path("items/<int:pk>/media/<str:sha256>/", views.media_file, name="media_file"),
]
