"""URLs of the directive pages."""

from django.urls import path

from zabta.policy import views

app_name = "policy"
urlpatterns = [
    path("", views.directive_list, name="directive_list"),
    path("<int:pk>/", views.directive_detail, name="directive_detail"),
]
