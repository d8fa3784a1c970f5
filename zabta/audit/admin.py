"""Admin for the audit log: read-only; nobody adds, changes or deletes an event from the admin."""

from django.contrib import admin

from zabta.audit.models import AuditEvent
from zabta.web.admin_site import RegistryAdmin


@admin.register(AuditEvent)
class AuditEventAdmin(RegistryAdmin):
    list_display = ["seq", "occurred_at", "actor_label", "action", "object_type", "object_repr"]
    list_filter = ["action", "object_type"]
    search_fields = ["actor_label", "action", "object_id", "object_repr"]
    date_hierarchy = "occurred_at"
    actions = None
