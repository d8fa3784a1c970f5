"""Django app configuration for evidence."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvidenceConfig(AppConfig):
    name = "zabta.evidence"
    label = "evidence"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = _("Evidence")
