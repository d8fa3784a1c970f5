"""Django app configuration for prior approvals."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApprovalsConfig(AppConfig):
    name = "zabta.approvals"
    label = "approvals"
    verbose_name = _("Prior approvals")
