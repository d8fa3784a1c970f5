"""Django app configuration for circulation."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CirculationConfig(AppConfig):
    name = "zabta.circulation"
    verbose_name = _("Circulation and acknowledgement")
