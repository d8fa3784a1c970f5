"""Admin: the delivery log, read-only (notifications change only through the actions and the delivery tasks)."""

from django.contrib import admin

from zabta.notifications.models import Notification
from zabta.web.admin_site import RegistryAdmin


@admin.register(Notification)
class NotificationAdmin(RegistryAdmin):
    list_display = ["created_at", "template", "channel", "address", "status", "skip_reason", "attempts", "sent_at"]
    list_filter = ["channel", "status", "template", "language"]
    search_fields = ["address", "subject", "template"]
    date_hierarchy = "created_at"
