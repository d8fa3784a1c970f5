"""URLs of the circulation pages."""

from django.urls import path

from zabta.circulation import views

app_name = "circulation"
urlpatterns = [
    path("", views.circulation_list, name="list"),
    path("new/", views.circulation_new, name="new"),
    path("<int:pk>/", views.circulation_detail, name="detail"),
    path("<int:pk>/close/", views.circulation_close, name="close"),
    path("<int:pk>/units/<int:unit_pk>/outstanding/", views.circulation_outstanding, name="outstanding"),
    path("mine/", views.my_directives, name="mine"),
    path("mine/<int:pk>/", views.receipt_read, name="read"),
    path("receipts/<int:pk>/paper/", views.receipt_paper, name="paper"),
]
