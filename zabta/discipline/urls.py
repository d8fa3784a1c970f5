"""URLs of the proceeding pages."""

from django.urls import path

from zabta.discipline import views

app_name = "discipline"
urlpatterns = [
    path("<int:pk>/", views.proceeding_detail, name="proceeding_detail"),
    path("<int:pk>/<slug:action>/", views.proceeding_act, name="proceeding_act"),
    path("documents/<int:pk>/", views.document_download, name="document_download"),
]
