"""Django app configuration for directives and clauses."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PolicyConfig(AppConfig):
    name = "zabta.policy"
    verbose_name = _("Directives")
