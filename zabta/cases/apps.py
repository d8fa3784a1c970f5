"""Django app configuration for enforcement cases (notices, re-checks, escalation, sweeps, dashboard)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "zabta.cases"
    verbose_name = _("Enforcement cases")
