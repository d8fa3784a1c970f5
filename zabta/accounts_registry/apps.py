"""Django app configuration for the social account registry."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsRegistryConfig(AppConfig):
    name = "zabta.accounts_registry"
    label = "accounts_registry"
    verbose_name = _("Social account registry")
