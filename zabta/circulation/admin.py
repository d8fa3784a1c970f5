"""Admin: circulations and receipts, read-only (they change only through zabta.circulation.actions)."""

from django.contrib import admin

from zabta.circulation.models import Circulation, Receipt
from zabta.web.admin_site import RegistryAdmin


@admin.register(Circulation)
class CirculationAdmin(RegistryAdmin):
    list_display = ["version", "unit", "status", "circulated_by", "circulated_at", "remind_after_days",
                    "escalate_after_days"]  # fmt: skip
    list_filter = ["status", "version"]
    list_select_related = ["version__directive", "unit", "circulated_by"]


@admin.register(Receipt)
class ReceiptAdmin(RegistryAdmin):
    list_display = [
        "personnel",
        "version",
        "delivered_at",
        "reminders_sent",
        "escalated_at",
        "acknowledged_at",
        "method",
    ]
    list_filter = ["method", "version"]
    list_select_related = ["personnel__rank", "version__directive"]
    search_fields = ["personnel__personnel_id", "personnel__name"]
    raw_id_fields = ["personnel", "circulation", "unit", "recorded_by"]
