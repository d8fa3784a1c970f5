"""URLs of the prior-approval pages."""

from django.urls import path

from zabta.approvals import views

app_name = "approvals"
urlpatterns = [
    path("", views.request_list, name="request_list"),
    path("new/", views.request_new, name="request_new"),
    path("queue/", views.queue, name="queue"),
    path("routing/", views.routing, name="routing"),
    path("<int:pk>/", views.request_detail, name="request_detail"),
    path("<int:pk>/decide/", views.request_decide, name="request_decide"),
    path("<int:pk>/resubmit/", views.request_resubmit, name="request_resubmit"),
    path("<int:pk>/withdraw/", views.request_withdraw, name="request_withdraw"),
    path("media/<int:pk>/", views.media_file, name="media_file"),
]
