"""URLs of the premises permit pages; apply, status, verify and qr are public."""

from django.urls import path

from zabta.permits import views

app_name = "permits"
urlpatterns = [
    path("apply/", views.apply, name="apply"),
    path("status/<str:token>/", views.status, name="status"),
    path("verify/<str:token>/", views.verify, name="verify"),
    path("verify/<str:token>/qr.svg", views.qr, name="qr"),
    path("mine/", views.mine, name="mine"),
    path("", views.queue, name="queue"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/decide/", views.decide, name="decide"),
    path("<int:pk>/revoke/", views.revoke, name="revoke"),
    path("premises/", views.assets, name="assets"),
    path("premises/<int:pk>/", views.asset_edit, name="asset_edit"),
]
