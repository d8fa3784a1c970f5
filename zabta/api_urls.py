"""The REST API (version 1): one router; each app registers its viewsets here."""

from django.urls import path
from rest_framework.routers import DefaultRouter

from zabta.access.api import MeView
from zabta.org.api import PersonnelViewSet, UnitViewSet
from zabta.policy.api import DirectiveVersionViewSet

router = DefaultRouter()
router.register("units", UnitViewSet, basename="unit")
router.register("personnel", PersonnelViewSet, basename="personnel")
router.register("directive-versions", DirectiveVersionViewSet, basename="directive-version")

urlpatterns = [path("me/", MeView.as_view(), name="api-me"), *router.urls]
