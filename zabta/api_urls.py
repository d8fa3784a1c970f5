"""The REST API (version 1): one router; each app registers its viewsets here."""

from django.urls import path
from rest_framework.routers import DefaultRouter

from zabta.access.api import MeView
from zabta.content.api import ContentItemViewSet
from zabta.org.api import PersonnelViewSet, UnitViewSet
from zabta.policy.api import DirectiveVersionViewSet
from zabta.review.api import FindingViewSet

router = DefaultRouter()
router.register("units", UnitViewSet, basename="unit")
router.register("personnel", PersonnelViewSet, basename="personnel")
router.register("directive-versions", DirectiveVersionViewSet, basename="directive-version")
router.register("content-items", ContentItemViewSet, basename="content-item")
router.register("findings", FindingViewSet, basename="finding")

urlpatterns = [path("me/", MeView.as_view(), name="api-me"), *router.urls]
