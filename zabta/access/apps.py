"""Django app configuration for users, roles and scopes."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccessConfig(AppConfig):
    name = "zabta.access"
    verbose_name = _("Users and roles")
