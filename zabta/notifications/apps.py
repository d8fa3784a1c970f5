"""Django app configuration for notifications."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "zabta.notifications"
    verbose_name = _("Notifications")
