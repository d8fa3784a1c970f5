"""URLs of the in-app inbox."""

from django.urls import path

from zabta.notifications import views

app_name = "notifications"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("<int:pk>/open/", views.open_notification, name="open"),
]
