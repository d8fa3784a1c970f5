"""Django app configuration for the audit log."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "zabta.audit"
    verbose_name = _("Audit log")
