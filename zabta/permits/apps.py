"""Django app configuration for premises permits."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PermitsConfig(AppConfig):
    name = "zabta.permits"
    label = "permits"
    verbose_name = _("Premises permits")
