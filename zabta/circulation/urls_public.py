"""The short public acknowledgement link sent by SMS (/a/<token>/)."""

from django.urls import path

from zabta.circulation import views_public

app_name = "circulation_public"
urlpatterns = [path("<str:token>/", views_public.acknowledge, name="acknowledge")]
