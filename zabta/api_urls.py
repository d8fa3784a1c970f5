"""The REST API (version 1): one router; each app registers its viewsets here."""

from django.urls import path
from rest_framework.routers import DefaultRouter

from zabta.access.api import MeView
from zabta.accounts_registry.api import (
    DiscoveredAccountViewSet,
    LookupView,
    OfficialAccountViewSet,
    PersonalAccountViewSet,
)
from zabta.approvals.api import ApprovalRequestViewSet
from zabta.banks.api import BankListView, BankMatchView
from zabta.cases.api import CaseViewSet, DashboardView
from zabta.circulation.api import CirculationViewSet, ReceiptViewSet, SmsReplyView
from zabta.content.api import ContentItemViewSet
from zabta.discipline.api import ProceedingViewSet
from zabta.notifications.api import NotificationViewSet
from zabta.org.api import PersonnelViewSet, UnitViewSet
from zabta.permits.api import PermitApplicationViewSet, PermitVerifyView
from zabta.policy.api import DirectiveVersionViewSet
from zabta.review.api import FindingViewSet

router = DefaultRouter()
router.register("units", UnitViewSet, basename="unit")
router.register("personnel", PersonnelViewSet, basename="personnel")
router.register("directive-versions", DirectiveVersionViewSet, basename="directive-version")
router.register("official-accounts", OfficialAccountViewSet, basename="official-account")
router.register("personal-accounts", PersonalAccountViewSet, basename="personal-account")
router.register("discovered-accounts", DiscoveredAccountViewSet, basename="discovered-account")
router.register("approval-requests", ApprovalRequestViewSet, basename="approval-request")
router.register("permit-applications", PermitApplicationViewSet, basename="permit-application")
router.register("content-items", ContentItemViewSet, basename="content-item")
router.register("findings", FindingViewSet, basename="finding")
router.register("cases", CaseViewSet, basename="case")
router.register("proceedings", ProceedingViewSet, basename="proceeding")
router.register("circulations", CirculationViewSet, basename="circulation")
router.register("directive-receipts", ReceiptViewSet, basename="directive-receipt")
router.register("notifications", NotificationViewSet, basename="notification")

urlpatterns = [
    path("me/", MeView.as_view(), name="api-me"),
    path("account-lookup/", LookupView.as_view(), name="api-account-lookup"),
    path("permits/verify/<str:token>/", PermitVerifyView.as_view(), name="api-permit-verify"),
    path("sms/inbound/", SmsReplyView.as_view(), name="api-sms-inbound"),
    path("banks/", BankListView.as_view(), name="api-bank-list"),
    path("banks/match/", BankMatchView.as_view(), name="api-bank-match"),
    *router.urls,
]
urlpatterns += [path("dashboard/", DashboardView.as_view(), name="api-dashboard")]
