"""URLs of the hash bank pages."""

from django.urls import path

from zabta.banks import views

app_name = "banks"
urlpatterns = [
    path("", views.bank_list, name="list"),
    path("match/", views.match, name="match"),
    path("<slug:name>/", views.bank_detail, name="detail"),
    path("<slug:name>/add/", views.entry_add, name="entry_add"),
]
