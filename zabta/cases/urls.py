"""URLs of the case pages."""

from django.urls import path

from zabta.cases import views

app_name = "cases"
urlpatterns = [
    path("", views.case_list, name="case_list"),
    path("new/", views.case_new, name="case_new"),
    path("<int:pk>/", views.case_detail, name="case_detail"),
    path("<int:pk>/<slug:action>/", views.case_act, name="case_act"),
    path("notices/", views.my_notices, name="my_notices"),
    path("dashboard/", views.dashboard, name="dashboard"),
]
