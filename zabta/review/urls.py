"""URLs of the review queue."""

from django.urls import path

from zabta.review import views

app_name = "review"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("bulk/", views.bulk_decide, name="bulk_decide"),
    path("findings/<int:pk>/", views.finding, name="finding"),
    path("findings/<int:pk>/claim/", views.claim, name="claim"),
    path("findings/<int:pk>/release/", views.release, name="release"),
    path("findings/<int:pk>/decide/", views.decide, name="decide"),
]
