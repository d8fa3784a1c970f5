"""URLs of the organisation pages."""

from django.urls import path

from zabta.org import views, views_import

app_name = "org"
urlpatterns = [
    path("units/", views.unit_list, name="unit_list"),
    path("units/<int:pk>/", views.unit_detail, name="unit_detail"),
    path("personnel/", views.personnel_list, name="personnel_list"),
    path("personnel/<int:pk>/", views.personnel_detail, name="personnel_detail"),
    path("personnel/import/", views_import.personnel_import, name="personnel_import"),
]
