"""Admin: routing rules and approval requests, read-only (they change only through zabta.approvals.actions)."""

from django.contrib import admin

from zabta.approvals.models import ApprovalDecision, ApprovalRequest, ApprovedFingerprint, RoutingRule
from zabta.web.admin_site import RegistryAdmin


@admin.register(RoutingRule)
class RoutingRuleAdmin(RegistryAdmin):
    list_display = ["unit", "validity_days"]
    list_select_related = ["unit"]


@admin.register(ApprovalRequest)
class ApprovalRequestAdmin(RegistryAdmin):
    list_display = ["id", "account", "status", "step", "current_unit", "due_at", "submitted_at", "decided_at",
                    "valid_until"]  # fmt: skip
    list_filter = ["status"]
    list_select_related = ["account", "current_unit"]
    search_fields = ["account__handle_key", "caption"]


@admin.register(ApprovalDecision)
class ApprovalDecisionAdmin(RegistryAdmin):
    list_display = ["request", "step", "authority_unit", "decided_by", "decision", "decided_at"]
    list_filter = ["decision"]
    list_select_related = ["request__account", "authority_unit", "decided_by"]


@admin.register(ApprovedFingerprint)
class ApprovedFingerprintAdmin(RegistryAdmin):
    list_display = ["id", "kind", "account", "valid_from", "valid_until"]
    list_select_related = ["account"]
