"""Django app configuration for the organisation registry."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgConfig(AppConfig):
    name = "zabta.org"
    verbose_name = _("Organisation")
