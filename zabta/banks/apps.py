"""Django app configuration for the hash banks."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BanksConfig(AppConfig):
    name = "zabta.banks"
    label = "banks"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = _("Hash banks")
